"""Consultations: the participation part's forms. They only parse: the services decide (text rules,
sections, periods)."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.consultations import choices, rules

_WHOLE = ("", _("The whole draft"))
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _section_field(sections: list[tuple[str, str]], label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[_WHOLE, *sections], required=False)


class VoteForm(forms.Form):
    statement = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    value = forms.TypedChoiceField(choices=[("1", _("Agree")), ("-1", _("Disagree")), ("0", _("Pass"))], coerce=int)


def _retry_key() -> str:
    return secrets.token_hex(16)


class StatementForm(forms.Form):
    # The services clean and check the text; the limits here only keep a huge body out.
    text = forms.CharField(label=_("Your statement"), max_length=rules.STATEMENT_MAX * 2,
                           widget=forms.Textarea(attrs={"rows": 3, "maxlength": rules.STATEMENT_MAX}),
                           help_text=_("One short idea others can agree or disagree with (at most %(n)s characters).")
                           % {"n": rules.STATEMENT_MAX})  # fmt: skip
    client_key = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput, initial=_retry_key)

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"] = _section_field(sections, _("Which part of the draft"))
        self.order_fields(["section", "text"])


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=rules.COMMENT_MAX * 2,
                           widget=forms.Textarea(attrs={"rows": 6, "maxlength": rules.COMMENT_MAX}),
                           help_text=_("Plain text, at most %(n)s characters.") % {"n": rules.COMMENT_MAX})  # fmt: skip
    client_key = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput, initial=_retry_key)

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"] = _section_field(sections, _("Which part of the draft"))
        self.order_fields(["section", "text"])


class HouseholdCodeForm(forms.Form):
    village = forms.TypedChoiceField(label=_("Village / residential group"), coerce=int, choices=[])
    household = forms.CharField(label=_("Household code"), max_length=40,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
                                help_text=_("As written on the notice the village head gave your household."))  # fmt: skip
    phone = forms.CharField(label=_("Phone of the household's representative"), max_length=20,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}))  # fmt: skip

    def __init__(self, *args: Any, villages: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = villages  # type: ignore[attr-defined]


class HouseholdVerifyForm(forms.Form):
    village = forms.TypedChoiceField(label=_("Village / residential group"), coerce=int, choices=[])
    household = forms.CharField(label=_("Household code"), max_length=40)
    code = forms.CharField(label=_("One-time code (6 digits, by SMS)"), max_length=12,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))  # fmt: skip

    def __init__(self, *args: Any, villages: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = villages  # type: ignore[attr-defined]


_KEYED_CHANNELS = [(v, label) for v, label in choices.Channel.choices if v != choices.Channel.PLATFORM]


class KeyInCommentForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=_KEYED_CHANNELS)
    source_ref = forms.CharField(label=_("Source (minutes, ballot, letter)"), max_length=300)
    source_date = forms.DateField(label=_("Date of the source"), widget=_DATE, input_formats=_DATE_FORMATS)
    supporters = forms.IntegerField(label=_("People it speaks for"), min_value=1, max_value=1_000_000, initial=1)
    text = forms.CharField(
        label=_("The view"), max_length=rules.COMMENT_MAX * 2, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"] = _section_field(sections, _("Which part of the draft"))
        self.order_fields(["section", "channel", "source_ref", "source_date", "supporters", "text"])


class TallyForm(forms.Form):
    statement = forms.TypedChoiceField(label=_("Statement"), coerce=int, choices=[])
    channel = forms.ChoiceField(label=_("Channel"), choices=_KEYED_CHANNELS)
    source_ref = forms.CharField(label=_("Source (minutes, ballot count)"), max_length=300)
    held_on = forms.DateField(label=_("Held on"), widget=_DATE, input_formats=_DATE_FORMATS)
    agree = forms.IntegerField(label=_("Agree"), min_value=0, max_value=1_000_000, initial=0)
    disagree = forms.IntegerField(label=_("Disagree"), min_value=0, max_value=1_000_000, initial=0)
    passed = forms.IntegerField(label=_("Pass"), min_value=0, max_value=1_000_000, initial=0)

    def __init__(self, *args: Any, statements: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statement"].choices = statements  # type: ignore[attr-defined]


class ModerateForm(forms.Form):
    action = forms.ChoiceField(choices=[("publish", "publish"), ("hide", "hide"), ("merge", "merge")])
    kind = forms.ChoiceField(choices=[("statement", "statement"), ("comment", "comment")])
    target = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
    into = forms.IntegerField(label=_("Merge into (number)"), min_value=1, max_value=2**31 - 1, required=False)
