from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    """Files: what any capability needs to accept a person's file or keep a secret.

    ``checks`` decides a file's type by its content and rewrites images and PDFs without metadata or
    active content; ``sealing`` encrypts at rest with rotatable keys. A foundation: it knows no case,
    and the capabilities (cases today) keep their own link to a file and call these modules.
    """

    name = "danvan.files"
    label = "files"
    verbose_name = _("Files")
