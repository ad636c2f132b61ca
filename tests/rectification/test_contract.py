"""The contract other apps rely on: rectification_raise is idempotent per live key; counts_by_org counts
in one query."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.core.models import AuditEvent
from dangjian.orgs.selectors import subtree_ids
from dangjian.rectification import selectors, services
from dangjian.rectification.models import Rectification

D = datetime.date


def _raise(w, ref="gap:BRA:2026:Q1", **kw):
    values = dict(
        actor=w.bob,
        org=w.branch_a,
        source="meeting_gap",
        source_ref=ref,
        rule_id="MTG-01",
        problem="第一季度未召开党员大会",
        owner=w.person_a,
        due_date=D(2026, 5, 1),
        raised_on=D(2026, 4, 1),
    )
    values.update(kw)
    return services.rectification_raise(**values)


def test_raise_is_idempotent_while_the_item_is_live(world):
    w = world
    first = _raise(w)
    again = _raise(w, problem="另一种说法", due_date=D(2026, 6, 1))
    assert again.pk == first.pk and again.problem == "第一季度未召开党员大会"
    assert Rectification.objects.count() == 1
    assert AuditEvent.objects.filter(kind="rectification.raise").count() == 1
    services.rectification_report_done(actor=w.alice, item=first, closure_note="已补开", reported_on=D(2026, 4, 20))
    assert _raise(w).pk == first.pk  # still live while waiting for acceptance
    services.rectification_accept(actor=w.bob, item=first, closed_on=D(2026, 4, 25))
    later = _raise(w, raised_on=D(2027, 1, 5), due_date=D(2027, 2, 1))
    assert later.pk != first.pk and later.status == "open"
    # Another org or source is another key.
    assert _raise(w, source="finding").pk != later.pk


def test_manual_items_without_key_are_never_merged(world):
    w = world
    a = _raise(w, ref="", source="manual")
    b = _raise(w, ref="", source="manual")
    assert a.pk != b.pk


def test_bad_input_names_the_field_and_saves_nothing(world):
    w = world
    with pytest.raises(ValidationError) as exc:
        _raise(w, due_date=D(2026, 3, 1), owner=w.person_b, problem=" ")
    errors = exc.value.message_dict
    assert "不能早于提出日期" in errors["due_date"][0]
    assert "李强不是飞龙中学党支部的在册人员" in errors["owner"][0]
    assert errors["problem"] == ["请填写“问题”"]
    assert Rectification.objects.count() == 0 and not AuditEvent.objects.filter(kind__startswith="rect").exists()


def test_counts_by_org_in_one_query(world):
    w = world
    today = D(2026, 6, 30)
    _raise(w, ref="a", due_date=D(2026, 5, 1))  # open, overdue
    _raise(w, ref="b", due_date=D(2026, 8, 1))  # open, not yet due
    late = _raise(w, ref="c", due_date=D(2026, 5, 1))  # reported late -> still overdue
    services.rectification_report_done(actor=w.alice, item=late, closure_note="x", reported_on=D(2026, 5, 20))
    waiting = _raise(w, ref="d", due_date=D(2026, 5, 1))  # reported on time, waiting: not overdue
    services.rectification_report_done(actor=w.alice, item=waiting, closure_note="x", reported_on=D(2026, 4, 30))
    ok = _raise(w, ref="e", due_date=D(2026, 5, 1))  # closed on time
    services.rectification_report_done(actor=w.alice, item=ok, closure_note="x", reported_on=D(2026, 4, 28))
    services.rectification_accept(actor=w.bob, item=ok, closed_on=D(2026, 5, 6))
    early = _raise(w, ref="f", due_date=D(2026, 9, 1))  # closed before its due date
    services.rectification_report_done(actor=w.alice, item=early, closure_note="x", reported_on=D(2026, 5, 2))
    services.rectification_accept(actor=w.bob, item=early, closed_on=D(2026, 5, 3))
    gone = _raise(w, ref="g")  # cancelled: not counted
    services.rectification_cancel(actor=w.bob, item=gone, reason="重复列入")
    _raise(w, ref="h", raised_on=D(2025, 4, 1), due_date=D(2025, 5, 1))  # another year
    services.rectification_raise(
        actor=w.charlie,
        org=w.branch_b,
        source="manual",
        source_ref="",
        problem="p",
        raised_on=D(2026, 2, 1),
        due_date=D(2026, 3, 1),
    )
    with CaptureQueriesContext(connection) as ctx:
        counts = selectors.counts_by_org(subtree_ids(w.bureau), 2026, today)
    assert len(ctx.captured_queries) == 1
    assert counts == {w.branch_a.id: {"open": 4, "overdue": 2, "closed": 2, "closed_on_time": 2, "due": 5}}
    assert selectors.counts_by_org(subtree_ids(w.other_bureau), 2026, today)[w.branch_b.id]["overdue"] == 1
