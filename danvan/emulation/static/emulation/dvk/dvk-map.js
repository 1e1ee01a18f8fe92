/* The "Dân vận khéo" gallery's map (Leaflet, served by the app), as the public feed's (cases/feed-map.js):
   one marker per commune with its number of recognised models, linking to the gallery filtered to it. The
   tile source is a setting (data-tiles); without one the markers sit on a plain background that says so
   (as org/place-map.js). The place list shows the same communes for those who cannot use a map. */
(function () {
  "use strict";
  var el = document.getElementById("dvk-map");
  if (!el || !window.L) { return; }
  var d = el.dataset;
  var map = L.map(el, { scrollWheelZoom: false, zoomControl: false });
  // Leaflet's own words are English: the page's language replaces them.
  L.control.zoom({ zoomInTitle: d.zoomIn, zoomOutTitle: d.zoomOut }).addTo(map);
  if (d.tiles) {
    L.tileLayer(d.tiles, { maxZoom: 19, attribution: d.attribution || "" }).addTo(map);
  } else {
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(d.offlineAttribution || "");
    el.classList.add("dvk-map-plain");
  }
  function marker(m) {
    var radius = Math.min(8 + 3 * Math.sqrt(m.count), 22);
    return L.circleMarker([m.lat, m.lng], { radius: radius, color: "#7c1414", weight: 2, fillColor: "#a51d1d", fillOpacity: 0.85 });
  }
  map.setView([16.0, 106.5], 5);
  fetch(d.markers, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.featureGroup();
      data.markers.forEach(function (m) {
        var box = document.createElement("div");
        var title = document.createElement("strong");
        title.textContent = m.name + (m.province ? ", " + m.province : "");
        var count = document.createElement("p");
        count.textContent = (d.countLabel || "") + " " + m.count;
        var link = document.createElement("a");
        link.href = m.url;
        link.textContent = d.openLabel || m.name;
        box.appendChild(title);
        box.appendChild(count);
        box.appendChild(link);
        layer.addLayer(marker(m).bindPopup(box).bindTooltip(m.name + " (" + m.count + ")"));
      });
      layer.addTo(map);
      if (data.markers.length) {
        map.fitBounds(layer.getBounds(), { maxZoom: 13, padding: [24, 24] });
      } else {
        var empty = document.createElement("p");
        empty.className = "dvk-map-empty";
        empty.textContent = d.empty || "";
        el.appendChild(empty);
      }
      el.dataset.loaded = String(data.markers.length);
    });
})();
