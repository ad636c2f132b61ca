"""The one status mechanism (core/workflow.py), checked against a state machine written here.

The 党务公开 steps come from PUB-02 as the regulation states them (提出 → 审核 → 审批 → 实施; any step before
实施 may end in 不通过; what is public may be withdrawn); the test walks random request sequences through the
secretary's page and compares the item, its step log and its audit trail with that machine.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.core import workflow
from dangjian.core.models import AuditEvent
from dangjian.disclosure import services
from dangjian.disclosure.models import DisclosureItem

# PUB-02, written from the regulation text, not from the code.
PUB02 = {
    "proposed": {"reviewed", "rejected"},
    "reviewed": {"approved", "rejected"},
    "approved": {"published", "rejected"},
    "published": {"withdrawn"},
    "rejected": set(),
    "withdrawn": set(),
}
STATUSES = sorted(PUB02)


def test_every_workflow_table_is_closed_over_its_choices():
    """Each registered table names only real statuses, and every status has a row (terminal ones empty)."""
    flows = workflow.registered()
    assert flows, "no workflow registered"
    for wf in flows:
        values = set(wf.choices.values)
        assert set(wf.table) <= values, wf.audit_kind
        for src, targets in wf.table.items():
            assert set(targets) <= values, (wf.audit_kind, src)
            assert src not in targets, (wf.audit_kind, src)  # a move changes the status
        field = wf.model._meta.get_field(wf.field)
        assert field.default in wf.table, (wf.audit_kind, "the first status has no row")


@pytest.mark.django_db
def test_disclosure_workflow_is_pub02(world):
    wf = workflow.workflow_of(DisclosureItem)
    assert {k: set(v) for k, v in wf.table.items()} == PUB02


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(requests=st.lists(st.sampled_from(STATUSES), min_size=1, max_size=7))
def test_page_moves_follow_the_table(world, requests):
    item = services.disclosure_propose(
        actor=world.alice, org=world.branch_a, topic="dues", title="党费收缴情况", content="内容", scope="branch"
    )
    c = Client()
    c.force_login(world.alice)
    expected, steps, events = "proposed", 1, AuditEvent.objects.filter(kind="disclosure.status").count()
    for to in requests:
        page = c.get(f"/disclosure/item/{item.pk}/").content.decode()
        offered = {s for s in STATUSES if f'value="{s}"' in page}
        assert offered == PUB02[expected]
        c.post(f"/disclosure/item/{item.pk}/status/", {"to": to, "note": "意见"})
        if to in PUB02[expected]:
            expected, steps, events = to, steps + 1, events + 1
        item.refresh_from_db()
        assert item.status == expected
        assert item.steps.count() == steps  # one log row per allowed move, none for a refused one
        assert AuditEvent.objects.filter(kind="disclosure.status").count() == events


@pytest.mark.django_db
def test_refused_move_says_why_in_chinese(world):
    from django.core.exceptions import ValidationError

    item = services.disclosure_propose(
        actor=world.alice, org=world.branch_a, topic="dues", title="党费收缴情况", content="内容", scope="branch"
    )
    with pytest.raises(ValidationError) as exc:
        workflow.set_status(actor=world.alice, obj=item, to="published")
    assert "当前状态“已提出”不能变为“已公开”" in exc.value.messages[0]
    assert {s.value for s in workflow.available_statuses(item)} == PUB02["proposed"]
