"""Production: every secret from the environment, HTTPS everywhere, refuse to start half-configured."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DANVAN_IDENTITY_KEYS, DATABASES, MAILERS, SECRET_KEY, STORAGES, db_pool, env_bool

DEBUG = False
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DANVAN_SECRET_KEY must be set to a random string of at least 50 characters.")
if not DANVAN_IDENTITY_KEYS:
    # Luật Tố cáo 2018, Điều 56: no denunciation may be taken in without sealing its denouncer's identity.
    raise ImproperlyConfigured("DANVAN_IDENTITY_KEYS must be set (Fernet keys, newest first; see docs/cases.md).")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not env_bool("DANVAN_ALLOW_SQLITE"):
    raise ImproperlyConfigured("Production needs DATABASE_URL (PostgreSQL); set DANVAN_ALLOW_SQLITE=1 to override.")

# Serve only as the database role that owns nothing (config/wsgi.py, `danvan check --deploy --database
# default`); DANVAN_ALLOW_PRIVILEGED_DB_ROLE=1 overrides in an emergency, loudly (docs/deploy.md).
DANVAN_DB_ROLE_CHECK = True

# One pool per gunicorn process, as large as its threads (config/gunicorn.conf.py) plus one for luck.
db_pool(DATABASES["default"], int(os.environ.get("DANVAN_DB_POOL_SIZE", "3")))

# Static files under content-hashed names (made by `danvan collectstatic`), which WhiteNoise serves
# compressed and cacheable for a year: a phone downloads the stylesheet once per release.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

SECURE_SSL_REDIRECT = env_bool("DANVAN_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Mail goes out by SMTP in production: to DANVAN_EMAIL_HOST, or to the local MTA on localhost:25.
if str(MAILERS["default"]["BACKEND"]).endswith("console.EmailBackend"):
    MAILERS["default"] = {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {"host": "localhost"}}
