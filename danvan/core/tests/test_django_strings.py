"""Django's messages that its own Vietnamese catalogue lacks come out in Vietnamese from ours."""

from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils import translation

from danvan.core.django_strings import DJANGO_MESSAGES


def test_the_empty_choice_of_a_select_is_vietnamese():
    with translation.override("vi"):
        assert str(BLANK_CHOICE_LABEL) == "- Chọn -"
        assert all(translation.gettext(message) != message for message in DJANGO_MESSAGES)
