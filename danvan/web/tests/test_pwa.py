"""Issue 14, item 6: installable on a phone — the manifest, the service worker, the offline page."""

from __future__ import annotations

import json

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db


def test_every_page_links_the_manifest_and_the_theme_color_and_the_form_registers_the_worker() -> None:
    html = Client().get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<meta name="theme-color" content="#a51d1d">' in html
    assert "<script" not in html  # pages that need no script have none
    assert 'data-sw="/sw.js"' in Client().get("/gui-phan-anh/").content.decode()


def test_the_manifest_is_valid_and_its_icons_are_real_pngs_of_their_size() -> None:
    response = Client().get("/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Dân Vận Số" and manifest["short_name"] == "Dân Vận"
    assert manifest["start_url"] == "/" and manifest["scope"] == "/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#a51d1d" and manifest["lang"] == "vi"
    pngs = [icon for icon in manifest["icons"] if icon["type"] == "image/png"]
    assert {(icon["sizes"], icon["purpose"]) for icon in pngs} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }
    for icon in pngs:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        with Image.open(path) as image:
            assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"]
        assert Client().get(icon["src"]).status_code == 200


def test_the_worker_is_served_at_the_root_with_its_scope_and_the_addresses_it_keeps() -> None:
    response = Client().get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/" and "no-cache" in response["Cache-Control"]
    first = response.content.decode().splitlines()[0]
    config = json.loads(first.removeprefix("const CONFIG = ").removesuffix(";"))
    assert config["form"] == "/gui-phan-anh/" and config["offline"] == "/ngoai-tuyen/"
    assert "/static/ui/site.css" in config["shell"] and "/static/cases/draft.js" in config["shell"]
    assert len(config["version"]) == 12


def test_the_offline_page_says_so_in_vietnamese_and_points_to_the_form() -> None:
    html = Client().get("/ngoai-tuyen/").content.decode()
    assert "Không có kết nối mạng" in html and 'href="/gui-phan-anh/"' in html
