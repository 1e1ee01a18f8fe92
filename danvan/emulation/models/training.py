"""The training part's tables."""

__all__: list[str] = []
