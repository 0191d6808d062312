/* Suggestions while typing in a search field: the WAI-ARIA 1.2 combobox pattern (list
   autocomplete) over the JSON search API. Only an enhancement: without this script, or when the
   API does not answer, the form submits to /zoeken/ as always.

   Markup it needs: <input data-search-suggest="/api/v1/zoeken"> inside the search form. It adds
   the listbox and a polite live region itself, so a page without JavaScript has neither. */
(function () {
  "use strict";

  var MIN_LENGTH = 3;
  var DELAY = 200;
  var MAX_OPTIONS = 6;

  function countMessage(count) {
    if (count === 0) return "Geen suggesties.";
    var noun = count === 1 ? "suggestie" : "suggesties";
    return count + " " + noun + ". Kies met pijltje omhoog of omlaag en Enter.";
  }

  function Combobox(input) {
    this.input = input;
    this.url = input.getAttribute("data-search-suggest");
    this.options = [];
    this.active = -1;
    this.timer = null;
    this.request = 0;
    this.controller = null;
    this.build();
    this.listen();
  }

  Combobox.prototype.build = function () {
    var input = this.input;
    var id = input.id + "-suggesties";
    input.parentNode.classList.add("search-suggest-host");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    this.listbox = document.createElement("ul");
    this.listbox.id = id;
    this.listbox.className = "search-suggest";
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", "Suggesties");
    this.listbox.hidden = true;
    input.parentNode.appendChild(this.listbox);

    this.status = document.createElement("p");
    this.status.id = input.id + "-suggesties-status";
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    input.parentNode.appendChild(this.status);
  };

  Combobox.prototype.listen = function () {
    var self = this;
    this.input.addEventListener("input", function () {
      window.clearTimeout(self.timer);
      self.timer = window.setTimeout(function () { self.fetch(); }, DELAY);
    });
    this.input.addEventListener("keydown", function (event) { self.onKey(event); });
    this.input.addEventListener("blur", function () { self.close(); });
    // Keep the focus in the field while an option is clicked.
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) self.choose(Number(option.getAttribute("data-index")));
    });
  };

  Combobox.prototype.onKey = function (event) {
    var open = !this.listbox.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!this.options.length) return;
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      if (!open) this.open();
      var next = this.active + step;
      if (this.active === -1 && step === -1) next = this.options.length - 1;
      this.select((next + this.options.length) % this.options.length);
    } else if (event.key === "Enter" && open && this.active > -1) {
      event.preventDefault();
      this.choose(this.active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      this.close();
    } else if (event.key === "Tab") {
      this.close();
    }
  };

  Combobox.prototype.fetch = function () {
    var query = this.input.value.trim();
    if (query.length < MIN_LENGTH) {
      this.render([]);
      this.close();
      this.status.textContent = "";
      return;
    }
    if (this.controller) this.controller.abort();
    this.controller = typeof AbortController === "function" ? new AbortController() : null;
    var number = ++this.request;
    var self = this;
    // The header tells the API this is no reader's finished search: it is not counted among
    // the searches that found nothing.
    window.fetch(this.url + "?q=" + encodeURIComponent(query), {
      headers: { "Accept": "application/json", "X-Search-Suggest": "1" },
      credentials: "same-origin",
      signal: this.controller ? this.controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (data) {
      if (number !== self.request || self.input !== document.activeElement) return;
      self.show(data);
    }).catch(function () {
      if (number === self.request) self.close();
    });
  };

  Combobox.prototype.show = function (data) {
    var items = [];
    if (data.suggestie) {
      items.push({ query: data.suggestie, label: "Bedoel je: " + data.suggestie + "?" });
    }
    (data.resultaten || []).slice(0, MAX_OPTIONS).forEach(function (result) {
      items.push({ url: result.url, label: result.titel });
    });
    this.render(items);
    this.status.textContent = countMessage(items.length);
    if (items.length) this.open(); else this.close();
  };

  Combobox.prototype.render = function (items) {
    var listbox = this.listbox;
    var id = listbox.id;
    while (listbox.firstChild) listbox.removeChild(listbox.firstChild);
    this.options = items.map(function (item, index) {
      var option = document.createElement("li");
      option.id = id + "-" + index;
      option.className = "search-suggest__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(index));
      option.textContent = item.label;
      listbox.appendChild(option);
      return { element: option, item: item };
    });
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
  };

  Combobox.prototype.select = function (index) {
    if (this.active > -1) this.options[this.active].element.setAttribute("aria-selected", "false");
    this.active = index;
    var option = this.options[index].element;
    option.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  };

  Combobox.prototype.choose = function (index) {
    var item = this.options[index].item;
    this.close();
    if (item.url) {
      window.location.assign(item.url);
    } else {
      this.input.value = item.query;
      this.input.form.submit();
    }
  };

  Combobox.prototype.open = function () {
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Combobox.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    if (this.active > -1) this.options[this.active].element.setAttribute("aria-selected", "false");
    this.active = -1;
  };

  function start() {
    if (!window.fetch || !("hidden" in document.createElement("ul"))) return;
    var inputs = document.querySelectorAll("input[data-search-suggest]");
    Array.prototype.forEach.call(inputs, function (input) { new Combobox(input); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
