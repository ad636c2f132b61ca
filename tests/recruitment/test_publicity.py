"""公示 (DEV-08, 2026): 5 working days counted by the holiday table, two places for 流动人员,
after the 上级党委 agreed, result recorded only after the end, objections need handling."""

import datetime

from dangjian.recruitment.models import Publicity

from .conftest import advance, path_2026

D = datetime.date


def _to_consent(world, open_case, **kw):
    return advance(open_case(applied=D(2025, 3, 10), **kw), world.alice, path_2026(world), until="upper_consent")


def test_publicity_end_is_fifth_working_day(world, login, open_case):
    case = _to_consent(world, open_case)
    client = login(world.alice)
    r = client.post(f"/recruitment/cases/{case.pk}/publicity/", {"start": "2026-05-25", "channel_1": "本校公示栏"})
    assert r.status_code == 302
    pub = Publicity.objects.get(case=case)
    assert pub.end == D(2026, 5, 29)
    page = client.get(f"/recruitment/cases/{case.pk}/").content.decode()
    assert "2026-05-25 至 2026-05-29" in page and "公示中" in page


def test_publicity_over_national_day_skips_the_holiday(world, open_case):
    """Starting Fri 2026-09-25: 09-25, 09-28, 09-29, 09-30 and then the first working day after 国庆 (GEN-03)."""
    from dangjian.rules.recruitment import publicity_end

    end = publicity_end(D(2026, 9, 25), 1).date
    assert end > D(2026, 10, 7)


def test_mobile_person_needs_two_places(world, login, open_case):
    case = _to_consent(world, open_case, is_mobile=True)
    client = login(world.alice)
    client.post(f"/recruitment/cases/{case.pk}/publicity/", {"start": "2026-05-25", "channel_1": "本校公示栏"})
    assert not Publicity.objects.filter(case=case).exists()
    msgs = client.get(f"/recruitment/cases/{case.pk}/").content.decode()
    assert "流动人员须在流出地和流入地同时公示" in msgs
    client.post(
        f"/recruitment/cases/{case.pk}/publicity/",
        {"start": "2026-05-25", "channel_1": "本校公示栏", "channel_2": "户籍地社区公示栏"},
    )
    assert Publicity.objects.get(case=case).channels == ["本校公示栏", "户籍地社区公示栏"]


def test_publicity_before_upper_consent_is_refused(world, login, open_case):
    case = advance(open_case(applied=D(2025, 3, 10)), world.alice, path_2026(world), stop_before="upper_consent")
    client = login(world.alice)
    client.post(f"/recruitment/cases/{case.pk}/publicity/", {"start": "2026-05-25", "channel_1": "本校公示栏"})
    assert not Publicity.objects.filter(case=case).exists()


def test_objections_need_handling_and_blocking_result_stops_listing(world, login, open_case):
    from dangjian.recruitment import services

    case = _to_consent(world, open_case)
    pub = services.publicity_record(actor=world.alice, case=case, start=D(2026, 5, 25), channels=["本校公示栏"])
    client = login(world.alice)
    client.post(f"/recruitment/publicity/{pub.pk}/close/", {"result": "blocked", "objections": "有群众反映考勤问题"})
    pub.refresh_from_db()
    assert pub.result == "pending"  # handling missing
    client.post(
        f"/recruitment/publicity/{pub.pk}/close/",
        {"result": "blocked", "objections": "有群众反映考勤问题", "handling": "经核实属实"},
    )
    pub.refresh_from_db()
    assert pub.result == "blocked" and pub.handling == "经核实属实"
    r = client.post(f"/recruitment/cases/{case.pk}/", {"code": "candidate_selected", "date": "2026-06-01"})
    assert "公示中反映的问题影响发展" in r.content.decode()
    assert not case.steps.filter(code="candidate_selected").exists()


def test_publicity_result_cannot_be_recorded_before_the_end(world, open_case):
    import pytest
    from django.core.exceptions import ValidationError

    from dangjian.recruitment import services

    case = _to_consent(world, open_case)
    pub = services.publicity_record(actor=world.alice, case=case, start=D(2026, 5, 25), channels=["本校公示栏"])
    with pytest.raises(ValidationError, match="期满后方可登记结果"):
        services.publicity_close(actor=world.alice, publicity=pub, result="passed", today=D(2026, 5, 28))


def test_publicity_is_proposed_as_a_disclosure_item(world, login, open_case):
    """Recorded once: the 公示 appears in 党务公开 as a proposed item the secretary can review and publish."""
    case = _to_consent(world, open_case)
    client = login(world.alice)
    client.post(f"/recruitment/cases/{case.pk}/publicity/", {"start": "2026-05-25", "channel_1": "本校公示栏"})
    from dangjian.disclosure.models import DisclosureItem

    item = DisclosureItem.objects.get(org=world.branch_a, topic="recruitment")
    assert case.person.name in item.title and item.publish_until == D(2026, 5, 29)
    assert item.source_ref == f"/recruitment/cases/{case.pk}/"
    assert case.person.name in client.get("/disclosure/org/BRA/").content.decode()
