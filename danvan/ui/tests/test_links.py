"""Links one capability offers for another's pages, by name (``ui.registry.provide_link``/``link``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import ImproperlyConfigured

from danvan.ui import registry
from danvan.ui.qr import qr_svg


@pytest.fixture
def isolated() -> Iterator[None]:
    saved = dict(registry._links)
    yield
    registry._links.clear()
    registry._links.update(saved)


def _rating(*, case_id: int) -> str:
    return f"/danh-gia/?k=token-{case_id}"


def test_a_provided_link_is_built_from_the_facts(isolated):
    registry.provide_link("test.rating", _rating)
    assert registry.link("test.rating", case_id=7) == "/danh-gia/?k=token-7"


def test_a_link_nobody_provides_is_empty(isolated):
    assert registry.link("test.nobody", case_id=7) == ""


def test_providing_the_same_builder_again_is_harmless_but_another_one_is_a_mistake(isolated):
    registry.provide_link("test.rating", _rating)
    registry.provide_link("test.rating", _rating)  # ready() run again
    with pytest.raises(ImproperlyConfigured):
        registry.provide_link("test.rating", lambda *, case_id: "")


def test_the_case_page_finds_the_rating_link_provided_at_start_up():
    # The shell provides it while surveys' pages are still its own.
    assert "surveys.case_rating" in registry._links and "surveys.case_rating_url" in registry._links


def test_a_qr_code_is_inline_svg_with_its_title_escaped():
    svg = qr_svg("https://danvan.example/danh-gia/?k=abc", title="Mã QR <đánh giá>")
    assert svg.startswith("<svg") and 'class="qr-code"' in svg
    assert "<title>Mã QR &lt;đánh giá&gt;</title>" in svg
