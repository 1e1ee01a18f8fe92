"""The notifications page: one's own messages, marking one or all of them read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.notifications.models import Notification
from danvan.notifications.services import notification_send
from danvan.org.tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def in_app(user, subject: str = "Hồ sơ đã được thụ lý") -> Notification:
    return notification_send(channel="in_app", recipient=user, template="accepted", subject=subject,
                             body="Hạn giải quyết: 09/03/2026.", about_kind="cases.case", about_id=7,
                             about_label="PA-2602-AB12CD", link="/tra-cuu/PA-2602-AB12CD/")  # fmt: skip


def test_the_paths_and_names_stayed_those_of_the_web_pages():
    assert reverse("notifications:notification_list") == "/thong-bao/"
    assert reverse("notifications:notification_mark_read") == "/thong-bao/da-doc/"


def test_a_person_sees_their_messages_with_a_link_to_what_they_are_about_and_marks_them_read(client, person):
    in_app(person)
    in_app(person, subject="Đã có kết quả giải quyết")
    client.force_login(person)
    html = client.get(reverse("notifications:notification_list")).content.decode()
    assert '<a href="/tra-cuu/PA-2602-AB12CD/">PA-2602-AB12CD</a>' in html
    assert "Hồ sơ đã được thụ lý" in html and "Đã có kết quả giải quyết" in html
    assert "Đánh dấu đã đọc 2 tin" in html
    response = client.post(reverse("notifications:notification_mark_read"))
    assert response.status_code == 302 and response["Location"] == "/thong-bao/"
    assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()


def test_one_message_is_marked_read_by_its_id(client, person):
    first, second = in_app(person), in_app(person)
    client.force_login(person)
    response = client.post(reverse("notifications:notification_mark_read"), {"notification": str(first.pk)})
    assert response.status_code == 302 and response["Location"] == "/thong-bao/"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "99999999"])
def test_a_bad_or_unknown_id_is_not_found(client, person, raw):
    in_app(person)
    client.force_login(person)
    assert client.post(reverse("notifications:notification_mark_read"), {"notification": raw}).status_code == 404
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_nobody_sees_or_marks_another_person_s_notifications(client, person):
    theirs = in_app(make_user(username="binh"), subject="Thư riêng của Bình")
    client.force_login(person)
    assert "Thư riêng của Bình" not in client.get(reverse("notifications:notification_list")).content.decode()
    assert (
        client.post(reverse("notifications:notification_mark_read"), {"notification": str(theirs.pk)}).status_code
        == 404
    )
    client.post(reverse("notifications:notification_mark_read"))
    theirs.refresh_from_db()
    assert theirs.read_at is None
    client.logout()
    assert client.get(reverse("notifications:notification_list")).status_code == 302
    assert client.post(reverse("notifications:notification_mark_read")).status_code == 302


def test_the_list_page_costs_a_fixed_number_of_queries(client, person, django_assert_num_queries):
    for _ in range(12):
        in_app(person)
    client.force_login(person)
    # session, user, the page's count, the unread count, the roles the menu reads, the page's rows
    # (no join: what a message is about is stored on it).
    with django_assert_num_queries(6):
        assert client.get(reverse("notifications:notification_list")).status_code == 200
