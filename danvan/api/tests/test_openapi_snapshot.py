"""The published OpenAPI schema does not change by accident (partners generate their clients from it).

``openapi.snapshot.json`` is the schema as main served it before the capabilities' routers moved into their
apps (issue 13). The comparison is of the parsed documents: the order of paths in the JSON carries no
meaning (it follows the order the routers are mounted in). A change on purpose rewrites the file in the
same commit, with the reason: ``python -c "import django, json; django.setup(); from danvan.api.api import
api; print(json.dumps(api.get_openapi_schema(path_prefix='/api/v1/'), ensure_ascii=False, indent=1,
sort_keys=True))" > danvan/api/tests/openapi.snapshot.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.test import Client

SNAPSHOT = Path(__file__).with_name("openapi.snapshot.json")


def test_the_openapi_schema_is_the_snapshot(client: Client) -> None:
    served = json.loads(client.get("/api/v1/openapi.json").content)
    assert served == json.loads(SNAPSHOT.read_text(encoding="utf-8"))
