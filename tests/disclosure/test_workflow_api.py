"""党务公开 through the API on the one status mechanism, the write services' own scope check, and the pager.

The table is PUB-02 as the regulation states it (提出 → 审核 → 审批 → 实施; any step before 实施 may end in
不通过; what is public may be withdrawn), written here, not read from the code.
"""

import json
import re

import pytest
from django.http import Http404

from dangjian.core.models import AuditEvent
from dangjian.disclosure import services
from dangjian.disclosure.models import DisclosureStep

PUB02 = {
    "proposed": {"reviewed", "rejected"},
    "reviewed": {"approved", "rejected"},
    "approved": {"published", "rejected"},
    "published": {"withdrawn"},
    "rejected": set(),
    "withdrawn": set(),
}
LABELS = {
    "reviewed": "已审核",
    "approved": "已审批",
    "published": "已公开",
    "rejected": "未通过",
    "withdrawn": "已撤回",
}


def _propose(w, title="党费收缴情况"):
    return services.disclosure_propose(
        actor=w.alice, org=w.branch_a, topic="dues", title=title, content="内容", scope="branch"
    )


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_api_detail_lists_next_for_managers_only(world, client):
    item = _propose(world)
    client.force_login(world.alice)
    url = f"/api/v1/disclosure/items/{item.pk}"
    for to in ("reviewed", "approved", "published", "withdrawn"):
        body = client.get(url).json()
        assert {(s["value"], s["label"]) for s in body["next"]} == {(s, LABELS[s]) for s in PUB02[body["status"]]}
        assert _post(client, f"{url}/status", {"to": to}).status_code == 200
    assert client.get(url).json()["next"] == []


def test_api_move_writes_one_step_and_one_event_and_a_refused_one_nothing(world, client):
    item = _propose(world)
    client.force_login(world.alice)
    url = f"/api/v1/disclosure/items/{item.pk}/status"
    steps, events = DisclosureStep.objects.count(), AuditEvent.objects.filter(kind="disclosure.status").count()
    r = _post(client, url, {"to": "published"})
    assert r.status_code == 422
    assert "当前状态“已提出”不能变为“已公开”" in json.dumps(r.json(), ensure_ascii=False)
    item.refresh_from_db()
    assert item.status == "proposed"
    assert (DisclosureStep.objects.count(), AuditEvent.objects.filter(kind="disclosure.status").count()) == (
        steps,
        events,
    )
    r = _post(client, url, {"to": "reviewed", "note": "同意"})
    assert r.status_code == 200 and r.json()["status"] == "reviewed"
    assert DisclosureStep.objects.count() == steps + 1
    ev = AuditEvent.objects.filter(kind="disclosure.status").latest("id")
    assert AuditEvent.objects.filter(kind="disclosure.status").count() == events + 1
    assert (ev.data["from"], ev.data["to"], ev.data["note"]) == ("proposed", "reviewed", "同意")


@pytest.mark.parametrize("write", ["propose", "set_status", "reply"])
def test_write_services_check_the_actors_scope(world, write):
    """charlie runs a branch of another bureau: the services refuse him themselves (404), not only the pages."""
    item = _propose(world)
    msg = services.message_send(actor=world.dave, org=world.branch_a, body="建议公开党费使用明细")
    events = AuditEvent.objects.count()
    with pytest.raises(Http404):
        if write == "propose":
            _propose(type(world)(**{**vars(world), "alice": world.charlie}))
        elif write == "set_status":
            services.disclosure_set_status(actor=world.charlie, item=item, to="reviewed")
        else:
            services.message_reply(actor=world.charlie, message=msg, reply="收到")
    item.refresh_from_db()
    msg.refresh_from_db()
    assert (item.status, msg.reply) == ("proposed", "")
    assert AuditEvent.objects.count() == events


def test_org_list_is_paged_fifty_a_page(world, client):
    for n in range(51):
        _propose(world, title=f"党费通报{n:02d}")
    client.force_login(world.alice)
    first = client.get("/disclosure/org/BRA/").content.decode()
    assert len(re.findall(r"党费通报\d\d", first)) == 50 and "共 51 条" in first
    second = client.get("/disclosure/org/BRA/?page=2").content.decode()
    assert re.findall(r"党费通报\d\d", second) == ["党费通报00"]  # newest first: the oldest is last
