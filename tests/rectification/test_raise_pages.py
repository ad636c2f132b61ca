"""Raising items from what the system finds (发现的问题 → 列入整改), manual items, and bad input."""

import datetime

from dangjian.core.models import AuditEvent
from dangjian.plans.services.records import visit_create
from dangjian.rectification.models import Rectification

from .conftest import DUE, TODAY, raise_links, raise_through_page

LAST_YEAR = TODAY.year - 1  # every period of last year has ended, so its gaps are certain


def _findings(client, code, year):
    resp = client.get(f"/rectification/org/{code}/findings/?year={year}")
    assert resp.status_code == 200
    return resp.content.decode()


def test_raise_branch_finding_through_the_page(world, client):
    client.force_login(world.alice)
    page = _findings(client, "BRA", TODAY.year)
    assert "正式党员2人，不足三人" in page  # BR-01 from orgs.findings
    link = next(l for l in raise_links(page) if l["params"]["source"] == "finding")
    assert link["params"]["rule_id"] == "BR-01"
    resp = raise_through_page(client, link, owner=world.person_a)
    item = Rectification.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/rectification/{item.pk}/"
    assert (item.org, item.source, item.rule_id, item.owner, item.due_date, item.status, item.raised_by) == (
        world.branch_a,
        "finding",
        "BR-01",
        world.person_a,
        DUE,
        "open",
        world.alice,
    )
    assert "不足三人" in item.problem
    # Already raised: the finding shows its item instead of the button.
    page = _findings(client, "BRA", TODAY.year)
    assert not [l for l in raise_links(page) if l["params"]["source"] == "finding"]
    assert f'href="/rectification/{item.pk}/">已列入整改' in page


def test_raise_meeting_gap_as_bureau_officer(world, client):
    client.force_login(world.bob)
    page = _findings(client, "BUREAU", LAST_YEAR)
    gaps = [l for l in raise_links(page) if l["params"]["source"] == "meeting_gap"]
    general = next(l for l in gaps if "支部党员大会" in l["params"]["problem"])
    assert general["url"].startswith("/rectification/org/BRA/new/")  # raised on the branch, not the bureau
    assert "第一季度、第二季度、第三季度、第四季度未召开支部党员大会" in general["params"]["problem"]
    resp = raise_through_page(client, general, owner=world.person_dave)
    assert resp.status_code == 302
    item = Rectification.objects.get()
    assert (item.org, item.source, item.year, item.rule_id) == (
        world.branch_a,
        "meeting_gap",
        LAST_YEAR,
        general["params"]["rule_id"],
    )
    assert item.rule_id.startswith("LIFE-")
    # Submitting the same finding again (a double click) returns the same item.
    raise_through_page(client, general, owner=world.person_dave)
    assert Rectification.objects.count() == 1


def test_raise_summary_problem_with_its_plan_as_measure(world, client):
    client.force_login(world.bob)
    page = _findings(client, "BUREAU", LAST_YEAR)
    link = next(
        l
        for l in raise_links(page)
        if l["params"]["source"] == "summary" and l["params"]["problem"].startswith("组织生活制度落实不够到位")
    )
    assert "严格执行“三会一课”制度" in link["params"]["measure"]
    assert raise_through_page(client, link, owner=world.person_a).status_code == 302
    item = Rectification.objects.get()
    assert item.org == world.bureau and item.source == "summary" and item.measure.startswith("严格执行")
    assert item.rule_id.startswith("LIFE-")


def test_raise_visit_problem_links_it_and_acceptance_resolves_it(world, client):
    visit = visit_create(
        actor=world.bob,
        org=world.branch_a,
        visited_on=TODAY,
        checked="三会一课记录",
        problems=[{"text": "支委会记录不全", "owner": world.person_a, "due_date": DUE}],
    )
    problem = visit.problems.get()
    client.force_login(world.bob)
    page = _findings(client, "BUREAU", TODAY.year)
    link = next(l for l in raise_links(page) if l["params"]["source"] == "visit")
    assert link["params"]["owner"] == str(world.person_a.pk) and link["params"]["due_date"] == DUE.isoformat()
    assert raise_through_page(client, link, owner=world.person_a).status_code == 302
    item = Rectification.objects.get()
    assert item.source_ref == f"visit:{problem.pk}" and "支委会记录不全" in item.problem
    client.force_login(world.alice)
    client.post(f"/rectification/{item.pk}/report/", {"closure_note": "已补全记录"})
    client.force_login(world.bob)
    client.post(f"/rectification/{item.pk}/accept/", {"note": "同意销号"})
    problem.refresh_from_db()
    assert problem.resolved_on == TODAY
    assert AuditEvent.objects.filter(kind="plans.problem_resolve", subject_id=problem.pk).exists()
    # A resolved visit problem is no longer listed.
    assert "支委会记录不全" not in _findings(client, "BUREAU", TODAY.year)


