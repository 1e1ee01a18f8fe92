"""The boards part's section of the commune's public page (see sections/__init__.py)."""


def register() -> None:
    """Register this part's section (none yet)."""
