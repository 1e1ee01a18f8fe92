"""The pages' one way to save a posted form (ui/forms.py: save_posted, form_status)."""

from __future__ import annotations

from django import forms
from django.test import RequestFactory

from danvan.core.errors import DomainError
from danvan.ui.forms import RefusalMixin, Saved, form_status, save_posted


class NameForm(RefusalMixin, forms.Form):
    name = forms.CharField(max_length=10)


class PlainForm(forms.Form):
    name = forms.CharField(max_length=10)


def test_a_valid_post_is_saved_even_when_the_service_returns_none() -> None:
    request = RequestFactory().post("/", {"name": "Lan"})
    form = NameForm(request.POST)
    assert save_posted(request, form, lambda: None) == Saved(None)
    assert form_status(form) == 200


def test_nothing_is_saved_on_a_get_or_an_invalid_form() -> None:
    calls: list[int] = []
    get = RequestFactory().get("/")
    assert save_posted(get, NameForm(None), lambda: calls.append(1)) is None
    post = RequestFactory().post("/", {"name": "x" * 11})
    form = NameForm(post.POST)
    assert save_posted(post, form, lambda: calls.append(1)) is None
    assert (calls, form_status(form)) == ([], 400)


def test_a_refusal_is_shown_on_the_field_it_names_or_above_a_plain_form() -> None:
    def refuse() -> None:
        raise DomainError("Tên đã có.", code="name_taken", details={"field": "name"})

    post = RequestFactory().post("/", {"name": "Lan"})
    named = NameForm(post.POST)
    assert save_posted(post, named, refuse) is None
    assert (named.errors["name"], form_status(named)) == (["Tên đã có."], 400)
    plain = PlainForm(post.POST)
    assert save_posted(post, plain, refuse) is None
    assert plain.non_field_errors() == ["Tên đã có."]


def test_every_extra_form_is_validated_before_saving() -> None:
    post = RequestFactory().post("/", {"name": "Lan"})
    bad = PlainForm({"name": ""})
    assert save_posted(post, NameForm(post.POST), lambda: 1, bad) is None
    assert bad.errors  # its errors are shown too (each form validated, not short-circuited)
