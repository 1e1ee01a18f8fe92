# English pages keep the Vietnamese civil-service date order (day/month/year); only the number
# separators are English.
from config.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
