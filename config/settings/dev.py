"""Local development and the demo: DEBUG on, a fixed dev secret if none is given."""

from .base import *  # noqa: F403
from .base import DATA_DIR, SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
DATA_DIR.mkdir(parents=True, exist_ok=True)
