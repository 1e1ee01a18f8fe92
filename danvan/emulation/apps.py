from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    """Emulation and accountability (thi đua, công tác dân vận): "Dân vận khéo" models and exemplary
    people from registration to replication (``dvk``), every cadre's yearly commitments under Chỉ thị 05
    (``commitments``), training of the officers who meet citizens (``training``), and each unit's yearly
    dân vận evaluation computed from what the platform already measures (``evaluation``). See
    docs/emulation.md.

    It sits beside consultations, above the capabilities it evaluates: the yearly evaluation reads
    cases, satisfaction, reception and grassroots democracy through their selectors."""

    name = "danvan.emulation"
    label = "emulation"
    verbose_name = _("Emulation")

    def ready(self) -> None:
        from danvan.emulation import navigation, permissions

        permissions.register_emulation_actions()
        navigation.register_navigation()
