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
