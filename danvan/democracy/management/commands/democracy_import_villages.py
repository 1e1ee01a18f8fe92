"""`danvan democracy-import-villages FILE --actor USERNAME [--dry-run]`: the villages file
(commune_code, village_code, name, kind), all or nothing, like the staff page."""

from danvan.democracy.management.commands._villages_import import ImportCommand


class Command(ImportCommand):
    help = "Import villages (thôn, tổ dân phố) from a CSV or XLSX file, as the operator given by --actor."
    which = "villages"
