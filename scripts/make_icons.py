"""Render the app's install icons (web app manifest) from ``danvan/ui/static/ui/favicon.svg``.

Run after changing the favicon: ``.venv/bin/python scripts/make_icons.py``. It uses the same Chromium
as the browser tests (an SVG renderer that is already here), so no image tool is added as a dependency.
Writes ``icon-192.png`` and ``icon-512.png`` (the favicon as drawn, corners transparent) and
``icon-maskable-512.png`` (the mark inside the safe zone on a full red square, for launchers that cut
the icon to their own shape). The PNGs are committed.
"""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import sync_playwright

STATIC = Path(__file__).resolve().parent.parent / "danvan" / "ui" / "static" / "ui"
CHROMIUM = os.environ.get("DANVAN_CHROMIUM", "/usr/bin/chromium")


def main() -> None:
    svg = (STATIC / "favicon.svg").read_text()
    red = "#a51d1d"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, size, maskable in (("icon-192.png", 192, False), ("icon-512.png", 512, False),
                                     ("icon-maskable-512.png", 512, True)):  # fmt: skip
            page = browser.new_page(viewport={"width": size, "height": size})
            # Maskable: the mark at 80% (the safe zone is the inner 80% circle) on a full square.
            inner = int(size * 0.8) if maskable else size
            background = red if maskable else "transparent"
            page.set_content(
                f"<html><body style='margin:0;background:{background};display:flex;align-items:center;"
                f"justify-content:center;width:{size}px;height:{size}px'>"
                f"<div style='width:{inner}px;height:{inner}px'>{svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div>"
                "</body></html>"
            )
            page.screenshot(path=str(STATIC / name), omit_background=not maskable)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
