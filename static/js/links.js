/* "Wie linkt hierheen?" on the chapter change page, kept up to date while the editor types
   (live-report.js): the text and the title go to the staff-only endpoint (the block's
   data-link-report-url), which answers with the report (handreiking/admin/links.py). Only the
   counts are announced, and only when they change from what the page showed. */
(function () {
  "use strict";

  window.liveReport({
    boxId: "links-naar-dit-hoofdstuk",
    urlAttribute: "data-link-report-url",
    statusSelector: "[data-link-report-status]",
    reportSelector: "[data-link-report]",
    quietAtStart: true,
    fields: function (editor, data) {
      var title = editor.form && editor.form.querySelector("input[name=title]");
      data.append("title", title ? title.value : "");
    },
    show: function (box, doc) {
      var before = box.querySelector("[data-link-report]");
      var hadAttention = before && before.getAttribute("data-attention") === "ja";
      var report = window.liveReport.swap(box, doc, "[data-link-report]");
      if (!report) return null;
      window.liveReport.swap(box, doc, "[data-link-report-badges]");
      // A new warning must not hide in a closed block; once open, the editor decides.
      var details = box.querySelector("details");
      if (details && !hadAttention && report.getAttribute("data-attention") === "ja") {
        details.open = true;
      }
      return report;
    },
    messages: {
      failed: "Wie hierheen linkt kon niet worden bijgewerkt.",
      loggedOut: "U bent uitgelogd, dus wie hierheen linkt kon niet worden bijgewerkt.",
      outdated: "Wat hier staat, hoort bij een eerdere versie van uw tekst en kan verouderd zijn."
    }
  });
})();
