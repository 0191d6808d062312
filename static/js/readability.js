/* The readability panel on the chapter change page, kept up to date while the editor types
   (live-report.js): the text goes to the staff-only endpoint (the panel's
   data-readability-url), which answers with the panel's report. The overall figures are
   announced when they change, so a screen reader user hears "score 52" once. */
(function () {
  "use strict";

  window.liveReport({
    boxId: "leesbaarheid",
    urlAttribute: "data-readability-url",
    statusSelector: "[data-readability-status]",
    reportSelector: "[data-readability-report]",
    show: function (box, doc) {
      return window.liveReport.swap(box, doc, "[data-readability-report]");
    },
    messages: {
      failed: "De score kon niet worden bijgewerkt.",
      loggedOut: "De score kon niet worden bijgewerkt: u bent uitgelogd.",
      outdated: "Wat hier staat, hoort bij een eerdere versie van uw tekst."
    }
  });
})();