def test_manual_item_from_the_ledger(branch_c, client):
    w = branch_c
    client.force_login(w.bob)
    page = client.get("/rectification/org/BUREAU/new/").content.decode()
    assert "实验小学党支部" in page and "陈静" in page
    resp = client.post(
        "/rectification/org/BUREAU/new/",
        {
            "source": "manual",
            "source_ref": "",
            "org": w.branch_c.pk,
            "problem": "党员活动室制度未上墙",
            "measure": "制作制度牌",
            "owner": w.person_c.pk,
            "due_date": DUE.isoformat(),
        },
    )
    assert resp.status_code == 302
    item = Rectification.objects.get()
    assert (item.org, item.source, item.owner, item.year) == (w.branch_c, "manual", w.person_c, TODAY.year)
    ledger = client.get("/rectification/org/BUREAU/").content.decode()
    assert "党员活动室制度未上墙" in ledger and "实验小学党支部" in ledger


def test_bad_input_names_the_field_and_saves_nothing(branch_c, client):
    w = branch_c
    client.force_login(w.bob)
    resp = client.post(
        "/rectification/org/BUREAU/new/",
        {
            "source": "manual",
            "org": w.branch_a.pk,
            "problem": "问题",
            "owner": w.person_c.pk,
            "due_date": (TODAY - datetime.timedelta(days=1)).isoformat(),
        },
    )
    page = resp.content.decode()
    assert resp.status_code == 200
    assert "整改时限" in page and "不能早于提出日期" in page
    assert "责任人陈静不是飞龙中学党支部的在册人员" in page
    resp = client.post("/rectification/org/BUREAU/new/", {"source": "manual", "org": w.branch_a.pk, "problem": "问题"})
    assert "这个字段是必填项" in resp.content.decode() or "必填" in resp.content.decode()
    assert Rectification.objects.count() == 0
    assert not AuditEvent.objects.filter(kind__startswith="rectification").exists()


def test_raise_missing_appraisal_of_last_year(world, client):
    client.force_login(world.alice)
    page = _findings(client, "BRA", LAST_YEAR)
    link = next(l for l in raise_links(page) if l["params"]["source"] == "appraisal")
    assert link["params"]["problem"] == f"飞龙中学党支部{LAST_YEAR}年度未开展民主评议党员（LIFE-08，一般每年1次）"
    assert raise_through_page(client, link, owner=world.person_a).status_code == 302
    item = Rectification.objects.get()
    assert (item.source, item.rule_id, item.year) == ("appraisal", "LIFE-08", LAST_YEAR)
    page = _findings(client, "BRA", LAST_YEAR)
    assert not [l for l in raise_links(page) if l["params"]["source"] == "appraisal"]


def test_a_finding_still_present_after_closure_can_be_raised_again(world, client):
    client.force_login(world.alice)
    link = next(l for l in raise_links(_findings(client, "BRA", TODAY.year)) if l["params"]["source"] == "finding")
    raise_through_page(client, link, owner=world.person_a)
    first = Rectification.objects.get()
    from dangjian.rectification import services

    services.rectification_report_done(actor=world.alice, item=first, closure_note="已申请与邻校成立联合党支部")
    services.rectification_accept(actor=world.bob, item=first)
    page = _findings(client, "BRA", TODAY.year)
    assert f'href="/rectification/{first.pk}/">已列入整改' in page and "再次列入" in page
    again = next(l for l in raise_links(page) if l["params"]["source"] == "finding")
    raise_through_page(client, again, owner=world.person_a)
    second = Rectification.objects.exclude(pk=first.pk).get()
    assert second.status == "open" and second.source_ref == first.source_ref
    assert "再次列入" not in _findings(client, "BRA", TODAY.year)
