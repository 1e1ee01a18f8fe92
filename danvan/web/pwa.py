"""Installable on a phone: the web app manifest, the service worker and the page it shows offline.

The worker (``static/web/sw.js``) is served from ``/sw.js`` by a view, not from ``/static/``, because a
worker controls only the pages under its own path and the site's pages are at the root. The view puts
in front of it the addresses it needs (the static files have hashed names in production, and the form's
address is ``cases``'), so the file itself holds no address. The worker keeps the shell (styles, icons,
scripts), the petition form and the offline page, so a citizen with a bad connection can open the form
and write; sending still needs the network (the form's draft stays on the device: ``cases/draft.js``).
Every page links the manifest (``ui/base.html``); the worker is registered by the form page
(``cases/public/_draft.html``, ``ui/static/ui/pwa.js``), so the pages that need no script keep none, and
once registered its scope is the whole site (``/`` offline gives the offline page).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

THEME_COLOR = "#a51d1d"  # the red of the favicon and of site.css (--red)
SHELL = [
    "ui/site.css",
    "ui/favicon.svg",
    "ui/icon-192.png",
    "ui/icon-512.png",
    "ui/pwa.js",
    "cases/draft.js",
    "cases/draft.css",
]


@require_GET
@cache_control(public=True, max_age=3600)
def manifest(request: HttpRequest) -> JsonResponse:
    """``/manifest.webmanifest`` (W3C Web Application Manifest), in the reader's language."""
    icon = {"type": "image/png"}
    data = {
        "name": _("Dân Vận Số"),
        "short_name": _("Dân Vận"),
        "description": _("Send a petition to the authorities and follow its answer."),
        "lang": get_language() or "vi",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOR,
        "background_color": "#ffffff",
        "icons": [
            icon | {"src": static("ui/icon-192.png"), "sizes": "192x192", "purpose": "any"},
            icon | {"src": static("ui/icon-512.png"), "sizes": "512x512", "purpose": "any"},
            icon | {"src": static("ui/icon-maskable-512.png"), "sizes": "512x512", "purpose": "maskable"},
            {"src": static("ui/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
        "shortcuts": [{"name": _("Send a petition"), "url": reverse("cases:case_submit")}],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@cache
def _worker_source() -> str:
    return (Path(__file__).resolve().parent / "static" / "web" / "sw.js").read_text(encoding="utf-8")


@require_GET
@cache_control(no_cache=True)  # the browser checks for a new worker on every visit (and at most daily anyway)
def service_worker(request: HttpRequest) -> HttpResponse:
    """``/sw.js``: the worker, with the addresses it keeps."""
    config = {
        "shell": [static(name) for name in SHELL],
        "form": reverse("cases:case_submit"),
        "offline": reverse("web:offline"),
    }
    # A new version (and a fresh cache) whenever an address or the worker itself changes.
    config["version"] = hashlib.sha256((json.dumps(config) + _worker_source()).encode()).hexdigest()[:12]
    body = f"const CONFIG = {json.dumps(config)};\n{_worker_source()}"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What the worker shows for a page it cannot reach offline (kept in its cache)."""
    return render(request, "web/offline.html")


urlpatterns = [
    path("manifest.webmanifest", manifest, name="manifest"),
    path("sw.js", service_worker, name="service_worker"),
    path("ngoai-tuyen/", offline, name="offline"),
]
