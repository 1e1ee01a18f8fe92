// The petition form's draft, kept on this device (localStorage) until the petition is sent, so that a
// citizen who loses the connection, closes the tab or is refused by a limit does not lose what they wrote.
// - Only what is typed or chosen: never a file, a checkbox (the consent is given anew each time) or a
//   security token. The name, phone, email and address are kept only for feedback and complaints, never
//   for a denunciation (tố cáo) or a petition whose kind is not chosen yet: the denouncer's identity must
//   not wait on a device someone else may pick up.
// - Put back into the empty fields when the citizen comes back; deleted by the receipt page (a petition
//   stored) or by the "Delete the draft" button.
// - Sending while offline is stopped with a message, and the draft stays.
(function () {
  "use strict";
  const KEY = "danvan.petition-draft.v1";
  const RELOADED = "danvan.petition-draft.reloaded";
  const script = document.currentScript;
  const storage = (() => {
    try {
      const probe = "danvan.probe";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // storage refused (private mode, policy): the form works as before
    }
  })();
  if (!storage) return;

  if (script && script.hasAttribute("data-clear")) {
    storage.removeItem(KEY); // the receipt: the petition is stored
    return;
  }
  const form = document.querySelector("form.petition-form");
  if (!form || !script) return;
  const texts = script.dataset;
  const box = document.getElementById("draft-box");
  const status = document.getElementById("draft-status");
  const offlineBox = document.getElementById("draft-offline");
  const IDENTITY = new Set(["name", "phone", "email", "address"]);
  const NEVER = new Set(["csrfmiddlewaretoken", "consent", "is_anonymous"]);
  const IDENTITY_KEPT_FOR = new Set(["pakn", "khieu_nai"]);
  const loadedOffline = navigator.onLine === false; // this page came from the worker's cache

  function kept(element) {
    if (!element.name || NEVER.has(element.name) || element.disabled) return false;
    if (element.type === "file" || element.type === "password" || element.type === "checkbox") return false;
    if (element.type === "hidden") return element.name === "idempotency_key";
    return ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName);
  }

  function track() {
    const checked = form.querySelector("input[name=track]:checked");
    return checked ? checked.value : "";
  }

  function collect() {
    const fields = {};
    const withIdentity = IDENTITY_KEPT_FOR.has(track());
    for (const element of form.elements) {
      if (!kept(element) || (IDENTITY.has(element.name) && !withIdentity)) continue;
      if (element.type === "radio") {
        if (element.checked) fields[element.name] = element.value;
      } else if (element.value !== "") {
        fields[element.name] = element.value;
      }
    }
    return fields;
  }

  function meaningful(fields) {
    return Object.keys(fields).some((name) => !["idempotency_key", "track", "people_count"].includes(name));
  }

  function save() {
    const fields = collect();
    if (meaningful(fields)) {
      storage.setItem(KEY, JSON.stringify({ savedAt: new Date().toISOString(), fields }));
      if (box) box.hidden = false;
    } else {
      storage.removeItem(KEY);
    }
  }

  function restore() {
    let draft = null;
    try {
      draft = JSON.parse(storage.getItem(KEY) || "null");
    } catch (error) {
      draft = null;
    }
    if (!draft || !draft.fields) return false;
    const content = form.elements.namedItem("content");
    const fresh = !content || content.value.trim() === ""; // not a form the server sent back with errors
    let restored = false;
    for (const [name, value] of Object.entries(draft.fields)) {
      const target = form.elements.namedItem(name);
      if (!target) continue;
      if (name === "idempotency_key") {
        // The same key as the first try: if that one reached the server, sending again gives its receipt.
        if (fresh) target.value = value;
        continue;
      }
      if (target instanceof RadioNodeList || target.type === "radio") {
        const radios = target instanceof RadioNodeList ? Array.from(target) : [target];
        if (!radios.some((radio) => radio.checked)) {
          const radio = radios.find((candidate) => candidate.value === value);
          if (radio) {
            radio.checked = true;
            restored = true;
          }
        }
      } else if (kept(target) && target.value === "") {
        target.value = value;
        restored = restored || target.value === value;
      }
    }
    return restored;
  }

  if (restore()) {
    if (box) box.hidden = false;
    if (status) status.textContent = texts.restored || "";
  } else if (storage.getItem(KEY) && box) {
    box.hidden = false;
  }
  if (sessionStorage.getItem(RELOADED) && status) {
    sessionStorage.removeItem(RELOADED);
    status.textContent = texts.reloaded || "";
  }

  let timer = 0;
  const later = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 300);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);

  const remove = document.getElementById("draft-delete");
  if (remove) {
    remove.addEventListener("click", () => {
      storage.removeItem(KEY);
      form.reset();
      if (box) box.hidden = true;
      if (status) status.textContent = "";
    });
  }

  form.addEventListener("submit", (event) => {
    save();
    if (navigator.onLine === false) {
      event.preventDefault();
      if (offlineBox) {
        offlineBox.hidden = false;
        offlineBox.focus();
      }
      return;
    }
    if (offlineBox) offlineBox.hidden = true;
    if (loadedOffline) {
      // The form was opened offline from the worker's copy, whose security token is not this browser's:
      // fetch a fresh form (the draft is put back into it) and let the citizen press Send there.
      event.preventDefault();
      sessionStorage.setItem(RELOADED, "1");
      window.location.reload();
    }
  });
  window.addEventListener("online", () => {
    if (offlineBox) offlineBox.hidden = true;
  });
})();
