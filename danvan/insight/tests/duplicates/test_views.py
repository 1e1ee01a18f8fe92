"""The pages: "the same matter" on a case's staff page with link, unlink and merge; the public JSON the
petition form asks while the citizen types; the evaluation command."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from danvan.cases.models import Case
from danvan.cases.tests.factories import make_world, submit
from danvan.insight.models import MatterGroupMember
from danvan.insight.tests.duplicates.helpers import SAME, letter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def world():
    return make_world()


def _client(user):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


def test_the_case_page_shows_the_same_matter_with_actions_to_its_handler(world):
    first, second = letter(0), letter(1)
    page = _client(world.handler).get(reverse("cases:case_detail", args=[first.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="same-matter"' in html
    assert f'data-id="{second.pk}"' in html and 'data-action="link"' in html and 'data-action="merge"' in html


def test_a_reader_who_does_not_handle_sees_no_buttons_and_no_case_outside_their_scope(world):
    first, second = letter(0), letter(1)
    hidden = letter(2)
    Case.objects.filter(pk=hidden.pk).update(handling_organization=world.other)
    html = _client(world.dan_van).get(reverse("cases:case_detail", args=[first.pk])).content.decode()
    assert f'data-id="{second.pk}"' in html and 'data-action="link"' not in html
    html = _client(world.handler).get(reverse("cases:case_detail", args=[first.pk])).content.decode()
    assert f'data-id="{hidden.pk}"' not in html and hidden.tracking_code not in html


def test_link_then_unlink_from_the_case_page(world):
    first, second = letter(0), letter(1)
    client = _client(world.handler)
    answer = client.post(reverse("insight:matter_link", args=[first.pk]), {"other": second.pk})
    assert answer.status_code == 302 and answer["Location"].endswith("#same-matter")
    assert MatterGroupMember.objects.filter(case_id__in=[first.pk, second.pk]).count() == 2
    html = client.get(reverse("cases:case_detail", args=[first.pk])).content.decode()
    assert 'id="same-matter-linked"' in html and f'data-id="{second.pk}"' in html
    client.post(reverse("insight:matter_unlink", args=[first.pk]))
    assert not MatterGroupMember.objects.exists()


def test_merge_from_the_case_page_closes_it_as_a_duplicate_through_the_cases_service(world):
    first, second = letter(0), letter(1)
    _client(world.handler).post(reverse("insight:matter_merge", args=[second.pk]), {"other": first.pk})
    second.refresh_from_db()
    assert second.duplicate_of_id == first.pk and second.closed_at is not None


def test_actions_on_a_case_the_user_may_not_open_answer_not_found(world):
    first, second = letter(0), letter(1)
    client = _client(world.other_handler)
    assert client.post(reverse("insight:matter_link", args=[first.pk]), {"other": second.pk}).status_code == 404
    assert client.post(reverse("insight:matter_merge", args=[first.pk]), {"other": second.pk}).status_code == 404
    assert not MatterGroupMember.objects.exists()


def test_linking_to_a_case_out_of_scope_is_refused_like_a_missing_one(world):
    first, second = letter(0), letter(1)
    Case.objects.filter(pk=second.pk).update(handling_organization=world.other)
    assert _client(world.handler).post(reverse("insight:matter_link", args=[first.pk]),
                                        {"other": second.pk}).status_code == 404  # fmt: skip


def _similar(client, **data):
    return client.post(reverse("insight:similar_json"), data)


def test_the_petition_form_carries_the_similar_reports_box(world):
    html = Client().get(reverse("cases:case_submit")).content.decode()
    assert 'id="similar-reports"' in html and "insight/similar.js" in html


def test_the_public_json_lists_only_public_reports(world):
    public = letter(0, publish=True)
    letter(1)  # private
    title, content = SAME[2]
    submit(track="to_cao", title=title, content=content, is_anonymous=True)
    answer = _similar(Client(), title=title, content=content, place_text="phuong phu xuan, hue")
    assert answer.status_code == 200
    reports = answer.json()["reports"]
    assert [r["code"] for r in reports] == [public.tracking_code]
    assert reports[0]["title"] == public.public_title and reports[0]["url"].endswith(f"/{public.tracking_code}/")
    assert set(reports[0]) == {"code", "title", "status", "place", "received_on", "url"}


def test_a_complaint_or_denunciation_being_written_gets_no_suggestion(world):
    letter(0, publish=True)
    title, content = SAME[1]
    assert _similar(Client(), title=title, content=content, track="to_cao").json() == {"reports": []}


@pytest.mark.parametrize("text", ["", "😀🙏🔥", "x " * 50_000, "Đèn 壊れた Лампа ١٢٣ 😀", "<script>alert(1)</script>"])
def test_bad_input_answers_an_empty_list_never_an_error(world, text):
    letter(0, publish=True)
    answer = _similar(Client(), title=text, content=text, place_text=text[:1000])
    assert answer.status_code == 200 and answer.json() == {"reports": []}


def test_the_public_json_is_rate_limited(world, monkeypatch):
    from danvan.insight.selectors import duplicates as selectors

    monkeypatch.setattr(selectors, "PUBLIC_LIMIT", 2)
    client = Client()
    codes = [_similar(client, title="a", content="b").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_the_public_json_needs_a_post_with_the_form_token(world):
    assert Client().get(reverse("insight:similar_json")).status_code == 405
    assert Client(enforce_csrf_checks=True).post(reverse("insight:similar_json"), {"title": "x"}).status_code == 403


def test_evaluate_duplicates_prints_auc_and_recall_last_and_counts_bad_lines(tmp_path):
    same = [f"{t}. {c}" for t, c in SAME]
    lines = [f"{same[0]}\t{same[1]}\t1", f"{same[1]}\t{same[2]}\t1",
             f"{same[0]}\tRác thải ở chợ không được thu gom, bốc mùi hôi.\t0",
             f"{same[2]}\tKiệt 12 bị ngập nước mỗi khi mưa lớn.\t0",
             "only one column", "a\tb\tmaybe", "", "😀\t\t0"]  # fmt: skip
    path = tmp_path / "pairs.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("insight", "evaluate", "duplicates", "--pairs", str(path), stdout=out)
    printed = out.getvalue().strip().splitlines()
    assert printed[-2] == "roc_auc: 1.0000" and printed[-1] == "recall_at_10: 1.0000"
    assert "malformed lines skipped: 2" in printed[0]


def test_evaluate_duplicates_on_a_missing_file_says_so(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("insight", "evaluate", "duplicates", "--pairs", str(tmp_path / "none.tsv"), stdout=io.StringIO())


def test_index_duplicates_rebuilds_and_prints_its_figures_last(world):
    letter(0)
    out = io.StringIO()
    call_command("insight", "index_duplicates", "--batch", "10", stdout=out)
    printed = out.getvalue().strip().splitlines()
    assert printed[-3] == "cases_indexed: 1" and printed[-1].startswith("seconds: ")


def test_evaluate_duplicates_can_rank_by_jaccard_for_comparison(tmp_path):
    same = [f"{t}. {c}" for t, c in SAME]
    path = tmp_path / "pairs.tsv"
    path.write_text(f"{same[0]}\t{same[1]}\t1\n{same[0]}\tRác thải ở chợ không được thu gom.\t0\n", encoding="utf-8")
    out = io.StringIO()
    call_command("insight", "evaluate", "duplicates", "--pairs", str(path), "--baseline", stdout=out)
    printed = out.getvalue().strip().splitlines()
    assert "Jaccard (baseline)" in printed[1] and printed[-1] == "recall_at_10: 1.0000"


def test_evaluate_duplicates_exhaustive_ranks_a_partner_lsh_did_not_bring(tmp_path):
    # the two share "kiệt 12 Trần Phú" but no band bucket: LSH misses the pair, ranking every text finds it
    light = "Đèn đường ở kiệt 12 Trần Phú bị hỏng đã lâu."
    dark = ("Kiệt 12 Trần Phú tối om, không có điện chiếu sáng hai tuần nay, người dân đi lại khó khăn, đề nghị "
            "phường sửa giúp.")  # fmt: skip
    path = tmp_path / "pairs.tsv"
    path.write_text(f"{light}\t{dark}\t1\n{light}\tRác thải ở chợ không được thu gom.\t0\n", encoding="utf-8")
    printed = {}
    for flags in ((), ("--exhaustive",)):
        out = io.StringIO()
        call_command("insight", "evaluate", "duplicates", "--pairs", str(path), *flags, stdout=out)
        printed[flags] = out.getvalue().strip().splitlines()
    assert printed[()][-1] == "recall_at_10: 0.0000" and "at most 600 candidates" in printed[()][1]
    assert printed[("--exhaustive",)][-1] == "recall_at_10: 1.0000"
    assert printed[("--exhaustive",)][1].startswith("candidates: every text of the file (3)")
