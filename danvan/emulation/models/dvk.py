"""The dvk part's tables."""

__all__: list[str] = []
