"""Settings shared by every environment.

Only technical configuration lives here, read from the environment. What officials change (kinds of
body, deadline rules, holidays, survey templates) is data with an admin screen, never a setting.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Where the embedded SQLite file, uploads and generated files go when nothing else is configured.
DATA_DIR = Path(os.environ.get("DANVAN_DATA_DIR", BASE_DIR / "data"))

SECRET_KEY = os.environ.get("DANVAN_SECRET_KEY", "")
DEBUG = env_bool("DANVAN_DEBUG", False)
ALLOWED_HOSTS = env_list("DANVAN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DANVAN_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "danvan.core",  # before django_tasks_db: its `db_worker` command (core.worker) replaces the library's
    "django_tasks_db",
    "axes",  # locks out password guessing per account and address (danvan/web/lockout.py)
    "django_otp",  # step-up second factor before opening a denouncer's identity (danvan/org/second_factor.py)
    "django_otp.plugins.otp_totp",
    "danvan.ui",
    "danvan.org",
    "danvan.deadlines",
    "danvan.notifications",
    "danvan.files",
    "danvan.citizens",
    "danvan.cases",
    "danvan.surveys",
    "danvan.reception",
    "danvan.democracy",
    "danvan.consultations",
    "danvan.emulation",
    "danvan.partners",
    "danvan.open311",
    "danvan.api",
    "danvan.insight",
    "ninja",  # serves the API docs page (Swagger UI) from our own static files: the CSP forbids a CDN
    "danvan.web",
    "danvan.synthetic",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "danvan.core.middleware.ResponseHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "danvan.core.middleware.FormCharsetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "danvan.core.middleware.RequestContextMiddleware",
    "danvan.web.middleware.StaffIdleTimeoutMiddleware",
    "axes.middleware.AxesMiddleware",  # after authentication, as django-axes asks: turns a lockout into its page
    "danvan.core.outage.DatabaseUnavailableMiddleware",  # innermost: a view that lost the database answers 503
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Before the apps' templates: the few admin templates Django leaves partly in English.
        "DIRS": [BASE_DIR / "danvan" / "web" / "admin_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.ui.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'danvan.sqlite3'}"),
        conn_max_age=int(os.environ.get("DANVAN_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes; IMMEDIATE avoids the
    # "database is locked" upgrade deadlock between two writers.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0


def db_pool(database: Any, size: int) -> None:
    """A pool of connections per server process (psycopg_pool), shared by its threads: a request takes
    a ready connection instead of opening one (a few ms each). Django wants CONN_MAX_AGE = 0 with it."""
    if size > 0 and database["ENGINE"] == "django.db.backends.postgresql":
        database["CONN_MAX_AGE"] = 0
        database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": size,
            # Seconds a request waits for a free connection before it answers 503 (core.outage): short, so
            # that a database outage does not hold every server thread for long (docs/deploy.md).
            "timeout": float(os.environ.get("DANVAN_DB_POOL_TIMEOUT", "3")),
        }


if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Memory a sort or a bitmap of matching rows may use before spilling or going lossy: PostgreSQL's
    # default (4 MB) makes an inbox search on a common word recheck every row of whole pages
    # (docs/deploy.md). Per session of this app only; the server's own setting is left alone.
    # Seconds to wait for PostgreSQL to accept a connection: an unreachable server answers 503 quickly
    # (core.outage) instead of holding the request for the operating system's TCP timeout.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DANVAN_DB_CONNECT_TIMEOUT", "5")
    )
    # Prepared statements for the few queries run on a server-binding cursor (the vote's path:
    # consultations.selectors.participation_sql.cursor; Django's own cursors bind on the client and never
    # prepare): prepared on a connection the fifth time it runs one. Django turns them off by default for
    # PgBouncer in transaction mode; our pool is in the app (db_pool). Empty: off (docs/deploy.md).
    prepare_threshold = os.environ.get("DANVAN_DB_PREPARE_THRESHOLD", "5")
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = int(prepare_threshold) if prepare_threshold else None
    work_mem = os.environ.get("DANVAN_DB_WORK_MEM", "16MB")
    if work_mem:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c work_mem={work_mem}"

# Off by default (development, tests, commands); the production settings turn it on (docs/deploy.md).
db_pool(DATABASES["default"], int(os.environ.get("DANVAN_DB_POOL_SIZE", "0")))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The report index of cases carries non-key columns (INCLUDE) so PostgreSQL answers the report from
# the index alone; SQLite ignores them and keeps a plain (body, received_on) index, which is fine there.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out sign-in before the password is checked
    # Password sign-in, and has_perm from org roles only: Django's model permissions and groups grant
    # nothing (docs/security.md, "Authority comes only from roles"), so ModelBackend is not listed.
    "danvan.org.backends.RoleBackend",
]
# Sign-in limits (django-axes, danvan/web/lockout.py): a few failures lock one account from one
# address; only many more lock the address itself, so a commune office behind one NAT address is not
# locked out for one person's mistakes. Failures count for, and a lockout lasts, the cool-off period.
AXES_HANDLER = "danvan.web.lockout.OfficeFriendlyHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = int(os.environ.get("DANVAN_LOGIN_FAILURES_PER_ACCOUNT", "5"))
DANVAN_LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("DANVAN_LOGIN_FAILURES_PER_ADDRESS", "50"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("DANVAN_LOGIN_COOLOFF_MINUTES", "15")))
# A success must not wipe the address's count: an attacker with an account of his own would reset it. The
# handler clears, on a success, only that account's failures from that address (danvan/web/lockout.py).
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "danvan.web.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "danvan.web.lockout.client_address"
AXES_VERBOSE = False
# Rate limits of the public pages (danvan/ui/limits.py, docs/limits.md), per fixed window of
# window_seconds: per device (a signed random cookie), per contact (a petition's phone or email) and a
# much higher ceiling per client address, so a commune office or a mobile network's shared (CGNAT)
# address is not locked out by its neighbours. Only stored petitions count against case_submit; its
# attempts_per_address bounds every POST, valid or not. DANVAN_RATE_LIMITS (JSON) overrides a rule's fields.
DANVAN_RATE_LIMITS: dict[str, dict[str, int]] = {
    "case_submit": {"window_seconds": 3600, "per_device": 10, "per_contact": 5, "per_address": 300,
                    "attempts_per_address": 1200, "without_cookie": 10},
    "case_lookup": {"window_seconds": 600, "per_device": 60, "per_address": 1200, "without_cookie": 300},
    # Every POST counts (a rating or a questionnaire sent); a kiosk at a counter is one device for many people.
    "survey_rating": {"window_seconds": 600, "per_device": 20, "per_address": 400, "without_cookie": 20},
    "survey_form": {"window_seconds": 600, "per_device": 30, "per_address": 600, "without_cookie": 30},
    # Reception bookings (docs/reception/booking.md): stored bookings counted, like petitions; every look-up try counts.
    "booking_create": {"window_seconds": 3600, "per_device": 10, "per_contact": 5, "per_address": 300,
                       "attempts_per_address": 1200, "without_cookie": 10},
    "booking_lookup": {"window_seconds": 600, "per_device": 30, "per_address": 1200, "without_cookie": 300},
    # A follow code of a head's notice of conclusions (reception): every look-up counts, like a secret guessed at.
    "reception_follow": {"window_seconds": 600, "per_device": 30, "per_address": 600, "without_cookie": 30},
    # A question to a dialogue conference (reception, docs/reception/dialogues.md): every POST counts.
    "dialogue_question": {"window_seconds": 3600, "per_device": 10, "per_address": 300, "without_cookie": 10},
    # "Send me my link again" (cases/views/access.py): a valid request counts (sent or not, the page says the
    # same); an invalid form only against attempts_per_address. Without a cookie: the old per-address 30.
    "case_link_again": {"window_seconds": 3600, "per_device": 10, "per_contact": 3, "per_address": 600,
                        "attempts_per_address": 1200, "without_cookie": 30},
    # One-time sign-in codes (citizens/views/public.py): a code sent counts, per device and per contact in
    # two windows (3 a quarter hour, 10 a day: at most 50 guesses of 10^6 a day); every check counts.
    "citizen_code_request": {"window_seconds": 3600, "per_device": 10, "per_address": 600,
                             "attempts_per_address": 1200, "without_cookie": 30},
    "citizen_code_contact": {"window_seconds": 900, "per_contact": 3, "per_address": 0},
    "citizen_code_contact_day": {"window_seconds": 86400, "per_contact": 10, "per_address": 0},
    "citizen_code_check": {"window_seconds": 600, "per_device": 30, "per_contact": 15, "per_address": 1200,
                           "without_cookie": 60},
    # Sign-in with the identity provider: every start counts.
    "citizen_idp": {"window_seconds": 3600, "per_device": 20, "per_address": 600, "without_cookie": 30},
    # "I have this problem too" (cases/views/feed.py): every POST counts (one support per device anyway).
    "feed_support": {"window_seconds": 3600, "per_device": 30, "per_address": 600, "without_cookie": 30},
    # "Still not fixed" from a private page: a valid form counts; an empty note does not.
    "case_reopen": {"window_seconds": 3600, "per_device": 10, "per_address": 300, "attempts_per_address": 1200,
                    "without_cookie": 10},
    # Online voting (docs/democracy/voting.md): every code asked for and every code typed counts per browser
    # and, far higher, per address (a village hall's wifi, a mobile network); a code request counts per
    # household (the contact) only when the phone matched. Receipt checks have their own budget. The REST
    # API has no cookie: "per_device" counts per partner key (or signed-in account) there, and callers with
    # neither share "without_cookie" per address.
    "vote_code": {"window_seconds": 3600, "per_device": 6, "per_contact": 3, "per_address": 300, "without_cookie": 6},
    "vote_verify": {"window_seconds": 600, "per_device": 12, "per_address": 600, "without_cookie": 12},
    "vote_receipt": {"window_seconds": 600, "per_device": 30, "per_address": 600, "without_cookie": 30},
    "vote_code_api": {"window_seconds": 3600, "per_device": 3000, "per_contact": 3, "per_address": 3000,
                      "without_cookie": 6},
    "vote_verify_api": {"window_seconds": 600, "per_device": 3000, "per_address": 3000, "without_cookie": 12},
    "vote_receipt_api": {"window_seconds": 600, "per_device": 3000, "per_address": 3000, "without_cookie": 30},
    # Consultations (docs/consultations/participation.md): every vote counts per browser (a participant answers
    # at most a few hundred statements) and, far higher, per address (a ward office, a mobile network); a
    # statement or a comment per browser; household codes like online voting's. The API counts per device
    # header or participant token under "per_device". A load test raises these through DANVAN_RATE_LIMITS.
    "consult_vote": {"window_seconds": 600, "per_device": 600, "per_address": 30000, "without_cookie": 600},
    "consult_view": {"window_seconds": 3600, "per_device": 30, "per_address": 1200, "without_cookie": 30},
    "consult_code": {"window_seconds": 3600, "per_device": 6, "per_contact": 3, "per_address": 300,
                     "without_cookie": 6},
    "consult_verify": {"window_seconds": 600, "per_device": 12, "per_contact": 10, "per_address": 600,
                       "without_cookie": 12},
    # New participants (devices seen for the first time in a consultation) and device tokens minted by the
    # API, per address only: a ward office or a school behind one address still gets a few hundred an hour.
    "consult_participant_new": {"window_seconds": 3600, "per_address": 300},
}  # fmt: skip
# A device id (ui.limits) is taken for a view only this long after it was issued (by an earlier answer).
DANVAN_DEVICE_MIN_AGE_SECONDS = int(os.environ.get("DANVAN_DEVICE_MIN_AGE_SECONDS", "1"))
for _name, _fields in json.loads(os.environ.get("DANVAN_RATE_LIMITS", "") or "{}").items():
    DANVAN_RATE_LIMITS.setdefault(_name, {}).update(_fields)
# The way forward a refused person reads on the 429 page (and anyone who cannot use the web): the
# hotline and the reception counter of the body that runs the site, from the environment.
DANVAN_HELP_DESK = {
    "name": os.environ.get("DANVAN_HELP_DESK_NAME", ""),
    "hotline": os.environ.get("DANVAN_HOTLINE", ""),
    "counter": os.environ.get("DANVAN_COUNTER_ADDRESS", ""),
    "hours": os.environ.get("DANVAN_COUNTER_HOURS", ""),
}
# Staff sessions end after this long without a request (danvan/web/middleware.py); citizens' sessions
# keep Django's default.
DANVAN_STAFF_IDLE_MINUTES = int(os.environ.get("DANVAN_STAFF_IDLE_MINUTES", "30"))
# Opening a denouncer's identity (or a sealed file) needs an authenticator code verified within this
# many minutes (danvan/org/second_factor.py). After the n-th wrong code in a row, django-otp refuses
# every code for OTP_TOTP_THROTTLE_FACTOR x 2^(n-1) seconds (10 s, 20 s, 40 s ... ~85 min after 10).
DANVAN_STEP_UP_MINUTES = int(os.environ.get("DANVAN_STEP_UP_MINUTES", "15"))
OTP_TOTP_THROTTLE_FACTOR = int(os.environ.get("DANVAN_STEP_UP_THROTTLE_SECONDS", "10"))
OTP_TOTP_ISSUER = "Dân Vận Số"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first; English second. Dates are dd/mm/yyyy in both (config/formats).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "danvan" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_NAME = "danvan_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DANVAN_STATIC_ROOT", DATA_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("DANVAN_MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"
# Uploads: at most 5 evidence files and a petition scan per form; big files spool to a private
# temporary folder and are stored readable by the service account only.
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
FILE_UPLOAD_TEMP_DIR = os.environ.get("DANVAN_UPLOAD_TEMP_DIR") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}


def cache_settings(redis_url: str) -> dict[str, Any]:
    """Redis when a URL is given, with a local fallback while it is down (core.cache); else local memory."""
    if not redis_url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "danvan"}}
    timeout = float(os.environ.get("DANVAN_REDIS_TIMEOUT", "0.5"))  # seconds per call: a dead Redis costs little
    return {
        "default": {
            "BACKEND": "danvan.core.cache.RedisWithLocalFallback",
            "LOCATION": redis_url,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": timeout,
                "SOCKET_TIMEOUT": timeout,
            },
        }
    }


REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = cache_settings(REDIS_URL)

# Background work goes through Django's Tasks framework, stored durably in the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# `danvan db_worker` (core.worker): a task RUNNING longer than the lease was abandoned by a dead worker and
# is queued again, at most this many times in all before it is failed with the reason.
DANVAN_TASK_LEASE_SECONDS = int(os.environ.get("DANVAN_TASK_LEASE_SECONDS", "900"))
DANVAN_TASK_MAX_ATTEMPTS = int(os.environ.get("DANVAN_TASK_MAX_ATTEMPTS", "5"))

# Django 6.1 mailers (EMAIL_* settings are deprecated). Console by default; SMTP when a host is set.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "DANVAN_EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if os.environ.get("DANVAN_EMAIL_HOST")
            else "django.core.mail.backends.console.EmailBackend",
        ),
        "OPTIONS": {
            "host": os.environ.get("DANVAN_EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("DANVAN_EMAIL_PORT", "25")),
            "username": os.environ.get("DANVAN_EMAIL_HOST_USER", ""),
            "password": os.environ.get("DANVAN_EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("DANVAN_EMAIL_USE_TLS", False),
        }
        if os.environ.get("DANVAN_EMAIL_HOST")
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DANVAN_DEFAULT_FROM_EMAIL", "Dân Vận Số <no-reply@localhost>")

# Content Security Policy: everything from our own origin, no inline script; inline styles are
# not needed either (all CSS is in static files).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# The citizen's map (org/place-map.js). Tiles are optional: without a tile server the map draws the
# communes from our own data (offline, air-gapped, tests). A tile server's origin is added to img-src,
# e.g. DANVAN_MAP_TILES_URL="https://{s}.tile.example.org/{z}/{x}/{y}.png" (docs/places.md).
DANVAN_MAP_TILES_URL = os.environ.get("DANVAN_MAP_TILES_URL", "").strip()
DANVAN_MAP_TILES_ATTRIBUTION = os.environ.get("DANVAN_MAP_TILES_ATTRIBUTION", "").strip()
if DANVAN_MAP_TILES_URL:
    _tiles = urlsplit(DANVAN_MAP_TILES_URL)
    SECURE_CSP["img-src"] = [CSP.SELF, "data:", f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DANVAN_LOG_LEVEL", "INFO")},
}

# The public address of the site, for links in emails and SMS (the citizen's private link).
DANVAN_PUBLIC_URL = os.environ.get("DANVAN_PUBLIC_URL", "http://127.0.0.1:8000")
# Citizens' sign-in through an identity provider (VNeID-style OpenID Connect; danvan/citizens/identity.py,
# docs/citizen-access.md): a JSON object of its endpoints and client, or nothing (no such sign-in is offered).
DANVAN_IDENTITY_PROVIDER: dict[str, Any] | None = json.loads(os.environ.get("DANVAN_IDENTITY_PROVIDER") or "null")

# Keys that seal the denouncer's identity (Luật Tố cáo 2018, Điều 47, 56), newest first,
# comma-separated Fernet keys. Rotation: danvan/files/sealing.py and docs/cases.md.
DANVAN_IDENTITY_KEYS = env_list("DANVAN_IDENTITY_KEYS")
# Dotted path of the SMS gateway class; the default only logs: no SMS leaves this repository.
DANVAN_SMS_GATEWAY = os.environ.get("DANVAN_SMS_GATEWAY", "danvan.notifications.channels.LoggingSmsGateway")

# Province whose bodies the demo seeds (GSO code). Huế: a real, mid-sized province.
# How long a case's rating link stays open after the answer (days); the edit window is per template.
DANVAN_RATING_OPEN_DAYS = int(os.environ.get("DANVAN_RATING_OPEN_DAYS", "60"))
DANVAN_DEMO_PROVINCE_CODE = int(os.environ.get("DANVAN_DEMO_PROVINCE_CODE", "46"))

# Production refuses to serve as a PostgreSQL superuser, an owner of the tables, or a role that may
# rewrite the audit trail (danvan/core/dbroles.py, docs/deploy.md); off elsewhere.
DANVAN_DB_ROLE_CHECK = False
