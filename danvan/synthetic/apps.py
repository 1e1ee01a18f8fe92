from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    """Generated data for trying and benchmarking the platform at scale (no models of its own)."""

    name = "danvan.synthetic"
    label = "synthetic"
    verbose_name = "Synthetic data"
