"""Settings of the django-helpdesk peer: a minimal project around django-helpdesk 2.6.1.

For the HTTP benchmarks only (benchmarks/peer_helpdesk/README.md): it runs in its own virtual
environment (var/bench/helpdesk-venv) and is never imported by the project's code. It follows
helpdesk's documented install, with two deliberate departures, both documented there:

* teams mode is off (``HELPDESK_TEAMS_MODE_ENABLED = False``): helpdesk's docs say pinax-teams is
  optional, and pinax-teams with its django-user-accounts / pinax-invitations / django-reversion
  stack does not support Django 6. ``bootstrap4form`` of the old docs is gone too: helpdesk 2.x
  ships its own ``bootstrap5_form`` template tags.
* helpdesk is mounted at the site root ("/"), so the public form is "/" and "/tickets/submit/",
  staff pages are "/tickets/…", "/reports/…", and the login page is "/login/".

Settings that matter for a fair comparison mirror the project's (config/settings/base.py): DEBUG
off, PostgreSQL through psycopg 3 with its connection pool, Redis cache when REDIS_URL is set,
database sessions, WhiteNoise, Vietnamese language and the Vietnam time zone.
"""

import os
from pathlib import Path

import dj_database_url
import django
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent  # benchmarks/peer_helpdesk
ROOT_DIR = BASE_DIR.parent.parent  # the repository

# BENCHMARK ONLY: a fixed, public, non-secret key. Never use this project anywhere else.
SECRET_KEY = "benchmark-only-not-secret-django-helpdesk-peer-0000000000000000"  # noqa: S105 (public on purpose)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",  # required by helpdesk (admin links, maintenance)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",  # required by helpdesk: domain of the links in its e-mails
    "django.contrib.humanize",  # required by helpdesk: elapsed-time formatting
    "rest_framework",  # required by helpdesk: its API and the ticket list's datatables endpoint
    "helpdesk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "hdproject.urls"
WSGI_APPLICATION = "hdproject.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/helpdesk_100000 (prepare.sh sets it).
# HELPDESK_DATABASE_URL wins when set, so a harness that also exports our app's DATABASE_URL can
# point the peer elsewhere. Only databases named helpdesk* are accepted: migrate or seed.py must never
# touch one of the project's databases on the shared server by mistake.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("HELPDESK_DATABASE_URL")
        or os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/helpdesk_100000")
    )
}
if not str(DATABASES["default"]["NAME"]).startswith("helpdesk"):
    raise ImproperlyConfigured(
        f"the helpdesk peer only runs on a database named helpdesk*, not {DATABASES['default']['NAME']!r}"
        " (set HELPDESK_DATABASE_URL)"
    )
if django.VERSION >= (5, 1) and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3's connection pool, per worker process (Django >= 5.1 requires CONN_MAX_AGE = 0 with it).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"pool": {"min_size": 2, "max_size": 8}}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 60

DEFAULT_AUTO_FIELD = "django.db.models.AutoField"  # as helpdesk's own apps.py and standalone project
SITE_ID = 1

LOGIN_URL = "helpdesk:login"
LOGIN_REDIRECT_URL = "helpdesk:home"  # helpdesk's home sends staff on to the ticket list

AUTH_PASSWORD_VALIDATORS = []  # the benchmark's accounts are made by seed.py

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("HELPDESK_STATIC_ROOT", ROOT_DIR / "var" / "bench" / "helpdesk-static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("HELPDESK_MEDIA_ROOT", ROOT_DIR / "var" / "bench" / "helpdesk-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Cache: Redis when REDIS_URL is set (Django's built-in backend), else local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "helpdesk-peer",  # the Redis may be the one our app uses
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "helpdesk"}}

# Sessions: Django's default, the database.

# E-mail: helpdesk renders and "sends" mail on ticket creation and updates; the dummy backend
# discards it, so nothing ever reaches the network. Django 6.1 replaced EMAIL_BACKEND by MAILERS.
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
DEFAULT_FROM_EMAIL = "helpdesk@localhost"
SERVER_EMAIL = "helpdesk@localhost"

# Logging: quiet; errors only, to stderr (gunicorn's error log).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
    "loggers": {"django": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}

# django-helpdesk -------------------------------------------------------------------------------
HELPDESK_TEAMS_MODE_ENABLED = False  # no pinax-teams (see above); the knowledge base stays on
HELPDESK_KB_ENABLED = True
# Public web portal: anonymous submission through the form at "/" and "/tickets/submit/".
HELPDESK_PUBLIC_ENABLED = True  # read by older helpdesk versions; 2.6.1 uses the two below
HELPDESK_SUBMIT_A_TICKET_PUBLIC = True
HELPDESK_VIEW_A_TICKET_PUBLIC = True
HELPDESK_REDIRECT_TO_LOGIN_BY_DEFAULT = False
# Every staff member sees every queue (helpdesk's default); the bench user is a superuser anyway.
HELPDESK_ENABLE_PER_QUEUE_STAFF_PERMISSION = False
HELPDESK_USE_CDN = False  # the pages link helpdesk's bundled copies of jQuery, DataTables, …
HELPDESK_TRANSLATE_TICKET_COMMENTS = False
HELPDESK_DEFAULT_SETTINGS = {
    # helpdesk's defaults, spelled out: the ticket list shows 25 rows a page.
    "login_view_ticketlist": True,
    "email_on_ticket_change": True,
    "email_on_ticket_assign": True,
    "tickets_per_page": 25,
    "use_email_as_submitter": True,
}
