"""Every schema the API serves has its own name: the OpenAPI document keys its components by the class
name, so two classes called alike (a reception ``CommitmentOut`` and an emulation one) would silently
show one shape for both."""

from __future__ import annotations

from collections import defaultdict

from ninja import Schema


def _subclasses(cls: type) -> list[type]:
    found: list[type] = []
    sub: type
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def test_no_two_schemas_of_the_api_share_a_name() -> None:
    import danvan.api.api  # noqa: F401  (mounts every router, importing every schema)

    by_name: dict[str, set[str]] = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("danvan.") and ".tests" not in cls.__module__:
            by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert {name: sorted(where) for name, where in by_name.items() if len(where) > 1} == {}
