"""The development email backend prints the Vietnamese text as text, not base64."""

import io

from django.core.mail import EmailMessage

from danvan.notifications.console import ReadableConsoleBackend


def test_the_text_is_printed_as_written():
    stream = io.StringIO()
    backend = ReadableConsoleBackend(stream=stream)
    sent = backend.send_messages([EmailMessage(subject="Mã đăng nhập Dân Vận Số", body="Mã: 123456\n\n@h #123456",
                                               to=["dan@example.vn"])])  # fmt: skip
    assert sent == 1
    assert stream.getvalue() == (
        "Email to: dan@example.vn\nSubject: Mã đăng nhập Dân Vận Số\n\nMã: 123456\n\n@h #123456\n" + "-" * 79 + "\n"
    )
