// The service worker of Dân Vận Số (served at /sw.js by danvan/web/pwa.py, which defines CONFIG above).
// It keeps the shell, the petition form and the offline page, so the form opens without a network.
// Pages are fetched from the network first and never stored here (they may hold a case or a name);
// only the anonymous form and the offline page are, fetched without cookies. Nothing is ever sent from
// here: a petition leaves only when the citizen presses Send while connected.
/* global CONFIG */
const CACHE = `danvan-${CONFIG.version}`;
const PAGES = [CONFIG.form, CONFIG.offline];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all([
        cache.addAll(CONFIG.shell),
        ...PAGES.map((url) => anonymousCopy(url)),
      ]),
    ).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith("danvan-") && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

function anonymousCopy(url) {
  // The form and the offline page as anyone sees them: fetched without cookies, so no name is stored.
  return fetch(url, { credentials: "omit" }).then((response) =>
    response.ok ? caches.open(CACHE).then((cache) => cache.put(url, response)) : null,
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return; // a form sent goes to the network as it is, or fails visibly
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Network first, always: the kept copy is only for when there is no network.
    const isForm = url.pathname === CONFIG.form;
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (isForm && response.ok) event.waitUntil(anonymousCopy(CONFIG.form).catch(() => {})); // keep it fresh
          return response;
        })
        .catch(() =>
          caches.open(CACHE).then((cache) =>
            cache.match(isForm ? CONFIG.form : CONFIG.offline).then((page) => page || Response.error()),
          ),
        ),
    );
    return;
  }
  if (CONFIG.shell.includes(url.pathname)) {
    // Network first too (a changed stylesheet keeps its address), the kept copy when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
          }
          return response;
        })
        .catch(() => caches.match(request).then((hit) => hit || Response.error())),
    );
  }
});
