"""What the petition form promises, it keeps (issue 14, item 4).

Files accepted survive a refused form; every error is listed at once, linked to its field, and each
field names its hint and error by ids that exist; the same form sent twice (Back, an edit, send) is
one case; an anonymous denunciation's receipt promises no answer and no rating.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.cases.models import Attachment, Case, RoutingRule
from danvan.cases.services.intake import case_access_hash
from danvan.cases.tests.views.test_public import CONTENT, RECEIPT, SUBMIT, form_data, png, vi
from danvan.cases.views import intake_memory
from danvan.core import clock
from danvan.files import pending
from danvan.org.tests.factories import commune, organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    """A body that receives every petition (as ``test_public``'s world, without its officers)."""
    RoutingRule.objects.create(organization=organization("UBND Phường Phú Xuân", unit=commune(19753)), unit=None,
                               track="")  # fmt: skip


@pytest.fixture(autouse=True)
def empty_pending_store():
    """The tests' storage lives as long as the process: start each test with no kept file."""
    pending.pending_purge(now=clock.now() + dt.timedelta(days=3650))


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.described: list[tuple[str, str]] = []  # (element, id it names)
        self.autofocus: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for ident in (values.get("aria-describedby") or "").split():
            self.described.append((f"{tag}#{values.get('id') or values.get('name')}", ident))
        if "autofocus" in values:
            self.autofocus.append(str(values.get("id")))


def parsed(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    return parser


def upload(name: str = "anh.png", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png() if data is None else data, content_type="image/png")


def kept_tokens(client: Client) -> list[str]:
    return list(client.session.get(intake_memory.KEPT, []))


# Attachments survive a refused form ----------------------------------------------------------------


def test_a_file_accepted_survives_a_refused_form_and_is_stored_with_the_petition(client, world):
    refused = client.post(SUBMIT, {**form_data(name=""), "attachments": [upload("nha-ngap.png")]})
    assert refused.status_code == 400 and Case.objects.count() == 0 and Attachment.objects.count() == 0
    [token] = kept_tokens(client)
    html = refused.content.decode()
    assert "nha-ngap.png" in html and f'value="{token}"' in html  # listed back, ticked
    assert vi("Files already added") in html

    data = form_data(idempotency_key=refused.context["form"].data["idempotency_key"])
    stored = client.post(SUBMIT, {**data, "kept_files": token, "kept_listed": token})
    assert stored.status_code == 303
    case = Case.objects.get()
    [attachment] = case.attachments.all()
    assert attachment.content_type == "image/png" and attachment.name == "nha-ngap.png"
    assert not default_storage.exists(f"{pending.FOLDER}/{token}") and kept_tokens(client) == []


def test_a_file_unticked_is_taken_off_and_removed(client, world):
    client.post(SUBMIT, {**form_data(name=""), "attachments": [upload("a.png"), upload("b.png")]})
    first, second = kept_tokens(client)
    response = client.post(SUBMIT, {**form_data(), "kept_files": [second], "kept_listed": [first, second]})
    assert response.status_code == 303
    assert [a.name for a in Case.objects.get().attachments.all()] == ["b.png"]
    assert not default_storage.exists(f"{pending.FOLDER}/{first}")


def test_a_refused_file_is_not_kept_and_says_why_while_a_good_one_is_kept(client, world):
    response = client.post(SUBMIT, {**form_data(name=""),
                                    "attachments": [upload("ok.png"), upload("fake.png", b"%PDF-1.4 not an image")]})  # fmt: skip
    assert response.status_code == 400
    [token] = kept_tokens(client)
    assert [f.name for f, _data in pending.pending_load([token])] == ["ok.png"]
    errors = response.context["form"].errors
    assert "attachments" in errors and "name" in errors  # both said at once


def test_another_persons_kept_file_is_never_used(client, world):
    client.post(SUBMIT, {**form_data(name=""), "attachments": [upload("rieng.png")]})
    [token] = kept_tokens(client)
    stranger = Client()
    response = stranger.post(SUBMIT, {**form_data(), "kept_files": token, "kept_listed": token})
    assert response.status_code == 303
    assert Case.objects.get().attachments.count() == 0
    assert default_storage.exists(f"{pending.FOLDER}/{token}")  # the owner's file is untouched


def test_a_file_the_session_can_no_longer_send_is_removed_at_once(client, world, monkeypatch):
    # Refused forms, each with files, must not fill the disk: what falls off the session's list goes now.
    monkeypatch.setattr(intake_memory, "MAX_REMEMBERED", 2)
    client.post(SUBMIT, {**form_data(name=""), "attachments": [upload("a.png"), upload("b.png")]})
    first, second = kept_tokens(client)
    client.post(SUBMIT, {**form_data(name=""), "attachments": [upload("c.png")]})
    assert kept_tokens(client)[0] == second and len(kept_tokens(client)) == 2
    assert not default_storage.exists(f"{pending.FOLDER}/{first}")
    assert default_storage.exists(f"{pending.FOLDER}/{second}")


def test_kept_files_are_sealed_at_rest_and_purged_after_their_time(client, world):
    kept = pending.pending_keep("to-cao.png", png())
    with default_storage.open(f"{pending.FOLDER}/{kept.token}", "rb") as handle:
        raw = handle.read()
    assert b"to-cao.png" not in raw and b"PNG" not in raw
    assert pending.pending_purge(now=clock.now() + pending.PENDING_TTL - dt.timedelta(minutes=1)) == 0
    assert pending.pending_purge(now=clock.now() + pending.PENDING_TTL + dt.timedelta(minutes=1)) == 1
    assert pending.pending_load([kept.token]) == []


def test_the_purge_task_runs_and_queues_its_next_run(world):
    from danvan.files.tasks import pending_uploads_purge

    pending.pending_keep("a.png", png())
    assert pending_uploads_purge.call(False) == 0  # not yet expired


# All errors at once, linked, focused ---------------------------------------------------------------


def test_a_form_error_does_not_hide_the_services_checks(client, world):
    # The phone is refused by the form itself; content, consent and the place by the service: all four at once.
    response = client.post(SUBMIT, form_data(phone="abc", content="ngắn", consent=None, place_text="xyz khong co"))
    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {"phone", "content", "consent", "place_text"}


def test_the_error_summary_links_every_error_and_takes_the_focus(client, world):
    response = client.post(SUBMIT, form_data(name="", content="ngắn", consent=None))
    html = response.content.decode()
    page = parsed(html)
    assert page.autofocus == ["error-summary"]
    summary = html[html.index('id="error-summary"') : html.index("</div>", html.index('id="error-summary"'))]
    for anchor in ("#id_name", "#id_content", "#id_consent"):
        assert f'href="{anchor}"' in summary
    assert 'tabindex="-1"' in summary and "ui/focus.js" in html


def test_a_radio_groups_error_links_to_its_first_button(client, world):
    html = client.post(SUBMIT, form_data(track="x")).content.decode()
    assert 'href="#id_track_0"' in html and 'id="id_track_0"' in html and 'href="#"' not in html


def test_every_aria_describedby_names_an_id_on_the_page(client, world):
    for response in (client.get(SUBMIT), client.post(SUBMIT, form_data(name="", phone="abc", consent=None,
                                                                       latitude="16.4", track="x"))):  # fmt: skip
        page = parsed(response.content.decode())
        missing = [(element, ident) for element, ident in page.described if ident not in page.ids]
        assert page.described and missing == []
    assert ("input#id_phone", "id_phone_error") in page.described  # the error is the field's description


# The same form is one submission -------------------------------------------------------------------


def test_back_edit_and_send_again_shows_the_first_receipt_and_stores_once(client, world):
    data = form_data()
    client.post(SUBMIT, data)
    first = client.get(RECEIPT).context["receipt"]
    again = client.post(SUBMIT, {**data, "content": CONTENT + " Bổ sung thêm."}, follow=True)
    assert Case.objects.count() == 1
    receipt = again.context["receipt"]
    assert receipt["code"] == first["code"] and receipt["again"] and receipt["token"] == first["token"]
    assert case_access_hash(receipt["token"]) == Case.objects.get().access_token_hash
    html = again.content.decode()
    assert vi("Anything changed on the form after it was first sent was not added. To add something, send a new "
              "petition and give this tracking code in it.") in html  # fmt: skip


def test_back_and_send_again_after_an_invalid_edit_still_shows_the_receipt(client, world):
    data = form_data()
    client.post(SUBMIT, data)
    client.get(RECEIPT)
    again = client.post(SUBMIT, {**data, "phone": "abc"})
    assert again.status_code == 303 and again["Location"] == RECEIPT and Case.objects.count() == 1


def test_the_same_key_from_another_session_with_other_words_is_refused_without_telling_the_case(client, world):
    data = form_data()
    client.post(SUBMIT, data)
    code = Case.objects.get().tracking_code
    other = Client().post(SUBMIT, {**data, "content": CONTENT + " Khác."})
    assert other.status_code == 400 and Case.objects.count() == 1
    html = other.content.decode()
    assert code not in html
    assert vi("This form was already sent. To send another petition, open a new form.") in html


# The anonymous denunciation's receipt --------------------------------------------------------------


def test_an_anonymous_denunciations_receipt_promises_no_answer_and_no_rating(client, world):
    client.post(SUBMIT, form_data(track="to_cao", is_anonymous="on", name="", phone="", email="", address=""))
    response = client.get(RECEIPT)
    html = response.content.decode()
    assert response.context["receipt"]["no_answer"] and "rating_qr" not in response.context
    assert "rating-qr" not in html
    assert vi("Once your petition has been answered, scan this code to rate how satisfied you are.") not in html
    assert "và kết quả trả lời" not in html  # the signed receipt's promise of "the progress and the answer"
    assert re.search(r"không nhận được (câu )?trả lời", html)


def test_a_signed_petitions_receipt_still_offers_the_rating(client, world):
    client.post(SUBMIT, form_data())
    response = client.get(RECEIPT)
    assert not response.context["receipt"]["no_answer"] and response.context["rating_qr"]
