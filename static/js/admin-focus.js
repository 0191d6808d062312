/* Where focus lands on an admin screen after a save or a refused form: on the error note
   ("Verbeter de fout hieronder") or on the confirmation ("Het concept is opgeslagen"), so a
   keyboard or screen reader user hears what happened instead of starting at the top of the
   page. A field that asked for focus itself (the login name) keeps it. */
(function () {
  "use strict";

  function land() {
    if (document.activeElement && document.activeElement !== document.body) return;
    var target = document.querySelector(".errornote") || document.querySelector(".messagelist");
    if (!target) return;
    target.setAttribute("tabindex", "-1");
    target.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", land);
  } else {
    land();
  }
})();
