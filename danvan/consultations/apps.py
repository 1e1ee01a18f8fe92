from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Consultations (dân tham gia ý kiến, Luật THDCCS Art. 25–27, and drafts of any body): a draft split
    into sections, the people's comments and short statements others vote on, the opinion map that
    groups people who vote alike and finds common ground, and the authority's answer to every view,
    published as the summary (Art. 11(11)). See docs/consultations.md.

    Its own app, above grassroots democracy: it consults beyond the commune (a province's plan, a draft
    law of any body), it has its own data (statements, votes, maps) and numerical dependencies (numpy,
    scikit-learn) democracy has no use for; it uses democracy's villages and households for its
    audiences, democracy's disclosures for the Art. 11(11) publication, and adds a section to the
    commune's page."""

    name = "danvan.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from danvan.consultations import navigation, permissions, sections
        from danvan.consultations.blocks_parts import register_blocks

        permissions.register_consultations_actions()
        navigation.register_navigation()
        sections.register_sections()
        register_blocks()
        _forget_cached_rows_on_change()


def _forget_cached_rows_on_change() -> None:
    """``selectors.participation.consultation_public`` keeps rows in the cache: any save or delete of a
    consultation (a code's row, before or after the change) forgets it."""
    from django.db.models.signals import post_delete, post_save, pre_save

    from danvan.consultations.models import Consultation
    from danvan.consultations.selectors.participation import consultation_public_forget

    def forget(sender: type, instance: Consultation, **kwargs: object) -> None:
        if instance.code:
            consultation_public_forget(instance.code)

    def forget_old_code(sender: type, instance: Consultation, update_fields: Any = None, **kwargs: object) -> None:
        if update_fields is not None and "code" not in update_fields:
            return  # the code is not being written: no old one to forget (no query on every status change)
        if instance.pk:  # a renamed code: its old address must not answer from the cache either
            old = Consultation.objects.filter(pk=instance.pk).values_list("code", flat=True).first()
            if old and old != instance.code:
                consultation_public_forget(old)

    # weak=False: the receivers are local functions, which a weak reference would let go at once.
    post_save.connect(forget, sender=Consultation, dispatch_uid="consultations-public-forget-save", weak=False)
    post_delete.connect(forget, sender=Consultation, dispatch_uid="consultations-public-forget-delete", weak=False)
    pre_save.connect(forget_old_code, sender=Consultation, dispatch_uid="consultations-public-forget-code", weak=False)
