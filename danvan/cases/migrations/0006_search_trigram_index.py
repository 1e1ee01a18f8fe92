"""A trigram index on the folded search text, on PostgreSQL only.

The inbox searches with ``search_text LIKE '%word%'`` for each folded word (with or without
diacritics). Without an index PostgreSQL reads every case in scope; pg_trgm's GIN index finds the
rows holding a word's trigrams directly (issue 7: a search over a million cases). SQLite has no such
index: there the search stays a scan, which is fine at the sizes SQLite serves.
"""

from django.db import migrations

INDEX = "cases_case_search_text_trgm"


def create(apps, schema_editor):
    # No schema editor: the browser tests re-run data migrations after a flush (web/tests/conftest.py);
    # a flush leaves indexes in place, so there is nothing to do.
    if schema_editor is None or schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON cases_case USING gin (search_text gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_seed_competence_rules")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
