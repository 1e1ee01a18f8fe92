/* On the petition form: while the citizen fills in the topic and the place, show public reports of the same
   kind nearby, each with "I have this problem too". The citizen may still send their own. Without
   JavaScript the same list is a page of its own (the link above the form). The list itself (the box, the
   cards, when to ask) is petition-reports.js, shared with insight's similar reports. */
(function () {
  "use strict";
  if (!window.danvanPetitionReports) { return; }
  var labels = document.getElementById("feed-nearby");

  // A refusal the server explains in JSON (a limit, a closed report) shows its message; a request that
  // failed (no network, an answer that is not ours to read) shows the page's own. Either way the citizen may try again.
  function support(list, button, url, count) {
    function failed(message) {
      count.textContent = message;
      count.classList.add("error");
      button.disabled = false;
    }
    button.disabled = true;
    list.post(url)
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          // Not ours to read (a proxy's page, a refused CSRF check): the page's own message.
          if (!data.error && (!response.ok || !data.count_text)) { throw new Error("HTTP " + response.status); }
          return data;
        });
      })
      .then(function (data) {
        if (data.error) { failed(data.error); return; }
        count.classList.remove("error");
        button.textContent = labels.dataset.supportedLabel;
        count.textContent = data.count_text + " — " + data.message;
      })
      .catch(function () { failed(labels.dataset.failedLabel); });
  }

  var list = window.danvanPetitionReports.attach({
    box: "feed-nearby",
    template: "feed-nearby-template",
    after: "#id_place_text",
    fields: ["id_place_text", "id_latitude", "id_longitude"],
    delay: 400,
    ask: function (list) {
      var kind = list.track();
      if (kind && kind !== "pakn" && kind !== "chua_phan_loai") { return null; }
      var query = new URLSearchParams({
        format: "json", topic: list.value("#id_topic"), place_text: list.value("#id_place_text"),
        latitude: list.value("#id_latitude"), longitude: list.value("#id_longitude")
      });
      if (!query.get("place_text") && !query.get("latitude")) { return null; }
      var url = list.box.dataset.url + "?" + query.toString();
      return { key: url, fetch: function () {
        return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      } };
    },
    card: function (body, r, list) {
      var count = document.createElement("p");
      count.className = "feed-support-count";
      count.setAttribute("aria-live", "polite");
      count.textContent = r.supports_text;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button-small";
      button.textContent = labels.dataset.supportLabel;
      button.addEventListener("click", function () { support(list, button, r.support_url, count); });
      body.appendChild(count);
      body.appendChild(button);
    }
  });
  if (list) { list.look(); }
})();
