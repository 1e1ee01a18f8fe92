// Registers the service worker (danvan/web/pwa.py) that lets the site be installed on a phone and
// the petition form open without a network. Nothing else: pages work the same without it.
(function () {
  const script = document.currentScript;
  const url = script && script.dataset.sw;
  if (!url || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(url, { scope: "/" }).catch(() => {});
  });
})();
