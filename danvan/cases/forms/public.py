"""Forms of the citizen's side of cases: the public petition form, the look-up, the withdrawal.

They only parse what the browser sends into types; every rule about a petition (content length,
HTML, contact, anonymity, place, files) is checked by ``cases.services.intake`` so the web, the API
and the counter (``forms.counter``, built on the public form) refuse the same things with the same words.
"""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from danvan.cases import rules, selectors
from danvan.cases.choices import Track
from danvan.cases.short_code import short_code_parse
from danvan.core import contacts, parsing
from danvan.files import checks

ACCEPT = "image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf"
# The whole request: five files of at most 10 MB would be 50 MB; a cheap phone on a mobile network
# should not send that much, and the server should not buffer it. Checked on Content-Length.
MAX_REQUEST_BYTES = 30 * 1024 * 1024
MICRODEGREE = Decimal("0.000001")

KIND_CHOICES = [
    (Track.PAKN.value, _("Feedback or petition (phản ánh, kiến nghị)")),
    (Track.KHIEU_NAI.value, _("Complaint (khiếu nại)")),
    (Track.TO_CAO.value, _("Denunciation (tố cáo)")),
    (Track.UNCLASSIFIED.value, _("Not sure: let the officers classify it")),
]
KIND_HELP = {
    Track.PAKN.value: _(
        "About a public matter (roads, lighting, waste, procedures, how an official served you…), "
        "with your proposal if you have one."
    ),
    Track.KHIEU_NAI.value: _(
        "You ask for an administrative decision or act that affects your own rights to be reviewed. "
        "A complaint carries your name; it is lodged within 90 days (Luật Khiếu nại 2011, Art. 8, 9)."
    ),
    Track.TO_CAO.value: _(
        "You report an unlawful act of an official, a body or a person. Your name, address and "
        "handwriting are kept secret (Luật Tố cáo 2018, Art. 47)."
    ),
    Track.UNCLASSIFIED.value: _("The officer who receives it reads it and puts it on the right legal track."),
}

# Shown beside the checkbox and stored with the case, in the language the person read it in.
CONSENT_TEXT = _(
    "I agree that the information in this form, including my personal data, is processed to receive, "
    "route, handle and answer my petition, and for statistics that name no one. What is collected: the "
    "content, place and files I send, my name and my contact details. Who processes it: the state body "
    "competent to handle the petition, the bodies it is lawfully transferred to, and the operator of "
    "Dân Vận Số on their behalf. For a denunciation (tố cáo) my identity is sealed and kept secret as "
    "Luật Tố cáo 2018 requires. My rights under Luật Bảo vệ dữ liệu cá nhân (No. 91/2025/QH15): to be "
    "informed, to see and correct my data, to withdraw this consent and to complain; withdrawing it does "
    "not undo processing already done or processing the law requires."
)


def _contact(problem: Any) -> Any:
    """A form validator from a rule of ``core.contacts`` (the one the service applies)."""

    def validate(value: str) -> None:
        message = problem(value)
        if message is not None:
            raise forms.ValidationError(message)

    return validate


