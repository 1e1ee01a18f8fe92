"""The Django admin in Vietnamese has no English left: every registered model's list, add and change
pages, crawled as the demo's superuser with the demo's data, show no English message
(``admin_english``: Django's and our catalogues' msgids, filled-in placeholders, unmarked English)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from danvan.web.tests.admin_english import english_in, visible_texts

pytestmark = pytest.mark.django_db


def _pages() -> list[tuple[str, str]]:
    pages = [("index", reverse("admin:index"))]
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        name = f"{meta.app_label}.{meta.model_name}"
        pages.append((f"{name} list", reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")))
        pages.append((f"{name} add", reverse(f"admin:{meta.app_label}_{meta.model_name}_add")))
        first: Any = model_admin.get_queryset(_Request()).order_by("pk").first()
        if first is not None:
            try:
                url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            except NoReverseMatch:
                continue
            pages.append((f"{name} change", url))
            pages.append((f"{name} history", url + "history/"))
    return pages


class _Request:
    """Enough of a request for an admin's ``get_queryset`` (the superuser sees every row)."""

    def __init__(self) -> None:
        from danvan.org.models import User

        self.user = User.objects.get(username="quantri")
        self.GET: dict[str, str] = {}


@pytest.fixture
def demo_data(frozen_clock: Any) -> None:
    from django.core.management import call_command

    from danvan.cases.demo import demo_answered_cases_seed, demo_cases_seed
    from danvan.org.demo import demo_seed
    from danvan.surveys.demo import demo_surveys_seed

    demo_seed(46)
    demo_cases_seed(46)
    answered = demo_answered_cases_seed()
    demo_surveys_seed(46, rated_case_ids=[c.pk for c in answered[1:]])
    call_command("open311_demo", stdout=io.StringIO())


def test_every_admin_page_is_in_vietnamese(client: Client, demo_data: None) -> None:
    from danvan.org.models import User

    client.force_login(User.objects.get(username="quantri"))
    found: dict[str, list[str]] = {}
    seen = 0
    with translation.override("vi"):
        for name, url in _pages():
            response = client.get(url, headers={"accept-language": "vi"})
            if response.status_code in (302, 403):
                continue  # an admin that offers no such page (no adding, read-only)
            assert response.status_code == 200, (name, url, response.status_code)
            seen += 1
            english = english_in(response.content.decode())
            if english:
                found[f"{name} {url}"] = sorted(set(english))
    assert seen > 40
    assert found == {}, "\n".join(f"{page}: {texts}" for page, texts in found.items())


def test_the_detector_finds_english() -> None:
    page = "<h1>Thêm cơ quan</h1><p>Select survey template to change</p><a title='Show all'>Hiện</a><p>Đã lưu</p>"
    assert english_in(page) == ["Select survey template to change", "Show all"]
    assert english_in("<p>The key was revoked by the operator</p>") == ["The key was revoked by the operator"]
    assert english_in("<p>Mã</p><p>000123</p><p>pakn-moi-truong</p><p>API</p>") == []
    assert visible_texts("<script>var a='Add'</script><button>Lưu</button>") == ["Lưu"]


def test_every_field_and_model_the_admin_shows_has_a_translatable_name() -> None:
    """What was never marked for translation cannot be translated: a field without a verbose name
    is labelled with its English attribute name ("template", "created by")."""
    from django.utils.functional import Promise

    models = set(admin.site._registry)
    for model_admin in list(admin.site._registry.values()):
        models |= {inline.model for inline in model_admin.inlines}
    unnamed = []
    for model in models:
        if not isinstance(model._meta.original_attrs.get("verbose_name"), Promise):
            unnamed.append(model._meta.label)
        for field in model._meta.get_fields():
            if field.auto_created or getattr(field, "primary_key", False) or not hasattr(field, "verbose_name"):
                continue
            if not isinstance(field.verbose_name, Promise):
                unnamed.append(f"{model._meta.label}.{field.name}")
    assert sorted(unnamed) == []


def test_permissions_are_named_in_vietnamese() -> None:
    from django.contrib.auth.models import Permission

    from danvan.web.admin import permission_label

    permission = Permission.objects.select_related("content_type").get(codename="add_apikey")
    with translation.override("vi"):
        assert permission_label(permission).endswith("| Được thêm khóa API"), permission_label(permission)
