"""Every statement and its votes: the consultation's page shows the ten most voted and links to the list,
which pages through all of them, the most voted first; hidden ones and voters never appear."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from danvan.consultations import choices
from danvan.consultations.models import KeyedTally, Statement
from danvan.consultations.tests import factories as f

pytestmark = pytest.mark.django_db


def many(c, n: int) -> list[Statement]:
    """``n`` statements; statement i has i platform votes stored (its agree total), so the order is known."""
    return [f.statement(c, f"Ý kiến số {i:03d}", agree_total=i, vote_count=i) for i in range(n)]


def texts(page: str) -> list[str]:
    return re.findall(r"<td>(Ý kiến số \d{3})</td>", page)


def test_the_consultation_page_shows_the_ten_most_voted_and_links_to_all(cworld, client: Client) -> None:
    c = cworld.consultation
    many(c, 25)
    page = client.get(reverse("consultations:public_detail", args=[c.code])).content.decode()
    assert texts(page) == [f"Ý kiến số {i:03d}" for i in range(24, 14, -1)]
    assert 'id="pv-all-statements"' in page and reverse("consultations:statements", args=[c.code]) in page


def test_no_link_when_every_statement_is_already_shown(cworld, client: Client) -> None:
    c = cworld.consultation
    many(c, 3)
    page = client.get(reverse("consultations:public_detail", args=[c.code])).content.decode()
    assert len(texts(page)) == 3 and 'id="pv-all-statements"' not in page


def test_the_list_pages_through_every_statement_most_voted_first(cworld, client: Client) -> None:
    c = cworld.consultation
    rows = many(c, 120)
    hidden = f.statement(c, "Ý kiến số 999", agree_total=500, vote_count=500, status=choices.Moderation.HIDDEN)
    KeyedTally.objects.create(statement=rows[0], channel=choices.Channel.MEETING, source_ref="Biên bản họp tổ 1",
                              held_on=c.opens_on, agree=7, disagree=2, passed=0)  # fmt: skip
    url = reverse("consultations:statements", args=[c.code])
    first = client.get(url).content.decode()
    assert texts(first) == [f"Ý kiến số {i:03d}" for i in range(119, 69, -1)]
    second = client.get(url + "?page=2").content.decode()
    assert texts(second) == [f"Ý kiến số {i:03d}" for i in range(69, 19, -1)]
    last = client.get(url + "?page=3").content.decode()
    assert texts(last) == [f"Ý kiến số {i:03d}" for i in range(19, -1, -1)]
    assert "<td>Ý kiến số 000</td><td>7</td><td>2</td><td>0</td>" in last  # the meeting's tally counts
    assert texts(client.get(url + "?page=99").content.decode()) == texts(last)  # out of range: the last page
    assert client.get(url + "?page=abc").status_code == 200
    assert hidden.text not in first + second + last


def test_the_list_of_a_consultation_not_public_is_404(cworld, client: Client) -> None:
    c = f.consultation(cworld.d, status=choices.Status.DRAFT)
    assert client.get(reverse("consultations:statements", args=[c.code])).status_code == 404
