"""The commitments part's tables."""

__all__: list[str] = []
