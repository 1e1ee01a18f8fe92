"""In a real browser, at 360 px and at a desk: Phú Xuân's chairman registers a model (the ten fields), the
city's Ban Dân vận seats two evaluators from other units (the city's Front, Kim Long's Front), each scores
it, the council concludes and the model is recognised at province level; Kim Long's chairman replicates
it from the public story; the gallery finds it without diacritics and its story shows the tree; the
city's Ban Dân vận computes the year's dân vận evaluation and Phú Xuân's shows the model registered,
recognised and replicated, each with its link to the models behind the number — the issue's whole
journey in one run. Screenshots: var/screenshots/emulation-dvk-*.png."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core import clock
from danvan.core.testing.browser import new_page, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}
PASSWORD = "mat-khau-thu-nghiem"  # danvan.org.tests.factories
CODES = ("dat-tieu-chi", "nguoi-tham-gia", "nguon-luc", "giai-quyet-van-de", "lan-toa")


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def login(browser: Any, base: str, username: str, width: int) -> Any:
    page = new_page(browser, width, 800)
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    return page


def step(page: Any, name: str) -> Any:
    return page.locator(f"form[action$='/buoc/{name}/'] button[type=submit]")


@pytest.mark.parametrize("device", list(DEVICES))
def test_register_evaluate_recognise_replicate(live_server: Any, browser: Any, device: str,
                                               reseeded_afterwards: None) -> None:  # fmt: skip
    from danvan.emulation.models import DvkModel
    from danvan.emulation.services import dvk as services
    from danvan.emulation.tests.dvk.factories import make_world

    reference_data_restore()
    w = make_world()
    width, base = DEVICES[device], live_server.url
    today = dt.date.today()  # noqa: DTZ011 (the live server runs on the real clock)

    # 1. The ward registers its model.
    page = login(browser, base, "ctphuxuan", width)
    page.goto(base + "/van-hanh/thi-dua/mo-hinh/dang-ky/")
    page.locator("#id_organization").select_option(str(w.ward.pk))
    page.locator("#id_field").select_option("van_hoa_xa_hoi")
    page.locator("#id_place").select_option(str(w.ward.unit.pk))
    fields = {
        "name": "Dân vận khéo trong chỉnh trang kiệt hẻm", "situation": "Kiệt tối, rác tồn đọng.",
        "goals": "100% kiệt có đèn; 90% hộ tham gia.", "content": "Vận động từng hộ; tổ tự quản.",
        "area": "Tổ dân phố 1–5", "forces_in_charge": "Đảng ủy phường", "forces_participating": "Hội LHPN phường",
        "money_vnd": "50000000", "working_days": "300", "start_on": (today - dt.timedelta(days=300)).isoformat(),
        "evaluation_on": (today - dt.timedelta(days=5)).isoformat(), "outputs": "Biên bản nghiệm thu; ảnh.",
        "sustainability": "Tổ tự quản duy trì; dễ nhân rộng.",
    }  # fmt: skip
    for name, value in fields.items():
        page.locator(f"#id_{name}").fill(value)
    fits(page, width)
    shot(page, f"emulation-dvk-1-register-{device}")
    page.locator("button[name=register]").click()
    expect(page.locator("[data-stage]")).to_have_attribute("data-stage", "registered")
    model = DvkModel.objects.get()
    page.context.close()
    # Launch and progress through the services (their pages are tested in test_views).
    services.dvk_model_launch(actor=w.ward_head, model=model, launched_on=today - dt.timedelta(days=290))
    indicator = services.dvk_indicator_add(actor=w.ward_head, model=model, name="Kiệt có đèn", unit="kiệt",
                                           baseline=Decimal(3), target=Decimal(12))  # fmt: skip
    services.dvk_progress_report(actor=w.ward_head, model=model, text="Đã lắp đèn 12 kiệt.",
                                 measurements={indicator.pk: Decimal(12)})  # fmt: skip

    # 2. The city's Ban Dân vận seats two evaluators from other units.
    convener = login(browser, base, "bandanvan", width)
    convener.goto(f"{base}/van-hanh/thi-dua/mo-hinh/{model.pk}/")
    for user in (w.scorer_city, w.scorer_other):
        seat = convener.locator("#id_seat option", has_text=str(user)).get_attribute("value")
        convener.locator("#id_seat").select_option(seat)
        step(convener, "seat").click()
        expect(convener.locator("#hoi-dong")).to_contain_text(str(user))
    expect(convener.locator("#id_seat option", has_text="Phú Xuân")).to_have_count(0)  # never its own unit

    # 3. Each evaluator scores, with reasons.
    for username, value in (("mttphue", "8"), ("mtkimlong", "9")):
        scorer = login(browser, base, username, width)
        scorer.goto(f"{base}/van-hanh/thi-dua/mo-hinh/{model.pk}/cham-diem/")
        for code in CODES:
            scorer.locator(f"#id_score_{code}").fill(value)
            scorer.locator(f"#id_reason_{code}").fill("Có minh chứng trong biên bản.")
        fits(scorer, width)
        if username == "mtkimlong":
            shot(scorer, f"emulation-dvk-2-score-{device}")
        scorer.locator("main form button[type=submit]").click()
        expect(scorer.locator("[data-stage]")).to_be_visible()
        scorer.context.close()

    # 4. The council concludes; the model is recognised at province level.
    convener.reload()
    step(convener, "conclude").click()
    expect(convener.locator("[data-score]")).to_have_text("85,00")
    convener.locator("form[action$='/buoc/recognise/'] #id_level").select_option("tinh")
    convener.locator("form[action$='/buoc/recognise/'] #id_decision").fill("15/QĐ-BDV")
    step(convener, "recognise").click()
    expect(convener.locator("[data-stage]")).to_have_attribute("data-stage", "recognised")
    fits(convener, width)
    shot(convener, f"emulation-dvk-3-recognised-{device}")
    convener.context.close()

    # 5. Kim Long's chairman finds it in the gallery (no diacritics) and replicates it from its story.
    other = login(browser, base, "ctkimlong", width)
    other.goto(base + "/dan-van-kheo/?q=chinh+trang+kiet")
    other.locator(f"a[href='/dan-van-kheo/{model.pk}/']").click()
    expect(other.locator("#nhan-rong-ve-don-vi")).to_be_visible()  # the story, with the replicate form
    fits(other, width)
    shot(other, f"emulation-dvk-3b-replicate-{device}")
    other.locator("form[action$='/buoc/replicate/'] #id_organization").select_option(str(w.other.pk))
    step(other, "replicate").click()
    expect(other.locator("[data-stage]")).to_have_attribute("data-stage", "draft")
    copy = DvkModel.objects.get(replicated_from=model)
    other.context.close()
    data = services.DvkInput(**{**{k: getattr(copy, k) for k in ("name", "field", "goals", "content", "outputs",
                                                                "sustainability", "place")},
                                "situation": "Kiệt tối ở Kim Long.", "area": "Tổ dân phố 2",
                                "forces": [{"name": "Đảng ủy phường Kim Long", "role": "in_charge"}],
                                "working_days": 100, "start_on": today - dt.timedelta(days=10),
                                "evaluation_on": today + dt.timedelta(days=300)})  # fmt: skip
    services.dvk_model_save(actor=w.other_head, organization=w.other, model=copy, data=data, register=True)
    services.dvk_model_launch(actor=w.other_head, model=copy, launched_on=today)

    # 6. Anyone sees the story with its indicators and its tree.
    public = new_page(browser, width, 800)
    public.goto(f"{base}/dan-van-kheo/?q=CHINH+TRANG")
    expect(public.locator(f"a[href='/dan-van-kheo/{model.pk}/']")).to_have_count(1)
    fits(public, width)
    shot(public, f"emulation-dvk-4-gallery-{device}")
    public.goto(f"{base}/dan-van-kheo/{model.pk}/")
    expect(public.locator("#nhan-rong")).not_to_contain_text(w.other.name)  # a launched replication is not public
    expect(public.locator("main")).to_contain_text("Kiệt có đèn")
    fits(public, width)
    shot(public, f"emulation-dvk-5-story-{device}")
    assert public.console_errors == []
    public.context.close()

    # 7. The yearly evaluation shows it. The methodology's window is data: opened from 1 January here, so
    # the year the model was registered in can be computed whatever today's date (the default is 1 December).
    from danvan.emulation.models import EvaluationMethodology, UnitEvaluation

    EvaluationMethodology.objects.update(opens_month=1, opens_day=1)
    year = clock.today().year
    evaluator = login(browser, base, "bandanvan", width)
    evaluator.goto(f"{base}/van-hanh/thi-dua/danh-gia/?year={year}")
    evaluator.locator("details.ev-run summary").click()
    evaluator.locator("details.ev-run #id_year").fill(str(year))
    evaluator.locator("#run-evaluation").click()
    row = evaluator.locator(f"#ranking-table tbody tr[data-org='{w.ward.pk}']")
    expect(row).to_have_count(1)
    fits(evaluator, width)
    shot(evaluator, f"emulation-dvk-6-evaluation-{device}")
    unit = UnitEvaluation.objects.get(organization=w.ward, year=year)
    evaluator.goto(f"{base}/van-hanh/thi-dua/danh-gia/{unit.pk}/")
    for key in ("dvk_models_registered", "dvk_models_recognised", "dvk_models_replicated"):
        line = evaluator.locator(f"#lines li[data-key='{key}']")
        expect(line.locator(".ev-value")).to_have_text("1")
        expect(line.locator("a.ev-source-link")).to_have_attribute("href", "/van-hanh/thi-dua/mo-hinh/")
    fits(evaluator, width)
    shot(evaluator, f"emulation-dvk-7-evaluation-unit-{device}")
    assert evaluator.console_errors == []
    evaluator.context.close()
