/* A report on the chapter change page that follows the text while the editor types (the
   readability panel, "Wie linkt hierheen?"): after a pause in typing the text goes to a
   staff-only endpoint, which answers with the report rendered by the same template as on page
   load, and the report is swapped in. Only the report's summary is announced, and only when it
   changes. A login page, an error page or a refusal never replaces a report: the last one stays
   with a message that it may be outdated. Without JavaScript the page shows the report of the
   text as it was loaded. readability.js and links.js say what differs. */
(function () {
  "use strict";

  var DELAY = 800; // ms after the last keystroke: a pause in typing, not every letter

  function isEditor(element) {
    return element && element.tagName === "TEXTAREA" && element.name === "body" &&
      element.classList.contains("markdownx-editor");
  }

  function csrfToken(editor) {
    var field = editor.form && editor.form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  /* options: boxId, urlAttribute, statusSelector, reportSelector, fields(editor, data),
     show(box, doc) -> the fresh report element or null, quietAtStart (the summary shown on
     load is not announced again), messages: {failed, loggedOut, outdated} */
  window.liveReport = function (options) {
    var timer = null;
    var controller = null;
    var sequence = 0;
    var lastSummary = null;
    var started = false;

    function box() {
      return document.getElementById(options.boxId);
    }

    function announce(where, text) {
      var status = where.querySelector(options.statusSelector);
      if (!status || text === lastSummary) return;
      lastSummary = text;
      status.textContent = text;
    }

    function failed(where, message) {
      lastSummary = null;
      var status = where.querySelector(options.statusSelector);
      if (status) status.textContent = message + " " + options.messages.outdated;
    }

    function answerOf(response) {
      var type = response.headers.get("Content-Type") || "";
      // An expired session answers 401 or with a redirect to the login page: never follow it.
      if (response.status === 401 || response.type === "opaqueredirect") {
        return { message: options.messages.loggedOut };
      }
      if (response.status === 413) {
        return response.text().then(function (text) { return { message: text }; });
      }
      if (!response.ok || type.indexOf("text/html") !== 0) {
        return { message: options.messages.failed };
      }
      return response.text().then(function (html) { return { html: html }; });
    }

    function update(editor) {
      var where = box();
      var url = where && where.getAttribute(options.urlAttribute);
      if (!url) return;
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      var mine = ++sequence;
      var data = new FormData();
      data.append("body", editor.value);
      if (options.fields) options.fields(editor, data);
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-CSRFToken": csrfToken(editor), "Accept": "text/html" },
        signal: controller ? controller.signal : undefined
      }).then(answerOf).then(function (answer) {
        if (mine !== sequence) return; // a newer request is on its way
        var fresh = answer.html === undefined ? null :
          options.show(where, new DOMParser().parseFromString(answer.html, "text/html"));
        if (fresh) {
          announce(where, fresh.getAttribute("data-summary") || "");
        } else {
          failed(where, answer.message || options.messages.failed);
        }
      }).catch(function (error) {
        if (error && error.name === "AbortError") return;
        if (mine === sequence) failed(where, options.messages.failed);
      });
    }

    function schedule(event) {
      var editor = event.target;
      if (!isEditor(editor)) return;
      var where = box();
      if (where && !started && options.quietAtStart) {
        // What the page showed on load needs no announcement: only a change from it does.
        started = true;
        var report = where.querySelector(options.reportSelector);
        lastSummary = report ? report.getAttribute("data-summary") || "" : "";
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { update(editor); }, DELAY);
    }

    // Delegated: the scripts load in the head, before the form exists.
    document.addEventListener("input", schedule);
  };

  // Swaps `selector` in `where` for the same element of `doc`; the fresh element, or null.
  window.liveReport.swap = function (where, doc, selector) {
    var fresh = doc.querySelector(selector);
    var current = where.querySelector(selector);
    if (!fresh || !current) return null;
    var imported = document.importNode(fresh, true);
    current.replaceWith(imported);
    return imported;
  };
})();
