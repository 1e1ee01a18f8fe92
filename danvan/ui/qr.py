"""QR codes of links, drawn inline as SVG (no image file, nothing sent to a third party)."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, title: str, scale: int = 3) -> SafeString:
    """A small inline SVG QR of ``url`` (e.g. a rating link printed on a receipt)."""
    import segno  # imported on use: most pages draw none

    svg = segno.make(url, error="m").svg_inline(scale=scale, title=title, svgclass="qr-code", omitsize=True)
    return mark_safe(svg)  # noqa: S308 - segno escapes the title; the rest is numbers
