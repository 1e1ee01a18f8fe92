"""An email backend for development and the demo that prints each email readably: Django's console
backend prints the MIME message, whose Vietnamese text is base64 (unreadable in a terminal, so the
demo's private links and sign-in codes could not be read there)."""

from __future__ import annotations

from typing import Any

from django.core.mail.backends.console import EmailBackend


class ReadableConsoleBackend(EmailBackend):
    """Django's console backend, writing the headers people read and the text as text."""

    def write_message(self, message: Any) -> None:
        self.stream.write(f"Email to: {', '.join(message.to)}\nSubject: {message.subject}\n\n{message.body}\n")
        self.stream.write("-" * 79 + "\n")
