"""The commune's public page lists its online votes: open ones linked to the voting page, counted ones
to their results; another commune's vote is not listed; no household name appears."""

from danvan.democracy.models import Household
from danvan.democracy.services import voting
from danvan.democracy.tests.voting.conftest import consent_round, open_round


def test_the_commune_page_lists_open_and_counted_votes(client, dworld) -> None:
    open_ = open_round(dworld)
    asking = consent_round(dworld)
    page = client.get(f"/dan-chu/{dworld.commune.code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="/dan-chu/bieu-quyet/{open_.pk}/"' in html and f'href="/dan-chu/bieu-quyet/{asking.pk}/"' in html
    assert "đang biểu quyết" in html and "đang hỏi ý kiến các hộ" in html
    voting.vote_close(actor=dworld.village2_head, round_=open_)
    html = client.get(f"/dan-chu/{dworld.commune.code}/").content.decode()
    assert f'href="/dan-chu/bieu-quyet/{open_.pk}/ket-qua/"' in html and "Đã kiểm phiếu" in html
    assert not any(h.representative_name in html for h in Household.objects.all())
    other = client.get(f"/dan-chu/{dworld.other_commune.code}/").content.decode()
    assert "/dan-chu/bieu-quyet/" not in other
