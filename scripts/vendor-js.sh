#!/bin/sh
# Installs the browser libraries pinned in frontend/package-lock.json and copies their built files into
# the apps that serve them. The copies are committed: the app and its tests need neither npm nor a
# network. Run it only to change a version (edit frontend/package.json, then run this).
set -eu
cd "$(dirname "$0")/.."
(cd frontend && npm ci --no-audit --no-fund)
leaflet=danvan/ui/static/ui/vendor/leaflet
rm -rf "$leaflet" && mkdir -p "$leaflet"
cp frontend/node_modules/leaflet/dist/leaflet.js frontend/node_modules/leaflet/dist/leaflet.css "$leaflet/"
cp -r frontend/node_modules/leaflet/dist/images "$leaflet/"
cp frontend/node_modules/leaflet/LICENSE "$leaflet/LICENSE"
# axe-core only runs inside the browser tests (core.testing.browser.assert_accessible), never in a page.
cp frontend/node_modules/axe-core/axe.min.js danvan/core/testing/axe.min.js
cp frontend/node_modules/axe-core/LICENSE danvan/core/testing/axe.LICENSE
echo "vendored: leaflet $(node -p 'require("./frontend/node_modules/leaflet/package.json").version'), axe-core $(node -p 'require("./frontend/node_modules/axe-core/package.json").version')"
