"""Answering a case announces it (for the satisfaction rating) and mails the citizen a rating link."""

import pytest

from danvan.cases.events import CASE_ANSWERED, AnsweredCase
from danvan.cases.services import handling
from danvan.cases.tests.factories import submit
from danvan.core import events
from danvan.core.tokens import derived_token
from danvan.notifications.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_answering_a_feedback_item_publishes_case_answered_with_plain_facts(world):
    heard: list[AnsweredCase] = []
    events.subscribe(CASE_ANSWERED, heard.append)
    try:
        case = submit().case
        handling.case_register(case=case, actor=world.handler)
        assert heard == []
        handling.case_answer(case=case, actor=world.handler, answer_text="Đã nạo vét cống kiệt 12.")
    finally:
        events.unsubscribe(CASE_ANSWERED, heard.append)
    assert heard == [AnsweredCase(case.pk, world.phuong.pk, case.place_unit_id, "pakn", "", None)]


def test_the_answer_email_carries_a_rating_link_that_the_stored_copy_masks(world, django_capture_on_commit_callbacks):
    from django.core import mail

    case = submit().case
    handling.case_register(case=case, actor=world.handler)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        handling.case_answer(case=case, actor=world.handler, answer_text="Đã nạo vét cống kiệt 12.")
    token = derived_token("case-rating", case.pk)
    [message] = mail.outbox
    assert f"/danh-gia/?k={token}" in message.body
    stored = Notification.objects.get(about_kind="cases.case", about_id=case.pk, channel="email", template="answered")
    assert token not in stored.body and "[đã ẩn]" in stored.body
    sms = Notification.objects.get(about_kind="cases.case", about_id=case.pk, channel="sms", template="answered")
    assert token not in sms.body
