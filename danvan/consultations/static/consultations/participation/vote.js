// The voting page without reloads (docs/consultations/participation.md): the same form POST the page
// sends without JavaScript, answered with the next card as JSON. No inline script (CSP).
(function () {
  "use strict";
  function bind(card) {
    var form = card && card.querySelector("#pv-form");
    if (!form || !window.fetch || !window.FormData) { return; }
    var clicked = null;
    form.querySelectorAll("button[name=value]").forEach(function (button) {
      button.addEventListener("click", function () { clicked = button; });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      var chosen = event.submitter || clicked;
      if (chosen) { data.set("value", chosen.value); }
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      fetch(form.action, { method: "POST", body: data, credentials: "same-origin",
                           headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.json(); })
        .then(function (reply) {
          var holder = document.createElement("div");
          holder.innerHTML = reply.html;
          var fresh = holder.firstElementChild;
          card.replaceWith(fresh);
          bind(fresh);
          var first = fresh.querySelector("#pv-agree") || fresh.querySelector("#pv-done");
          if (first && first.focus) { first.focus({ preventScroll: true }); }
        })
        .catch(function () {
          var hidden = document.createElement("input");
          hidden.type = "hidden"; hidden.name = "value"; hidden.value = data.get("value") || "";
          form.appendChild(hidden);
          form.submit();
        });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { bind(document.getElementById("pv-card")); });
})();
