// The map of the petition form: drop a pin or use the phone's location; the commune at the pin is
// looked up and shown, and the pin fills the form's latitude and longitude fields, which the server
// resolves again on sending. Progressive enhancement: without this script (or Leaflet) the box stays
// hidden and the place is written as text. Tiles come from a configured server; without one the
// communes are drawn from our own data (their boundaries where loaded, else their centres).
(function () {
  "use strict";
  const box = document.querySelector("[data-place-map]");
  if (!box || !window.L || !window.fetch) return;
  const d = box.dataset;
  const latInput = document.getElementById(d.latInput);
  const lonInput = document.getElementById(d.lonInput);
  const result = box.querySelector("[data-result]");
  const locate = box.querySelector("[data-locate]");
  if (!latInput || !lonInput) return;
  box.hidden = false;

  const [lat0, lon0, zoom0] = d.center.split(",").map(Number);
  const map = L.map(box.querySelector(".place-map-canvas"), {
    center: [lat0, lon0], zoom: zoom0, minZoom: 5, zoomControl: false,
  });
  // Leaflet's own words are English: the page's language replaces them.
  L.control.zoom({ zoomInTitle: d.msgZoomIn, zoomOutTitle: d.msgZoomOut }).addTo(map);
  if (d.tiles) {
    L.tileLayer(d.tiles, { attribution: d.attribution, maxZoom: 19 }).addTo(map);
  } else {
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(d.offlineAttribution);
    box.classList.add("place-map-offline");
  }

  // The communes in view: outlines where loaded, else a dot at each centre, labelled when zoomed in.
  const communes = L.geoJSON(null, {
    style: () => ({ color: "#31572c", weight: 1, fillOpacity: 0.04 }),
    pointToLayer: (feature, latlng) =>
      L.circleMarker(latlng, { radius: 3, color: "#31572c", weight: 1, fillOpacity: 0.6, interactive: false }),
    onEachFeature: (feature, layer) => {
      layer.bindTooltip(feature.properties.name, {
        permanent: true, direction: "top", offset: [0, -4], className: "place-label", interactive: false,
      });
    },
  }).addTo(map);
  let boxRequest = 0;
  const MAX_SPAN = 5; // degrees: the server draws communes only in a box this small (org.views.places)
  function loadCommunes() {
    const ticket = ++boxRequest;
    const bounds = map.getBounds().pad(0.1);
    if (bounds.getEast() - bounds.getWest() > MAX_SPAN || bounds.getNorth() - bounds.getSouth() > MAX_SPAN) {
      communes.clearLayers(); // the whole country: too many to draw; zoom in to see the communes
      return;
    }
    const url = `${d.boxUrl}?bbox=${bounds.toBBoxString()}`;
    fetch(url, { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : null))
      .then((data) => {
        if (!data || ticket !== boxRequest) return;
        // Keep what is still in view, drop what left it, add what came in: no flicker, no duplicates.
        const wanted = new Set(data.features.map((f) => f.id));
        communes.eachLayer((layer) => {
          if (!wanted.has(layer.feature.id)) communes.removeLayer(layer);
        });
        const shown = new Set();
        communes.eachLayer((layer) => shown.add(layer.feature.id));
        communes.addData(data.features.filter((f) => !shown.has(f.id)));
      })
      .catch(() => {});
  }
  function labels() {
    box.classList.toggle("place-map-labels", map.getZoom() >= 11);
  }
  map.on("moveend", loadCommunes);
  map.on("zoomend", labels);
  labels();
  loadCommunes();

  let pin = null;
  let lookup = 0;
  function say(text) {
    result.textContent = text;
  }
  function setPin(lat, lon) {
    const la = Number(lat.toFixed(6));
    const lo = Number(lon.toFixed(6));
    latInput.value = la.toFixed(6);
    lonInput.value = lo.toFixed(6);
    if (!pin) {
      pin = L.marker([la, lo], { draggable: true, keyboard: true, title: d.msgPin, alt: d.msgPin }).addTo(map);
      pin.on("dragend", () => {
        const p = pin.getLatLng();
        setPin(p.lat, p.lng);
      });
    } else {
      pin.setLatLng([la, lo]);
    }
    const ticket = ++lookup;
    say(d.msgLooking);
    box.dataset.unit = "";
    fetch(`${d.atUrl}?lat=${la}&lon=${lo}`, { headers: { Accept: "application/json" } })
      .then((r) => r.json())
      .then((data) => {
        if (ticket !== lookup) return;
        box.dataset.unit = data.found ? String(data.unit.id) : "";
        say(data.found ? `${d.msgPrefix} ${data.message}` : data.message || d.msgFailed);
      })
      .catch(() => {
        if (ticket === lookup) say(d.msgFailed);
      });
  }
  map.on("click", (e) => setPin(e.latlng.lat, e.latlng.lng));

  if (locate) {
    if (!navigator.geolocation) {
      locate.hidden = true;
    } else {
      locate.addEventListener("click", () => {
        say(d.msgLocating);
        navigator.geolocation.getCurrentPosition(
          (position) => {
            const { latitude, longitude } = position.coords;
            map.setView([latitude, longitude], Math.max(map.getZoom(), 13));
            setPin(latitude, longitude);
          },
          () => say(d.msgDenied),
          { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
        );
      });
    }
  }

  // A point typed in the fields (or kept after a correction) shows on the map too.
  function fromFields() {
    const la = parseFloat(latInput.value);
    const lo = parseFloat(lonInput.value);
    if (Number.isFinite(la) && Number.isFinite(lo) && Math.abs(la) <= 90 && Math.abs(lo) <= 180) {
      map.setView([la, lo], Math.max(map.getZoom(), 13));
      setPin(la, lo);
    }
  }
  latInput.addEventListener("change", fromFields);
  lonInput.addEventListener("change", fromFields);
  if (latInput.value && lonInput.value) fromFields();
})();
