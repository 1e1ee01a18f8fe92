// Receipt page: a Print button (shown only when scripts run; the page works without it).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
