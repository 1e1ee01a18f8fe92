"""Local development and the demo: DEBUG on, a fixed dev secret if none is given."""

import os

from .base import *  # noqa: F403
from .base import DANVAN_HELP_DESK, DANVAN_IDENTITY_KEYS, DATA_DIR, MAILERS, SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
# NOT SECRET, development only: base64 of "DEV-ONLY-NOT-SECRET-danvan-dev01". Never seal real identities with it.
DANVAN_IDENTITY_KEYS = DANVAN_IDENTITY_KEYS or ["REVWLU9OTFktTk9ULVNFQ1JFVC1kYW52YW4tZGV2MDE="]
DATA_DIR.mkdir(parents=True, exist_ok=True)
# The demo's help desk on the 429 page (clearly not a real number); production reads it from the environment.
DANVAN_HELP_DESK = {
    "name": DANVAN_HELP_DESK["name"] or "Bộ phận Tiếp công dân (demo)",
    "hotline": DANVAN_HELP_DESK["hotline"] or "0234 0000 000",
    "counter": DANVAN_HELP_DESK["counter"] or "Số 1 đường Demo, phường Phú Xuân, thành phố Huế (địa chỉ demo)",
    "hours": DANVAN_HELP_DESK["hours"] or "7:30–17:00, thứ Hai đến thứ Sáu",
}
# Sign-in through an identity provider in the demo: the in-process TEST DOUBLE (danvan.citizens.identity), which
# signs in as the demo citizen whose answered petitions the demo seeds. Never in production (refused unless DEBUG).
DANVAN_IDENTITY_PROVIDER = {"class": "danvan.citizens.identity.FakeIdentityProvider", "phone": "0914 222 333",
                            "name": "Lê Thị Hoa", "subject": "demo-le-thi-hoa", "id_number": "046190000333"}  # fmt: skip
# Emails printed readably in the terminal (the demo's private links and sign-in codes), unless a mail
# server or backend is configured.
if not (os.environ.get("DANVAN_EMAIL_BACKEND") or os.environ.get("DANVAN_EMAIL_HOST")):
    MAILERS["default"]["BACKEND"] = "danvan.notifications.console.ReadableConsoleBackend"
