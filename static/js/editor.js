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

/* Editor presence, an expired session and typed text kept in the browser: see
   handreiking/admin/presence.py. The page data sits in data- attributes of #editor-presence
   (templates/admin/handreiking/chapter/includes/presence.html). */
(function () {
  "use strict";
  var FIELDS = ["title", "summary", "body"];
  var page = null; // the data- attributes, read once the document is there
  var loggedOut = false;
  var submitting = false;
  var beating = false;
  var typed = false;
  var draftTimer = null;
  var previewRequests = typeof WeakSet === "function" ? new WeakSet() : null;

  function readPage() {
    var element = document.getElementById("editor-presence");
    if (!element) return null;
    var data = element.dataset;
    return {
      chapterId: data.chapterId,
      userId: data.userId,
      version: data.version || "",
      loginUrl: data.loginUrl || "",
      csrfCookie: data.csrfCookie || "csrftoken",
      heartbeatUrl: data.heartbeatUrl || "",
      stopUrl: data.stopUrl || "",
      heartbeatSeconds: Math.max(1, parseInt(data.heartbeatSeconds, 10) || 30)
    };
  }

  // A new element: props are set as properties ("role" and "aria-*" as attributes), children
  // are elements or text.
  function make(tag, props, children) {
    var element = document.createElement(tag);
    Object.keys(props || {}).forEach(function (name) {
      if (name === "role" || name.indexOf("aria-") === 0) element.setAttribute(name, props[name]);
      else element[name] = props[name];
    });
    (children || []).forEach(function (child) {
      element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return element;
  }

  function show(boxId, child) {
    var box = document.getElementById(boxId);
    if (!box) return;
    box.textContent = "";
    if (child) box.appendChild(child);
  }

  function status(text) {
    return make("p", { className: "editor-notice", role: "status", textContent: text });
  }

  function samePath(url, other) {
    try {
      return !!url && !!other && new URL(url, location.href).pathname === new URL(other, location.href).pathname;
    } catch (error) {
      return false;
    }
  }

  // The cookie, not the form's hidden field: logging in again (in another tab) gives a new
  // token, and the form's copy is then refused.
  function csrfToken() {
    var parts = ("; " + document.cookie).split("; " + page.csrfCookie + "=");
    if (parts.length === 2) return decodeURIComponent(parts.pop().split(";").shift());
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function form() {
    var field = document.getElementById("id_body") || document.getElementById("id_title");
    return field ? field.form : null;
  }

  /* ---- Other editors, and the session, through the heartbeat ---- */

  function showPresence(message) {
    var region = document.getElementById("editor-presence-notice");
    if (!region) return;
    var notice = region.querySelector("p");
    if (!message && notice) region.removeChild(notice);
    if (!message) return;
    if (!notice) notice = region.appendChild(make("p", { className: "editor-notice editor-notice--presence" }));
    if (notice.textContent !== message) notice.textContent = message;
  }

  function sessionLost() {
    if (loggedOut) return;
    loggedOut = true;
    saveDraft(false);
    var link = make("a", {
      href: page.loginUrl,
      target: "_blank",
      rel: "noopener",
      textContent: "Log opnieuw in (opent in een nieuw tabblad)"
    });
    var text = make("p", {}, [
      "U bent uitgelogd. Uw tekst is bewaard in deze browser. ",
      link,
      " en kom dan hier terug om op te slaan."
    ]);
    show("editor-session", make("div", { className: "editor-session-alert", role: "alert" }, [text]));
  }

  function sessionBack() {
    if (!loggedOut) return;
    loggedOut = false;
    show("editor-session", status("U bent weer ingelogd. U kunt uw tekst nu opslaan."));
    // The preview may have missed changes while the session was gone: ask for it again.
    var body = document.getElementById("id_body");
    if (body) body.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function heartbeat() {
    if (!page || !page.heartbeatUrl || beating) return;
    beating = true;
    fetch(page.heartbeatUrl, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual", // a login redirect is the answer itself, not something to follow
      cache: "no-store",
      // The version this page opened: the answer says when a colleague saved a newer one.
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest", Accept: "application/json", "X-Editor-Version": page.version }
    })
      .then(function (response) {
        var lost = response.type === "opaqueredirect" || response.status === 401 || response.status === 403;
        if (lost || (response.redirected && samePath(response.url, page.loginUrl))) sessionLost();
        // Any other fault (a restart, a hiccup) says nothing about the session: try again later.
        return !lost && response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) return;
        sessionBack();
        showPresence(data.message || "");
      })
      .catch(function () {
        // Offline for a moment: the next heartbeat tries again.
      })
      .then(function () {
        beating = false;
      });
  }

  function leave() {
    saveDraft(submitting);
    if (submitting || !page.stopUrl || !navigator.sendBeacon) return;
    // sendBeacon cannot send a header: the CSRF token goes along as form data.
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrfToken());
    navigator.sendBeacon(page.stopUrl, data);
  }

  // Never send the text to a login page: hold the form while logged out.
  function holdSubmit(event) {
    if (event.target !== form()) return;
    if (loggedOut) {
      event.preventDefault();
      var link = document.querySelector("#editor-session [role=alert] a");
      if (link) link.focus();
      heartbeat();
      return;
    }
    var token = csrfToken();
    var inputs = event.target.querySelectorAll("input[name=csrfmiddlewaretoken]");
    for (var i = 0; token && i < inputs.length; i++) inputs[i].value = token;
  }

  function markSubmitted(event) {
    if (event.target !== form() || event.defaultPrevented) return;
    submitting = true;
    saveDraft(true);
  }

  /* ---- The live preview (markdownx): a login page or an error never lands in it ---- */

  function isPreviewRequest(url) {
    var editor = document.querySelector(".markdownx-editor[data-markdownx-urls-path]");
    return !!editor && samePath(url, editor.getAttribute("data-markdownx-urls-path"));
  }

  // markdownx puts whatever answers its XMLHttpRequest into the preview (its onload ignores the
  // status). The request is made inside markdownx, so this wraps that onload; other requests
  // pass untouched.
  if (previewRequests && window.XMLHttpRequest) {
    var originalOpen = XMLHttpRequest.prototype.open;
    var originalSend = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.open = function (method, url) {
      if (page && isPreviewRequest(url)) previewRequests.add(this);
      else previewRequests.delete(this);
      return originalOpen.apply(this, arguments);
    };
    XMLHttpRequest.prototype.send = function () {
      var xhr = this;
      if (previewRequests.has(xhr) && typeof xhr.onload === "function") {
        // While logged out each keystroke would only fetch the login page again.
        if (loggedOut) return undefined;
        var answer = xhr.onload;
        xhr.onload = function (event) {
          if (xhr.status === 401 || xhr.status === 403 || samePath(xhr.responseURL, page.loginUrl)) {
            sessionLost();
          } else if (xhr.status >= 200 && xhr.status < 300) {
            answer.call(xhr, event);
          } // else: an error page; the preview keeps what it showed
        };
      }
      return originalSend.apply(this, arguments);
    };
  }

  /* ---- Typed text kept in the browser (localStorage) ---- */

  function canKeep() {
    return !!(page && page.chapterId && page.userId && document.getElementById("id_body"));
  }

  // Storage may be full or switched off: then the text is only in the form, as without script.
  function storage(action, value) {
    var key = "handreiking:tekst:hoofdstuk-" + page.chapterId + ":gebruiker-" + page.userId;
    try {
      if (action === "read") return JSON.parse(window.localStorage.getItem(key));
      if (action === "forget") window.localStorage.removeItem(key);
      if (action === "write") window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      return null;
    }
    return null;
  }

  function formValues() {
    var values = {};
    FIELDS.forEach(function (name) {
      var field = document.getElementById("id_" + name);
      if (field) values[name] = field.value;
    });
    return values;
  }

  // Only text typed (or restored) on this page is kept: an untouched form is no work to lose.
  // The version it was typed on ("base") is the server's, so no two clocks are ever compared.
  function saveDraft(submitted) {
    clearTimeout(draftTimer);
    if (!typed || !canKeep()) return;
    storage("write", { fields: formValues(), savedAt: Date.now(), base: page.version, submitted: !!submitted });
  }

  function onInput(event) {
    var id = (event.target && event.target.id) || "";
    if (FIELDS.indexOf(id.replace(/^id_/, "")) === -1 || !canKeep()) return;
    typed = true;
    clearTimeout(draftTimer);
    draftTimer = setTimeout(function () {
      saveDraft(false);
    }, 500);
  }

  function timeLabel(ms) {
    var moment = new Date(ms);
    var time = moment.toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" });
    if (moment.toDateString() === new Date().toDateString()) return time;
    return moment.toLocaleDateString("nl-NL", { day: "numeric", month: "long" }) + ", " + time;
  }

  function button(label, onClick) {
    var element = make("button", { type: "button", className: "button", textContent: label });
    element.addEventListener("click", function () {
      onClick();
      var body = document.getElementById("id_body");
      if (body) body.focus();
    });
    return element;
  }

  function restoreFields(fields) {
    FIELDS.forEach(function (name) {
      var field = document.getElementById("id_" + name);
      if (!field || !(name in fields) || field.value === fields[name]) return;
      field.value = fields[name];
      // The preview and the readability check follow the text.
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  function offerRestore(record) {
    var when = timeLabel(record.savedAt);
    var title = make("p", { id: "editor-restore-title" }, [
      make("strong", { textContent: "Deze browser heeft tekst van u die nog niet is opgeslagen" }),
      " (van " + when + ")."
    ]);
    var parts = [title];
    if (record.base !== page.version) {
      var warning = "Let op: het hoofdstuk is daarna opnieuw opgeslagen. Vergelijk goed voordat u opslaat.";
      parts.push(make("p", { textContent: warning }));
    }
    parts.push(
      make("p", { className: "editor-restore__actions" }, [
        button("Herstel uw niet-opgeslagen tekst van " + when, function () {
          restoreFields(record.fields);
          show("editor-restore", status("Uw tekst is teruggezet. Sla hem op als concept of publiceer hem."));
        }),
        button("Weggooien", function () {
          storage("forget");
          show("editor-restore", status("De bewaarde tekst is weggegooid."));
        })
      ])
    );
    var props = { className: "editor-notice editor-restore", role: "region", "aria-labelledby": title.id };
    show("editor-restore", make("div", props, parts));
  }

  function checkKeptText() {
    var record = canKeep() ? storage("read") : null;
    if (!record || !record.fields) return;
    var current = formValues();
    var same = Object.keys(current).every(function (name) {
      return !(name in record.fields) || record.fields[name] === current[name];
    });
    // Sent, and the chapter was saved since: the save went through (the form may hold the text
    // slightly tidied by the server).
    if (same || (record.submitted && record.base !== page.version)) storage("forget");
    else offerRestore(record);
  }

  /* ---- Start ---- */

  function start() {
    page = readPage();
    if (!page) return;
    checkKeptText();
    document.addEventListener("input", onInput, true);
    document.addEventListener("submit", holdSubmit, true);
    document.addEventListener("submit", markSubmitted, false);
    window.addEventListener("pagehide", leave);
    if (!page.heartbeatUrl) return;
    // Back from the browser's page cache: leaving removed the presence, so say so again.
    window.addEventListener("pageshow", function (event) {
      submitting = false;
      if (event.persisted) heartbeat();
    });
    // The editor comes back to the tab (perhaps after logging in elsewhere): ask straight away.
    function onReturn() {
      if (document.visibilityState === "visible") heartbeat();
    }
    document.addEventListener("visibilitychange", onReturn);
    window.addEventListener("focus", onReturn);
    setInterval(heartbeat, page.heartbeatSeconds * 1000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