_phone = _contact(contacts.phone_problem)
_key = re.compile(r"^[0-9a-f]{32}$")
_link_code = re.compile(r"/tra-cuu/([A-Za-z0-9-]{4,20})/")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name (Django's documented pattern); an empty list when none."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        if (get_language() or "vi").startswith("en") and obj.name_en:
            return str(obj.name_en)
        return str(obj.name)


class PetitionForm(forms.Form):
    """The public form. Required-ness of content, contact and consent is the service's to decide."""

    track = forms.ChoiceField(label=_("What kind of petition is it?"), choices=KIND_CHOICES, widget=forms.RadioSelect)
    title = forms.CharField(
        label=_("Title (optional)"), max_length=200, required=False,
        help_text=_("A few words, e.g. “Street light broken on Lê Lợi street”."),
    )  # fmt: skip
    content = forms.CharField(
        label=_("What happened, and what do you ask for?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "required": True}),
        help_text=_("Plain text. When, where, who is involved, and what you propose."),
    )
    topic = TopicChoiceField(
        label=_("Topic (optional)"), required=False, to_field_name="code", empty_label=_("— Not sure —"),
        queryset=selectors.topic_list_active(),
    )  # fmt: skip
    place_text = forms.CharField(
        label=_("Where is it?"), max_length=300, required=False,
        help_text=_(
            "The commune or ward and the province. Old names from before 1/7/2025 (with the district) are "
            "accepted, with or without diacritics, e.g. “p thao dien, thu duc, tphcm”."
        ),
    )  # fmt: skip
    latitude = forms.DecimalField(
        label=_("Latitude (optional)"), required=False, min_value=-90, max_value=90,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("From your phone's map, e.g. 16.463700. Give both numbers or neither."),
    )  # fmt: skip
    longitude = forms.DecimalField(
        label=_("Longitude (optional)"), required=False, min_value=-180, max_value=180,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("e.g. 107.590800"),
    )  # fmt: skip
    # The commune chosen when the place written fits several (``_place_choice.html``); 0 = "not sure".
    place_unit = forms.IntegerField(label=_("Which one do you mean?"), required=False, min_value=0)
    attachments = MultipleFileField(label=_("Photos or documents (optional)"), required=False)
    name = forms.CharField(label=_("Your full name"), max_length=200, required=False)
    phone = forms.CharField(
        label=_("Phone"), max_length=20, required=False, validators=[_phone],
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )  # fmt: skip
    email = forms.CharField(label=_("Email"), required=False, max_length=contacts.MAX_EMAIL,
                            validators=[_contact(contacts.email_problem)],
                            widget=forms.EmailInput(attrs={"autocomplete": "email"}))  # fmt: skip
    address = forms.CharField(
        label=_("Address to receive the answer"), max_length=300, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )  # fmt: skip
    is_anonymous = forms.BooleanField(
        label=_("Send without giving my name (anonymously)"), required=False,
        help_text=_(
            "An anonymous denunciation is not handled as a denunciation, only as information "
            "(Luật Tố cáo 2018, Art. 25): you will not be told the result. A complaint cannot be anonymous "
            "(Luật Khiếu nại 2011, Art. 8). Without contact details nobody can answer you."
        ),
    )  # fmt: skip
    people_count = forms.IntegerField(
        label=_("How many people send this petition?"), min_value=1, max_value=parsing.MAX_PEOPLE, initial=1, required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("1 if only you. For a group, every person signs the petition."),
    )  # fmt: skip
    # Public feedback (``cases.publicity``): public unless the citizen says no; never a complaint or a denunciation.
    keep_private = forms.BooleanField(
        label=_("Do not show my feedback on the public page"), required=False,
        help_text=_(
            "Feedback is shown on the public page so that neighbours can follow the answer, without your name, "
            "phone, email or address. Complaints and denunciations are never shown."
        ),
    )  # fmt: skip
    share_photos = forms.BooleanField(label=_("Show my photos there too"), required=False, initial=True)
    consent = forms.BooleanField(label=_("I agree to the processing of my information as described above."),
                                 required=False)  # fmt: skip
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    # The citizen is asked whether their feedback is public (the counter form does not ask: not published).
    publish_question = True

    # Keys of the service's error details that are named differently here.
    SERVICE_FIELDS = {"topic_code": "topic", "files": "attachments"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Interpolated here, not at import, so that it is in the language of the request.
        self.fields["attachments"].help_text = _(
            "Up to %(count)s files: JPEG, PNG or WebP photos, or PDF; at most %(size)s MB each and %(total)s MB "
            "together. The location saved inside photos is removed."
        ) % {"count": rules.MAX_FILES_PER_CASE, "size": checks.DEFAULT_MAX_BYTES // (1024 * 1024),
             "total": MAX_REQUEST_BYTES // (1024 * 1024)}  # fmt: skip
        if not self.is_bound:
            # One key per rendering of the form: a double click or a browser retry sends the same key,
            # and the service then returns the case already stored instead of a second one.
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)

    @property
    def consent_text(self) -> str:
        return str(CONSENT_TEXT)

    def kind_options(self) -> list[tuple[Any, Any]]:
        """The radio buttons with the explanation of each kind, for the template."""
        return [(radio, KIND_HELP[radio.data["value"]]) for radio in self["track"]]

    def _clean_coordinate(self, name: str) -> Decimal | None:
        value = self.cleaned_data.get(name)
        return None if value is None else Decimal(value).quantize(MICRODEGREE)

    def clean_latitude(self) -> Decimal | None:
        return self._clean_coordinate("latitude")

    def clean_longitude(self) -> Decimal | None:
        return self._clean_coordinate("longitude")

    def clean_idempotency_key(self) -> str:
        # Only what this form hands out; anything else means "no key" (never an error to the citizen).
        value = (self.cleaned_data.get("idempotency_key") or "").strip().lower()
        return value if _key.match(value) else ""

    place_candidates: list[tuple[int, str]] = []

    def add_service_errors(self, details: dict[str, Any]) -> None:
        self.place_candidates = details.pop("place_candidates", None) or []
        for key, message in details.items():
            name = self.SERVICE_FIELDS.get(key, key)
            self.add_error(name if name in self.fields else None, str(message))


class LookupForm(forms.Form):
    """Tracking code and secret; the secret may be pasted as the whole private link."""

    code = forms.CharField(
        label=_("Tracking code"), max_length=20, required=False,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("e.g. PA-2602-7KQ3XM"),
    )  # fmt: skip
    secret = forms.CharField(
        label=_("Secret key or private link"), max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("The part after “?k=” in your private link, or paste the whole link."),
    )  # fmt: skip

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).upper()
        code = short_code_parse(code) or code  # the short code of a receipt, or the tracking code
        if code and not rules.tracking_code_well_formed(code):
            raise forms.ValidationError(_("A tracking code has letters, digits and dashes only, e.g. PA-2602-7KQ3XM."))
        return code

    def clean_secret(self) -> str:
        value = self.cleaned_data["secret"].strip()
        if "k=" in value or "://" in value or value.startswith("/"):
            parts = urlsplit(value)
            found = parse_qs(parts.query).get("k") or parse_qs(parts.fragment).get("k")
            if found:
                return found[0].strip()
        return value.split("#")[-1].strip()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("code"):
            # A pasted private link names its case: /tra-cuu/<code>/?k=<secret>.
            match = _link_code.search(self.data.get("secret", "") or "")
            if match:
                data["code"] = match.group(1).upper()
            elif "code" not in self.errors:
                self.add_error("code", _("Please give the tracking code."))
        return data


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(label=_("I withdraw this petition and ask that its handling stop."))
    note = forms.CharField(label=_("Reason (optional)"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
