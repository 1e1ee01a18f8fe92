/* On the petition form: once the title or the content says something, show the public reports that look
   like it ("Similar reports already sent"), with links. The citizen may still send their own. Without
   JavaScript nothing is shown and the form works as before. */
(function () {
  "use strict";
  var box = document.getElementById("similar-reports");
  var form = document.querySelector("form.petition-form");
  var template = document.getElementById("similar-template");
  if (!box || !form || !template) { return; }
  var content = form.querySelector("#id_content");
  var anchor = content ? (content.closest("fieldset") || content.parentNode) : null;
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
      body.appendChild(title);
      body.appendChild(meta);
      item.appendChild(body);
      list.appendChild(item);
    });
    box.appendChild(section);
    box.hidden = false;
  }
  function look() {
    var kind = track();
    if (kind === "khieu_nai" || kind === "to_cao") { render([]); return; }
    var text = value("#id_title") + " " + value("#id_content");
    if (text.trim().split(/\s+/).length < 4) { render([]); return; }
    var key = text + "|" + value("#id_place_text");
    if (key === last) { return; }
    last = key;
    var body = new FormData();
    body.append("csrfmiddlewaretoken", box.dataset.csrf);
    body.append("title", value("#id_title"));
    body.append("content", value("#id_content").slice(0, 20000));
    body.append("place_text", value("#id_place_text"));
    body.append("track", kind);
    fetch(box.dataset.url, { method: "POST", body: body, credentials: "same-origin",
                             headers: { Accept: "application/json", "X-CSRFToken": box.dataset.csrf } })
      .then(function (response) { return response.ok ? response.json() : { reports: [] }; })
      .then(function (data) { render(data.reports || []); })
      .catch(function () { render([]); });
  }
  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(look, 600);
  }
  form.addEventListener("input", function (event) {
    var id = event.target.id;
    if (id === "id_title" || id === "id_content" || id === "id_place_text") { soon(); }
  });
  form.addEventListener("change", soon);
})();
