"""WSGI entry point of the django-helpdesk peer: ``gunicorn hdproject.wsgi:application``
(run from benchmarks/peer_helpdesk, or with ``--chdir`` to it)."""

import os

from django.core.wsgi import get_wsgi_application

# Set, not defaulted: the harness may have our app's DJANGO_SETTINGS_MODULE in its environment.
os.environ["DJANGO_SETTINGS_MODULE"] = "hdproject.settings"
application = get_wsgi_application()
