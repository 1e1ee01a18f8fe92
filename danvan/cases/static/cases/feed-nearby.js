/* On the petition form: while the citizen fills in the topic and the place, show public reports of the same
   kind nearby, each with "I have this problem too". The citizen may still send their own. Without
   JavaScript the same list is a page of its own (the link above the form). */
(function () {
  "use strict";
  var box = document.getElementById("feed-nearby");
  var form = document.querySelector("form.petition-form");
  var template = document.getElementById("feed-nearby-template");
  if (!box || !form || !template) { return; }
  var place = form.querySelector("#id_place_text");
  var anchor = place ? place.closest("fieldset") : null;
  if (anchor) { anchor.after(box); }
  var timer = null;
  var last = "";

  function value(id) {
    var input = form.querySelector(id);
    return input ? input.value.trim() : "";
  }
  function track() {
    var checked = form.querySelector("input[name=track]:checked");
    return checked ? checked.value : "";
  }
  function support(button, url, count) {
    button.disabled = true;
    var body = new FormData();
    body.append("csrfmiddlewaretoken", box.dataset.csrf);
    fetch(url, { method: "POST", body: body, credentials: "same-origin",
                 headers: { Accept: "application/json", "X-CSRFToken": box.dataset.csrf } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.error) { count.textContent = data.error; button.disabled = false; return; }
        button.textContent = box.dataset.supportedLabel;
        count.textContent = data.count_text + " — " + data.message;
      });
  }
  function render(reports) {
    box.textContent = "";
    if (!reports.length) { box.hidden = true; return; }
    var section = template.content.cloneNode(true);
    var list = section.querySelector("[data-list]");
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
      var count = document.createElement("p");
      count.className = "feed-support-count";
      count.setAttribute("aria-live", "polite");
      count.textContent = r.supports_text;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button-small";
      button.textContent = box.dataset.supportLabel;
      button.addEventListener("click", function () { support(button, r.support_url, count); });
      body.appendChild(title);
      body.appendChild(meta);
      body.appendChild(count);
      body.appendChild(button);
      item.appendChild(body);
      list.appendChild(item);
    });
    box.appendChild(section);
    box.hidden = false;
  }
  function look() {
    var kind = track();
    if (kind && kind !== "pakn" && kind !== "chua_phan_loai") { render([]); return; }
    var query = new URLSearchParams({
      format: "json", topic: value("#id_topic"), place_text: value("#id_place_text"),
      latitude: value("#id_latitude"), longitude: value("#id_longitude")
    });
    if (!query.get("place_text") && !query.get("latitude")) { render([]); return; }
    var url = box.dataset.url + "?" + query.toString();
    if (url === last) { return; }
    last = url;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { reports: [] }; })
      .then(function (data) { render(data.reports || []); });
  }
  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(look, 400);
  }
  form.addEventListener("change", soon);
  form.addEventListener("input", function (event) {
    if (event.target.id === "id_place_text" || event.target.id === "id_latitude" || event.target.id === "id_longitude") { soon(); }
  });
  look();
})();
