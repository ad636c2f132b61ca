"""Scope matrix: charlie (BRB, another bureau) gets 404 on BRA's items, pages and API; dave the member has no
access; alice manages her branch's items but cannot accept them when a superior exists."""

from dangjian.rectification import services
from dangjian.rectification.models import Rectification

from .conftest import DUE


def _item(w):
    return services.rectification_raise(
        actor=w.bob, org=w.branch_a, source="manual", source_ref="", problem="支部问题", owner=w.person_a, due_date=DUE
    )


def test_charlie_gets_404_on_branch_a(world, client):
    w = world
    item = _item(w)
    services.rectification_report_done(actor=w.alice, item=item, closure_note="已整改")
    client.force_login(w.charlie)
    for url in [
        "/rectification/org/BRA/",
        "/rectification/org/BRA/findings/",
        "/rectification/org/BRA/new/",
        "/rectification/org/BRA/export.xlsx",
        "/rectification/org/BUREAU/",
        f"/rectification/{item.pk}/",
        "/api/v1/rectification/orgs/BRA",
        f"/api/v1/rectification/items/{item.pk}",
        "/api/v1/rectification/orgs/BRA/counts?year=2026",
    ]:
        assert client.get(url).status_code == 404, url
    for url, data in [
        (f"/rectification/{item.pk}/accept/", {}),
        (f"/rectification/{item.pk}/return/", {"ret-reason": "x"}),
        (f"/rectification/{item.pk}/cancel/", {"cancel-reason": "x"}),
        ("/rectification/org/BRA/new/", {"org": w.branch_a.pk, "problem": "x", "due_date": DUE}),
    ]:
        assert client.post(url, data).status_code == 404, url
    api = client.post(f"/api/v1/rectification/items/{item.pk}/accept", {}, content_type="application/json")
    assert api.status_code == 404
    api = client.post(
        "/api/v1/rectification/items",
        {"org": "BRA", "problem": "x", "due_date": str(DUE)},
        content_type="application/json",
    )
    assert api.status_code == 404
    # His own ledger does not show BRA's item.
    assert "支部问题" not in client.get("/rectification/").content.decode()
    assert client.get("/api/v1/rectification/orgs/BRB").json() == []
    item.refresh_from_db()
    assert item.status == "done" and Rectification.objects.count() == 1


def test_dave_the_member_has_no_access(world, client):
    item = _item(world)
    client.force_login(world.dave)
    for url in [
        "/rectification/",
        "/rectification/org/BRA/",
        f"/rectification/{item.pk}/",
        "/rectification/org/BRA/findings/",
        f"/api/v1/rectification/items/{item.pk}",
        "/api/v1/rectification/orgs/BRA",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/rectification/{item.pk}/report/", {"closure_note": "x"}).status_code == 404


def test_evidence_file_is_scoped(world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = _item(world)
    services.rectification_report_done(
        actor=world.alice, item=item, closure_note="x", files=[SimpleUploadedFile("签到表.pdf", b"%PDF-1.4 demo")]
    )
    f = item.files.get()
    client.force_login(world.bob)
    resp = client.get(f"/rectification/files/{f.pk}/")
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == b"%PDF-1.4 demo"
    client.force_login(world.charlie)
    assert client.get(f"/rectification/files/{f.pk}/").status_code == 404


def test_alice_reports_but_cannot_accept_through_the_api(world, client):
    item = _item(world)
    client.force_login(world.alice)
    r = client.post(
        f"/api/v1/rectification/items/{item.pk}/report", {"closure_note": "已整改"}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["status"] == "done"
    r = client.post(f"/api/v1/rectification/items/{item.pk}/accept", {}, content_type="application/json")
    assert r.status_code == 422 and "只有上级党组织才能验收" in r.json()["detail"]
    item.refresh_from_db()
    assert item.status == "done"


def test_home_opens_the_ledger_of_the_org_asked_for(world, client):
    client.force_login(world.bob)
    assert client.get("/rectification/")["Location"] == "/rectification/org/BUREAU/"
    assert client.get("/rectification/?org=BRA&year=2025")["Location"] == "/rectification/org/BRA/?year=2025"
    client.force_login(world.charlie)
    assert client.get("/rectification/?org=BRA").status_code == 404


def test_the_owner_with_a_member_login_reads_only_their_own_item(world, client):
    w = world
    mine = services.rectification_raise(
        actor=w.bob,
        org=w.branch_a,
        source="manual",
        source_ref="",
        problem="丁伟负责的问题",
        owner=w.person_dave,
        due_date=DUE,
    )
    other = _item(w)
    client.force_login(w.dave)
    page = client.get(f"/rectification/{mine.pk}/").content.decode()
    assert "丁伟负责的问题" in page and "您是本事项的责任人" in page
    assert "report-form" not in page and "整改台账" not in page.split("<main", 1)[1]
    assert client.get(f"/rectification/{other.pk}/").status_code == 404
    assert client.post(f"/rectification/{mine.pk}/report/", {"closure_note": "x"}).status_code == 404
    assert client.get(f"/api/v1/rectification/items/{mine.pk}").status_code == 404
    mine.refresh_from_db()
    assert mine.status == "open"
