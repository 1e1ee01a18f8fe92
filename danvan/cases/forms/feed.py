"""Forms of the public feedback feed: its filter, "still not fixed", and the look for similar reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.cases import selectors_feed
from danvan.cases.forms.public import MICRODEGREE, TopicChoiceField


class CommuneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}, {obj.province.name}" if obj.province_id else str(obj.name)


class FeedFilterForm(forms.Form):
    """The feed's filter: by commune (those with public reports) and by topic. Bad values are ignored."""

    xa = CommuneChoiceField(label=_("Commune or ward"), required=False, empty_label=_("— All —"),
                            queryset=selectors_feed.feed_communes())  # fmt: skip
    chu_de = TopicChoiceField(label=_("Topic"), required=False, to_field_name="code", empty_label=_("— All —"),
                              queryset=selectors_feed.feed_topics())  # fmt: skip

    def filters(self) -> selectors_feed.FeedFilters:
        if not self.is_valid():
            return selectors_feed.FeedFilters()
        unit, topic = self.cleaned_data.get("xa"), self.cleaned_data.get("chu_de")
        return selectors_feed.FeedFilters(
            place_unit_id=unit.pk if unit else None, topic_code=topic.code if topic else ""
        )


class ReopenForm(forms.Form):
    note = forms.CharField(
        label=_("What is still wrong?"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the light was repaired but went out again after two days."),
    )  # fmt: skip


class NearbyForm(forms.Form):
    """What the petition form knows before it is sent: enough to look for the same problem nearby."""

    topic = TopicChoiceField(label=_("Topic"), required=False, to_field_name="code", empty_label=_("— Not sure —"),
                             queryset=selectors_feed.feed_topics())  # fmt: skip
    place_text = forms.CharField(label=_("Where is it?"), max_length=300, required=False,
                                 help_text=_("The commune or ward and the province, e.g. “phường Phú Xuân, Huế”."))  # fmt: skip
    latitude = forms.DecimalField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    longitude = forms.DecimalField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    def lookup(self) -> dict[str, Any]:
        """Keyword arguments of ``selectors_feed.feed_nearby`` (nothing to look for when invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        lat, lon = data.get("latitude"), data.get("longitude")
        point: dict[str, Decimal | None] = {"latitude": None, "longitude": None}
        if lat is not None and lon is not None:
            point = {"latitude": Decimal(lat).quantize(MICRODEGREE), "longitude": Decimal(lon).quantize(MICRODEGREE)}
        unit = selectors_feed.place_unit_for(data.get("place_text") or "")
        if unit is None and point["latitude"] is None:
            return {}
        return {"topic_code": data["topic"].code if data.get("topic") else "", "place_unit_id": unit, **point}
