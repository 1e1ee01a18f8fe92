import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# Production: refuse to serve as a database superuser or owner (danvan/core/dbroles.py).
from danvan.core.dbroles import enforce_app_role  # noqa: E402

enforce_app_role()
