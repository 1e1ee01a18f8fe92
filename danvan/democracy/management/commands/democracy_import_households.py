"""`danvan democracy-import-households FILE --actor USERNAME [--dry-run]`: the households file
(commune_code, village_code, household_code, representative_name, phone, email, members), all or nothing."""

from danvan.democracy.management.commands._villages_import import ImportCommand


class Command(ImportCommand):
    help = "Import households from a CSV or XLSX file, as the operator given by --actor."
    which = "households"
