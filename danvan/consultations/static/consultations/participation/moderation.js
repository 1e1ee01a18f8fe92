// The moderation page (docs/consultations/participation.md): a "possibly the same as" hint fills in its
// row's merge number without reloading; without JavaScript its link reloads the page with it filled in
// (?gop=…). The moderator still gives the reason and presses Merge. No inline script (CSP).
(function () {
  "use strict";
  document.querySelectorAll("a.pv-hint[data-into]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var row = link.closest(".pv-mod");
      var into = row && row.querySelector("input[name=into]");
      if (!into) { return; }
      event.preventDefault();
      into.value = link.getAttribute("data-into");
      var reason = row.querySelector("input[name=reason]");
      if (reason && reason.focus) { reason.focus(); }
    });
  });
})();
