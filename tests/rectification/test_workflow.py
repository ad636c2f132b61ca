"""整改 on the one status mechanism (core/workflow.py), checked against a machine written here from the
整改台账 rules as the issue states them: an item is 整改中 until the branch reports it done (已整改待验收); the
superior then accepts it (已销号) or returns it (back to 整改中); an item not yet closed may be cancelled
(撤销) and stays in the ledger; 已销号 and 已撤销 are final. The superior (bob, on the bureau above branch A)
may take every step, so the page must offer him exactly the machine's moves; the branch secretary only reports.
"""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.core.models import AuditEvent
from dangjian.rectification import services
from dangjian.rectification.models import RectificationLog

from .conftest import DUE

RECT = {
    "open": {"done", "cancelled"},
    "done": {"closed", "open", "cancelled"},
    "closed": set(),
    "cancelled": set(),
}
STATUSES = sorted(RECT)
# Each move is one form on the item page (its id) posted to one URL with its own field.
FORM = {"done": "report-form", "closed": "accept-form", "open": "return-form", "cancelled": "cancel-form"}
POST = {
    "done": ("report", {"closure_note": "已补记表决情况"}),
    "closed": ("accept", {"note": "整改到位"}),
    "open": ("return", {"ret-reason": "缺少签到表"}),
    "cancelled": ("cancel", {"cancel-reason": "误列入"}),
}
KINDS = {
    "done": "rectification.report_done",
    "closed": "rectification.accept",
    "open": "rectification.return",
    "cancelled": "rectification.cancel",
}
MOVE_KINDS = list(KINDS.values())


def _raise(w):
    return services.rectification_raise(
        actor=w.bob,
        org=w.branch_a,
        source="manual",
        source_ref="",
        problem="支部党员大会记录缺少表决情况",
        owner=w.person_a,
        due_date=DUE,
    )


def _offered(client, item) -> set[str]:
    page = client.get(f"/rectification/{item.pk}/").content.decode()
    return {to for to, form_id in FORM.items() if f'id="{form_id}"' in page}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(requests=st.lists(st.sampled_from(STATUSES), min_size=1, max_size=6))
def test_page_moves_follow_the_table(world, client, requests):
    item = _raise(world)
    client.force_login(world.bob)
    expected = "open"
    logs = RectificationLog.objects.filter(rectification=item).count()
    events = AuditEvent.objects.filter(kind__in=MOVE_KINDS).count()
    for to in requests:
        assert _offered(client, item) == RECT[expected]
        url, data = POST[to]
        page = client.post(f"/rectification/{item.pk}/{url}/", data, follow=True).content.decode()
        if to in RECT[expected]:
            expected, logs, events = to, logs + 1, events + 1
        else:
            assert "的整改事项不能改为" in page  # a refused move says why, in Chinese
        item.refresh_from_db()
        assert item.status == expected
        assert RectificationLog.objects.filter(rectification=item).count() == logs
        assert AuditEvent.objects.filter(kind__in=MOVE_KINDS).count() == events


def test_allowed_move_writes_one_log_row_and_one_audit_event_of_its_kind(world, client):
    item = _raise(world)
    client.force_login(world.alice)
    before = AuditEvent.objects.count()
    client.post(f"/rectification/{item.pk}/report/", {"closure_note": "已补记"})
    assert AuditEvent.objects.count() == before + 1
    ev = AuditEvent.objects.latest("id")
    assert ev.kind == KINDS["done"]
    assert (ev.data["from"], ev.data["to"], ev.data["note"], ev.data["files"]) == ("open", "done", "已补记", 0)
    row = RectificationLog.objects.filter(rectification=item).latest("id")
    assert (row.from_status, row.to_status, row.note, row.actor) == ("open", "done", "已补记", world.alice)


def test_refused_move_changes_nothing(world, client):
    item = _raise(world)
    client.force_login(world.bob)
    logs, events = RectificationLog.objects.count(), AuditEvent.objects.count()
    page = client.post(f"/rectification/{item.pk}/accept/", {"note": "好"}, follow=True).content.decode()
    assert "“整改中”的整改事项不能改为“已销号”" in page
    item.refresh_from_db()
    assert item.status == "open" and item.closed_on is None
    assert (RectificationLog.objects.count(), AuditEvent.objects.count()) == (logs, events)


def test_branch_secretary_is_offered_only_her_steps(world, client):
    """alice runs the branch: she reports; accepting, returning and cancelling bob's item are the superior's."""
    item = _raise(world)
    client.force_login(world.alice)
    assert _offered(client, item) == {"done"}
    client.post(f"/rectification/{item.pk}/report/", {"closure_note": "已补记"})
    assert _offered(client, item) == set()


def _api(client, method, url, body=None):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, content_type="application/json")


def test_api_detail_lists_next_and_refuses_a_move_off_the_table(world, client):
    item = _raise(world)
    client.force_login(world.bob)
    url = f"/api/v1/rectification/items/{item.pk}"
    nxt = _api(client, "get", url).json()["next"]
    assert {s["value"] for s in nxt} == RECT["open"]
    assert {s["label"] for s in nxt} == {"已整改待验收", "已撤销"}
    logs, events = RectificationLog.objects.count(), AuditEvent.objects.count()
    r = _api(client, "post", f"{url}/return", {"reason": "缺少签到表"})
    assert r.status_code == 422 and "“整改中”的整改事项不能改为“整改中”" in json.dumps(r.json(), ensure_ascii=False)
    assert (RectificationLog.objects.count(), AuditEvent.objects.count()) == (logs, events)
    r = _api(client, "post", f"{url}/report", {"closure_note": "已补记"})
    assert r.status_code == 200 and {s["value"] for s in r.json()["next"]} == RECT["done"]
    assert (RectificationLog.objects.count(), AuditEvent.objects.count()) == (logs + 1, events + 1)
    client.force_login(world.alice)
    assert _api(client, "get", url).json()["next"] == []  # the superior's steps, and bob raised it


@pytest.mark.parametrize("call", ["report", "accept", "return", "cancel"])
def test_every_move_service_checks_the_actors_scope(world, call):
    """charlie runs a branch of another bureau: the service itself refuses him (404), not only the page."""
    from django.http import Http404

    item = _raise(world)
    kwargs = {
        "report": dict(closure_note="x"),
        "accept": dict(note="x"),
        "return": dict(reason="x"),
        "cancel": dict(reason="x"),
    }[call]
    fn = getattr(services, {"report": "rectification_report_done"}.get(call, f"rectification_{call}"))
    with pytest.raises(Http404):
        fn(actor=world.charlie, item=item, **kwargs)
    item.refresh_from_db()
    assert item.status == "open"


def test_ledger_is_paged_fifty_a_page_and_numbers_run_on(world, client):
    for n in range(51):
        services.rectification_raise(
            actor=world.bob, org=world.branch_a, source="manual", source_ref="", problem=f"问题{n:02d}", due_date=DUE
        )
    client.force_login(world.bob)
    first = client.get("/rectification/org/BRA/").content.decode()
    assert len(re.findall(r">问题\d\d</a>", first)) == 50 and "共 51 条" in first
    second = client.get("/rectification/org/BRA/?page=2").content.decode()
    assert len(re.findall(r">问题\d\d</a>", second)) == 1 and "<td>51</td>" in second


def test_the_registered_table_is_the_ledger_rule():
    from dangjian.core import workflow
    from dangjian.rectification.models import Rectification

    assert {k: set(v) for k, v in workflow.workflow_of(Rectification).table.items()} == RECT
