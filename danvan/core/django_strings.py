"""Django's own user-facing messages that its Vietnamese catalogue lacks.

Marked here so that ``makemessages`` keeps them in our catalogue, which ``LOCALE_PATHS`` puts ahead
of Django's: without this, every select without a chosen value says "- Select an option -" in
English on a Vietnamese page.
"""

from django.utils.translation import gettext_noop

DJANGO_MESSAGES = (
    gettext_noop("- Select an option -"),  # django.db.models.fields.BLANK_CHOICE_LABEL (Django 6)
)
