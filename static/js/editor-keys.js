/* Keyboard in the chapter editor: Tab and Shift+Tab move to the next and previous field, as
   everywhere else (WCAG 2.1.2: no keyboard trap). The Markdown editor's own script (markdownx)
   takes them for indenting, so a keyboard user who typed could never reach the buttons. Its
   listener sits on the text box; this one, on the document in the capture phase, runs first and
   keeps Tab from reaching it, without stopping the browser from moving focus. Indenting stays on
   markdownx's other keys, Ctrl+] and Ctrl+[ (Cmd on a Mac), which a hint under the box names.
   The live preview gets a name and a tab stop. */
(function () {
  "use strict";

  var HINT =
    "Met Tab gaat u naar het volgende veld. Inspringen: Ctrl+] (Mac: Cmd+]), terug: Ctrl+[.";

  function isEditor(element) {
    return element && element.tagName === "TEXTAREA" && element.classList.contains("markdownx-editor");
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" || event.ctrlKey || event.altKey || event.metaKey) return;
    if (!isEditor(event.target)) return;
    event.stopPropagation();
  }, true);

  // The live preview scrolls on its own: a keyboard user needs a tab stop to scroll it, and a
  // screen reader user a name for what it is.
  function namePreviews() {
    var previews = document.querySelectorAll(".markdownx-preview");
    Array.prototype.forEach.call(previews, function (preview) {
      preview.setAttribute("role", "region");
      preview.setAttribute("aria-label", "Voorbeeld van de tekst");
      preview.setAttribute("tabindex", "0");
    });
  }

  function addHints() {
    var editors = document.querySelectorAll("textarea.markdownx-editor");
    Array.prototype.forEach.call(editors, function (editor, index) {
      var id = "toetsen-" + (editor.id || index);
      if (document.getElementById(id)) return;
      var hint = document.createElement("p");
      hint.id = id;
      hint.className = "editor-keys-hint";
      hint.textContent = HINT;
      editor.parentNode.insertBefore(hint, editor.nextSibling);
      var described = editor.getAttribute("aria-describedby");
      editor.setAttribute("aria-describedby", described ? described + " " + id : id);
    });
  }

  function start() {
    addHints();
    namePreviews();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
