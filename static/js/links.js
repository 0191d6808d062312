/* "Wie linkt hierheen?" on the chapter change page, kept up to date while the editor types:
   the text goes to the staff-only endpoint (its address is the block's data-link-report-url),
   which answers with the report, rendered by the same template as on page load
   (handreiking/admin/links.py). Without JavaScript the block shows the report of the text as
   the page was loaded. */
(function () {
  "use strict";

  var DELAY = 800; // ms after the last keystroke: a pause in typing, not every letter
  var OUTDATED = "Wat hier staat, hoort bij een eerdere versie van uw tekst en kan verouderd zijn.";
  var timer = null;
  var controller = null;
  var sequence = 0;
  var lastSummary = null;
  var started = false;

  function block() {
    return document.getElementById("links-naar-dit-hoofdstuk");
  }

  function isEditor(element) {
    return element && element.tagName === "TEXTAREA" && element.name === "body" &&
      element.classList.contains("markdownx-editor");
  }

  function csrfToken(editor) {
    var field = editor.form && editor.form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function typedTitle(editor) {
    var field = editor.form && editor.form.querySelector("input[name=title]");
    return field ? field.value : "";
  }

  function currentSummary(box) {
    var report = box.querySelector("[data-link-report]");
    return report ? report.getAttribute("data-summary") || "" : "";
  }

  // Only the counts are announced, and only when they change: a screen reader user hears
  // "1 link landt straks op een andere plek" once, not the whole list after every pause.
  function announce(box, text) {
    var status = box.querySelector("[data-link-report-status]");
    if (!status || text === lastSummary) return;
    lastSummary = text;
    status.textContent = text;
  }

  function failed(box, message) {
    // The last report stays; a login page or error page never replaces it.
    lastSummary = null;
    var status = box.querySelector("[data-link-report-status]");
    if (status) status.textContent = message;
  }

  function swap(box, fresh, selector) {
    var current = box.querySelector(selector);
    if (!fresh || !current) return false;
    current.replaceWith(document.importNode(fresh, true));
    return true;
  }

  function show(box, html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var report = doc.querySelector("[data-link-report]");
    var before = box.querySelector("[data-link-report]");
    var hadAttention = before && before.getAttribute("data-attention") === "ja";
    if (!swap(box, report, "[data-link-report]")) return false;
    swap(box, doc.querySelector("[data-link-report-badges]"), "[data-link-report-badges]");
    // A new warning must not hide in a closed block; once open, the editor decides.
    var details = box.querySelector("details");
    if (details && !hadAttention && report.getAttribute("data-attention") === "ja") {
      details.open = true;
    }
    announce(box, report.getAttribute("data-summary") || "");
    return true;
  }

  function update(editor) {
    var box = block();
    var url = box && box.getAttribute("data-link-report-url");
    if (!url) return;
    if (controller) controller.abort();
    controller = typeof AbortController === "function" ? new AbortController() : null;
    var mine = ++sequence;
    var data = new FormData();
    data.append("body", editor.value);
    data.append("title", typedTitle(editor));
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      // Never follow a redirect to the login page: its HTML is no report.
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken(editor), "Accept": "text/html" },
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (response.status === 401 || response.type === "opaqueredirect") {
        return { message: "U bent uitgelogd, dus wie hierheen linkt kon niet worden bijgewerkt. " + OUTDATED };
      }
      if (response.status === 413) {
        return response.text().then(function (text) { return { message: text + " " + OUTDATED }; });
      }
      if (!response.ok || type.indexOf("text/html") !== 0) {
        return { message: "Wie hierheen linkt kon niet worden bijgewerkt. " + OUTDATED };
      }
      return response.text().then(function (html) { return { html: html }; });
    }).then(function (answer) {
      if (mine !== sequence) return; // a newer request is on its way
      if (answer.html === undefined || !show(box, answer.html)) {
        failed(box, answer.message || "Wie hierheen linkt kon niet worden bijgewerkt. " + OUTDATED);
      }
    }).catch(function (error) {
      if (error && error.name === "AbortError") return;
      if (mine === sequence) failed(box, "Wie hierheen linkt kon niet worden bijgewerkt. " + OUTDATED);
    });
  }

  function schedule(event) {
    var editor = event.target;
    if (!isEditor(editor)) return;
    var box = block();
    if (box && !started) {
      // What the page showed on load needs no announcement: only a change from it does.
      started = true;
      lastSummary = currentSummary(box);
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { update(editor); }, DELAY);
  }

  // Delegated: this script loads in the head, before the form exists.
  document.addEventListener("input", schedule);
})();
