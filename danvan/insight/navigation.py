"""Insight's menu entries and home-page cards (ui.registry), registered in ``apps.ready``."""


def register_navigation() -> None:
    """Each part of insight registers its pages here as it lands."""
