// The zelftoets sends a request body of one size: a hidden field is filled up to the next whole
// block, so the length on the network (or in a proxy's log) says nothing about the answers.
// Without JavaScript the form still works; only the length then varies with what was typed.
(function () {
  "use strict";
  var BLOCK = 8192;
  var form = document.querySelector("form.zelftoets");
  if (!form || !window.FormData || !window.URLSearchParams) {
    return;
  }
  var padding = form.querySelector("input[name=opvulling]");
  if (!padding) {
    return;
  }
  function bodyLength() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      // Browsers send line breaks as CR LF, whatever the text box holds.
      params.append(name, String(value).replace(/\r\n|\r|\n/g, "\r\n"));
    });
    return params.toString().length;
  }
  form.addEventListener("submit", function () {
    padding.value = "";
    var length = bodyLength();
    padding.value = "x".repeat(Math.ceil(length / BLOCK) * BLOCK - length);
  });
})();
