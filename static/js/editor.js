/* Admin editor: files dropped or pasted into the Markdown field are not uploaded (every image
   needs a description), so explain where images go instead of sending them anywhere. */
(function () {
  "use strict";
  // The address comes from the page ({% url %} in a data- attribute), read when needed: this
  // script loads in the head, before the form exists.
  function addImageUrl() {
    var settings = document.getElementById("editor-settings");
    return settings ? settings.getAttribute("data-add-image-url") : "";
  }

  function notice(editor) {
    var box = editor.parentNode.querySelector(".editor-image-notice");
    if (!box) {
      box = document.createElement("p");
      box.className = "editor-image-notice";
      box.setAttribute("role", "status");
      editor.parentNode.insertBefore(box, editor.nextSibling);
    }
    box.textContent = "Afbeeldingen kunt u hier niet neerzetten of plakken. ";
    var url = addImageUrl();
    if (!url) return;
    var link = document.createElement("a");
    link.href = url;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = "Voeg de afbeelding toe bij Afbeeldingen (met een beschrijving) en plak daarna de code in de tekst.";
    box.appendChild(link);
  }

  function intercept(event) {
    var editor = event.target;
    if (!editor || !editor.classList || !editor.classList.contains("markdownx-editor")) return;
    var transfer = event.dataTransfer || event.clipboardData;
    if (!transfer || !transfer.files || transfer.files.length === 0) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    notice(editor);
  }

  document.addEventListener("drop", intercept, true);
  document.addEventListener("paste", intercept, true);
})();
