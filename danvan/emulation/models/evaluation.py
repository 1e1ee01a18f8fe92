"""The evaluation part's tables."""

__all__: list[str] = []
