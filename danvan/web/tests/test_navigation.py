"""The page shell's menu is what the capabilities registered, each entry shown by its own rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import resolve
from django.utils.translation import gettext_lazy as _

from danvan.org.choices import Role
from danvan.org.tests.factories import grant, make_user, organization
from danvan.ui import registry
from danvan.ui.registry import Area, MenuItem


def _menu(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    request.resolver_match = resolve(path)
    return registry.menu_for(request)


def _keys(menu, area):
    return [link.key for link in menu[area]]


@pytest.mark.django_db
def test_anonymous_sees_the_public_entries_in_order_and_nothing_else():
    from django.contrib.auth.models import AnonymousUser

    menu = _menu(AnonymousUser())
    assert _keys(menu, "public") == [
        "web.home",
        "cases.submit",
        "cases.feed",
        "cases.lookup",
        "reception.schedule_public",
        "reception.dialogues_public",
        "democracy.communes",
        "consultations.public",  # "Góp ý dự thảo" (issue 19, drafts part)
        "emulation.dvk_gallery",  # "Dân vận khéo" (issue 17, dvk part)
        "org.place_resolve",
    ]
    # The account entries are shown to anyone signed in, so an anonymous menu has none of them.
    assert _keys(menu, "account") == []
    assert _keys(menu, "work") == []
    assert _keys(menu, "reference") == []


@pytest.mark.django_db
def test_a_handler_sees_the_work_his_roles_allow_and_the_entry_of_the_page_is_current():
    body = organization("UBND xã Thử")
    handler = make_user(username="xuly")
    grant(handler, Role.HANDLER, body)
    menu = _menu(handler, "/van-hanh/ho-so/")
    assert _keys(menu, "account") == ["cases.mine", "notifications.list"]
    assert "cases.inbox" in _keys(menu, "work")
    assert [link.key for link in menu["work"] if link.current] == ["cases.inbox"]
    assert "org.units" not in _keys(menu, "reference")  # browsing units is the operator's


@pytest.mark.django_db
def test_one_entry_is_current_for_every_page_of_its_section():
    body = organization("UBND xã Thử")
    head = make_user(username="thutruong")
    grant(head, Role.HEAD, body)
    menu = _menu(head, "/van-hanh/khao-sat/")
    assert [link.key for link in menu["work"] if link.current] == ["surveys.results"]


def test_two_different_entries_under_one_key_are_refused():
    item = MenuItem("test.once", _("Once"), "web:home", Area.PUBLIC)
    registry.register_menu_item(item)
    registry.register_menu_item(item)  # the same entry again (ready() run twice) is harmless
    with pytest.raises(ImproperlyConfigured, match=r"test\.once"):
        registry.register_menu_item(MenuItem("test.once", _("Other"), "web:home", Area.PUBLIC))
    registry._registry.menu.pop("test.once")


@pytest.mark.django_db
def test_an_entry_naming_a_page_that_does_not_exist_fails_loudly():
    from django.contrib.auth.models import AnonymousUser

    registry.register_menu_item(MenuItem("test.broken", _("Broken"), "web:no_such_page", Area.PUBLIC))
    try:
        with pytest.raises(ImproperlyConfigured, match=r"web:no_such_page"):
            _menu(AnonymousUser())
    finally:
        registry._registry.menu.pop("test.broken")


@pytest.mark.django_db
def test_the_home_page_shows_every_registered_card(client):
    html = client.get("/").content.decode()
    for card in registry.home_cards_for(None):
        assert card.template  # each card's template renders inside the page
    assert html.count('<article class="card">') == len(registry.home_cards_for(None)) == 6


@pytest.mark.django_db
def test_the_page_names_the_current_entry_beside_the_menu_button_and_groups_the_menu_once_signed_in(client):
    html = client.get("/").content.decode()
    assert '<p class="nav-here" aria-hidden="true">Trang chủ</p>' in html
    assert html.count('<details class="nav-menu">') == 1 and "<script" not in html  # the button needs no script
    assert "nav-group-title" not in html  # a visitor's menu is one group: no titles
    body = organization("UBND xã Thử")
    handler = make_user(username="xuly")
    grant(handler, Role.HANDLER, body)
    client.force_login(handler)
    html = client.get("/van-hanh/ho-so/").content.decode()
    assert '<p class="nav-here" aria-hidden="true">Hồ sơ, vụ việc</p>' in html
    for group, title in (("public", "Dành cho người dân"), ("account", "Tài khoản"), ("work", "Công việc")):
        assert f'<p class="nav-group-title" id="nav-group-{group}">{title}</p>' in html
        assert f'<ul aria-labelledby="nav-group-{group}">' in html
    assert html.count('aria-current="page"') == 1
