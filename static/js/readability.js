/* The readability panel on the chapter change page, kept up to date while the editor types:
   the text goes to the staff-only endpoint (its address is the panel's data-readability-url),
   which answers with the panel's report, rendered by the same template as on page load.
   Without JavaScript the panel shows the report of the text as the page was loaded. */
(function () {
  "use strict";

  var DELAY = 800; // ms after the last keystroke: a pause in typing, not every letter
  var timer = null;
  var controller = null;
  var sequence = 0;
  var lastSummary = null;

  function panel() {
    return document.getElementById("leesbaarheid");
  }

  function isEditor(element) {
    return element && element.tagName === "TEXTAREA" && element.name === "body" &&
      element.classList.contains("markdownx-editor");
  }

  function csrfToken(editor) {
    var field = editor.form && editor.form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // Only the overall figures are announced, and only when they change: a screen reader user
  // hears "score 52" once, not a message after every pause in typing.
  function announce(box, text) {
    var status = box.querySelector("[data-readability-status]");
    if (!status || text === lastSummary) return;
    lastSummary = text;
    status.textContent = text;
  }

  function failed(box) {
    // The last report stays; a login page or error page never replaces it.
    lastSummary = null;
    var status = box.querySelector("[data-readability-status]");
    if (status) {
      status.textContent = "De score kon niet worden bijgewerkt. Wat hier staat, hoort bij een eerdere versie van uw tekst.";
    }
  }

  function show(box, html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("[data-readability-report]");
    var current = box.querySelector("[data-readability-report]");
    if (!fresh || !current) return false;
    current.replaceWith(document.importNode(fresh, true));
    announce(box, fresh.getAttribute("data-summary") || "");
    return true;
  }

  function update(editor) {
    var box = panel();
    var url = box && box.getAttribute("data-readability-url");
    if (!url) return;
    if (controller) controller.abort();
    controller = typeof AbortController === "function" ? new AbortController() : null;
    var mine = ++sequence;
    var data = new FormData();
    data.append("body", editor.value);
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      // An expired session answers with a redirect to the login page: treat it as a failure
      // instead of following it.
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken(editor), "Accept": "text/html" },
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (!response.ok || response.type === "opaqueredirect" || type.indexOf("text/html") !== 0) {
        throw new Error("readability " + response.status);
      }
      return response.text();
    }).then(function (html) {
      if (mine !== sequence) return; // a newer request is on its way
      if (!show(box, html)) failed(box);
    }).catch(function (error) {
      if (error && error.name === "AbortError") return;
      if (mine === sequence) failed(box);
    });
  }

  function schedule(event) {
    var editor = event.target;
    if (!isEditor(editor)) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { update(editor); }, DELAY);
  }

  // Delegated: this script loads in the head, before the form exists.
  document.addEventListener("input", schedule);
})();
