"""Local development and the demo: DEBUG on, a fixed dev secret if none is given."""

from .base import *  # noqa: F403
from .base import DANVAN_HELP_DESK, DANVAN_IDENTITY_KEYS, DATA_DIR, SECRET_KEY

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
