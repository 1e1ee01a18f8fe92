/* The petition form's lists of public reports, shared by cases' feed-nearby.js (reports of the same kind
   nearby) and insight's similar.js (reports like the text being typed): a box moved after the fieldset of a
   field, filled from a JSON answer ({"reports": [{title, url, status, place, …}]}) with one card per report,
   hidden when there is none. Each caller says which fields to watch, what to ask and what a card adds.
   Loaded before them (defer keeps the order); a second load changes nothing. Without JavaScript nothing
   runs and the form works as before. */
(function () {
  "use strict";
  if (window.danvanPetitionReports) { return; }

  function attach(options) {
    var box = document.getElementById(options.box);
    var form = document.querySelector("form.petition-form");
    var template = document.getElementById(options.template);
    if (!box || !form || !template) { return null; }
    var field = form.querySelector(options.after);
    var anchor = field ? (field.closest("fieldset") || field.parentNode) : null;
    if (anchor) { anchor.after(box); }
    var timer = null;
    var last = "";
    var asked = 0;  // the latest question: an older answer arriving after it is dropped

    var list = {
      box: box,
      form: form,
      value: function (selector) {
        var input = form.querySelector(selector);
        return input ? input.value.trim() : "";
      },
      track: function () {
        var checked = form.querySelector("input[name=track]:checked");
        return checked ? checked.value : "";
      },
      // a POST with the page's CSRF token, answered in JSON
      post: function (url, fields) {
        var body = new FormData();
        body.append("csrfmiddlewaretoken", box.dataset.csrf);
        Object.keys(fields || {}).forEach(function (name) { body.append(name, fields[name]); });
        return fetch(url, { method: "POST", body: body, credentials: "same-origin",
                            headers: { Accept: "application/json", "X-CSRFToken": box.dataset.csrf } });
      },
      look: look
    };

    function render(reports) {
      box.textContent = "";
      if (!reports.length) { box.hidden = true; return; }
      var section = template.content.cloneNode(true);
      var items = section.querySelector("[data-list]");
      reports.forEach(function (r) {
        var item = document.createElement("li");
        item.className = "feed-card";
        var body = document.createElement("div");
        body.className = "feed-body";
        var title = document.createElement("h3");
        var link = document.createElement("a");
        link.href = r.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = r.title;
        title.appendChild(link);
        var meta = document.createElement("p");
        meta.className = "feed-meta";
        meta.textContent = [r.status, r.place].filter(Boolean).join(" · ");
        body.appendChild(title);
        body.appendChild(meta);
        if (options.card) { options.card(body, r, list); }
        item.appendChild(body);
        items.appendChild(item);
      });
      box.appendChild(section);
      box.hidden = false;
    }

    function look() {
      // options.ask: null when there is nothing to look for yet, else {key, fetch: () => a fetch promise}
      var question = options.ask(list);
      if (!question) { last = ""; asked += 1; render([]); return; }
      if (question.key === last) { return; }
      last = question.key;
      var mine = (asked += 1);
      question.fetch()
        .then(function (response) { return response.ok ? response.json() : { reports: [] }; })
        .then(function (data) { if (mine === asked) { render(data.reports || []); } })
        .catch(function () { if (mine === asked) { render([]); } });
    }

    function soon() {
      window.clearTimeout(timer);
      timer = window.setTimeout(look, options.delay);
    }
    form.addEventListener("change", soon);
    form.addEventListener("input", function (event) {
      if (options.fields.indexOf(event.target.id) !== -1) { soon(); }
    });
    return list;
  }

  window.danvanPetitionReports = { attach: attach };
})();
