from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.insight.models import AlertStatus
from danvan.ui.forms import RefusalMixin


class AlertStatusForm(RefusalMixin, forms.Form):
    status = forms.ChoiceField(label=_("The alert is"), choices=AlertStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AlertFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *AlertStatus.choices])
