/* The public feed's map (Leaflet, served by the app). The tile source is a setting (data-tiles); without
   one the map shows the markers on a plain background, so it works offline. The list beside it shows
   the same reports for those who cannot use a map. */
(function () {
  "use strict";
  var el = document.getElementById("feed-map");
  if (!el || !window.L) { return; }
  var map = L.map(el, { scrollWheelZoom: false, attributionControl: Boolean(el.dataset.tiles) });
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
  } else {
    el.classList.add("feed-map-plain");
  }
  function dot(lat, lng) {
    return L.circleMarker([lat, lng], { radius: 9, color: "#7c1414", weight: 2, fillColor: "#a51d1d", fillOpacity: 0.85 });
  }
  if (el.dataset.point) {
    var point = el.dataset.point.split(",").map(Number);
    dot(point[0], point[1]).addTo(map);
    map.setView(point, 16);
    el.dataset.loaded = "1";
    return;
  }
  map.setView([16.0, 106.5], 5);
  fetch(el.dataset.markers, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.featureGroup();
      data.markers.forEach(function (m) {
        var box = document.createElement("div");
        var link = document.createElement("a");
        link.href = m.url;
        link.textContent = m.title;
        var status = document.createElement("p");
        status.textContent = m.status;
        box.appendChild(link);
        box.appendChild(status);
        layer.addLayer(dot(m.lat, m.lng).bindPopup(box).bindTooltip(m.title));
      });
      layer.addTo(map);
      if (data.markers.length) {
        map.fitBounds(layer.getBounds(), { maxZoom: 16, padding: [24, 24] });
      } else {
        var empty = document.createElement("p");
        empty.className = "feed-map-empty";
        empty.textContent = el.dataset.empty || "";
        el.appendChild(empty);
      }
      el.dataset.loaded = String(data.markers.length);
    });
})();
