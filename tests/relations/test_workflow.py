"""Transfer letters on the one status mechanism (core/workflow.py), checked against MGMT-04 as the issue and
the regulation state it: a letter is issued (已开具); it ends registered (回执 received / the member reported),
returned (退回) or revoked (作废), and each of those is final. A transfer inside this system has two letters
that move together: the receiving branch registers (接收) or returns it, the sending branch revokes it.
"""

import datetime
import json
import re

import pytest
from django.http import Http404
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.core.models import AuditEvent
from dangjian.members.models import Person
from dangjian.relations import internal, services
from dangjian.relations.models import TransferLog

TODAY = datetime.date(2026, 11, 22)  # the suite's pinned day
LETTER = {"issued": {"registered", "returned", "revoked"}, "registered": set(), "returned": set(), "revoked": set()}
STATUSES = sorted(LETTER)
KIND = "relations.transfer_status"


def _letter_in(w):
    return services.transfer_receive(
        actor=w.alice, org=w.branch_a, name="周敏", letter_no="JB-7", other_org="外区某支部", issued_on=TODAY
    )


def _offered(client, t) -> set[str]:
    page = client.get(f"/relations/transfer/{t.pk}/").content.decode()
    return {s for s in STATUSES if f'name="to" value="{s}"' in page}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(requests=st.lists(st.sampled_from(STATUSES), min_size=1, max_size=4))
def test_page_moves_follow_the_table(world, client, requests):
    t = _letter_in(world)
    client.force_login(world.alice)
    expected, logs, events = "issued", 1, AuditEvent.objects.filter(kind=KIND).count()
    for to in requests:
        assert _offered(client, t) == LETTER[expected]
        page = client.post(f"/relations/transfer/{t.pk}/status/", {"to": to}, follow=True).content.decode()
        if to in LETTER[expected]:
            expected, logs, events = to, logs + 1, events + 1
        else:
            assert "不能改为该状态" in page  # a refused move says why, in Chinese
        t.refresh_from_db()
        assert t.status == expected
        assert TransferLog.objects.filter(transfer=t).count() == logs
        assert AuditEvent.objects.filter(kind=KIND).count() == events


def test_registered_out_letter_writes_one_log_row_and_one_event_and_takes_the_member_off(world, client):
    t = services.transfer_issue(
        actor=world.alice,
        org=world.branch_a,
        person=world.person_a,
        letter_no="ZZ-1",
        other_org="外区",
        issued_on=TODAY - datetime.timedelta(days=3),
    )
    client.force_login(world.alice)
    events = AuditEvent.objects.filter(kind=KIND).count()
    client.post(f"/relations/transfer/{t.pk}/status/", {"to": "registered", "on": "2026-11-21", "note": "回执已收"})
    t.refresh_from_db()
    assert (t.status, t.receipt_on) == ("registered", datetime.date(2026, 11, 21))
    assert [(r.status, r.on, r.note) for r in TransferLog.objects.filter(transfer=t).order_by("id")][-1] == (
        "registered",
        datetime.date(2026, 11, 21),
        "回执已收",
    )
    assert AuditEvent.objects.filter(kind=KIND).count() == events + 1
    ev = AuditEvent.objects.filter(kind=KIND).latest("id")
    assert {k: ev.data[k] for k in ("from", "to", "on", "note")} == {
        "from": "issued",
        "to": "registered",
        "on": "2026-11-21",
        "note": "回执已收",
    }
    assert not Person.objects.get(pk=world.person_a.pk).on_roll
    assert _offered(client, t) == set()


def test_a_date_before_the_letter_is_refused_and_changes_nothing(world, client):
    t = _letter_in(world)
    client.force_login(world.alice)
    logs, events = TransferLog.objects.count(), AuditEvent.objects.count()
    page = client.post(
        f"/relations/transfer/{t.pk}/status/", {"to": "returned", "on": "2026-11-01"}, follow=True
    ).content.decode()
    assert "日期不能早于开具日期" in page
    t.refresh_from_db()
    assert t.status == "issued"
    assert (TransferLog.objects.count(), AuditEvent.objects.count()) == (logs, events)


def test_internal_transfer_each_side_is_offered_its_own_steps_and_both_letters_move(world, client):
    it = internal.internal_transfer_issue(actor=world.alice, person=world.person_a, to_org=world.branch_b)
    client.force_login(world.alice)
    assert _offered(client, it.out_letter) == {"revoked"}
    client.force_login(world.charlie)
    assert _offered(client, it.in_letter) == {"registered", "returned"}
    events = AuditEvent.objects.filter(kind=KIND).count()
    client.post(f"/relations/transfer/{it.in_letter_id}/status/", {"to": "registered"})
    it.out_letter.refresh_from_db()
    it.in_letter.refresh_from_db()
    assert (it.out_letter.status, it.in_letter.status) == ("registered", "registered")
    for letter in (it.out_letter, it.in_letter):  # one log row per letter for the one step
        assert list(TransferLog.objects.filter(transfer=letter).values_list("status", flat=True)) == [
            "issued",
            "registered",
        ]
    new = AuditEvent.objects.filter(kind=KIND).order_by("id")[events:]
    assert sorted(e.data["internal"] for e in new) == [it.pk, it.pk]
    person = Person.objects.get(pk=world.person_a.pk)
    assert person.on_roll and person.org_id == world.branch_b.pk  # moved, not taken off the roll
    assert _offered(client, it.in_letter) == set()


def test_api_detail_lists_next_and_a_refused_move_changes_nothing(world, client):
    t = _letter_in(world)
    client.force_login(world.alice)
    url = f"/api/v1/relations/transfers/{t.pk}"
    body = client.get(url).json()
    assert {s["value"] for s in body["next"]} == LETTER["issued"]
    assert {s["label"] for s in body["next"]} == {"已报到（回执已收）", "已退回", "已作废"}
    r = client.post(f"{url}/status", {"to": "revoked"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "revoked"
    logs, events = TransferLog.objects.count(), AuditEvent.objects.count()
    r = client.post(f"{url}/status", {"to": "registered"}, content_type="application/json")
    assert r.status_code == 422
    assert "介绍信当前状态“已作废”不能改为该状态" in json.dumps(r.json(), ensure_ascii=False)
    assert (TransferLog.objects.count(), AuditEvent.objects.count()) == (logs, events)
    assert client.get(url).json()["next"] == []
    client.force_login(world.charlie)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "write",
    [
        lambda w, t: services.transfer_set_status(actor=w.charlie, transfer=t, to="revoked"),
        lambda w, t: services.transfer_receive(
            actor=w.charlie, org=w.branch_a, name="x", letter_no="y", other_org="z", issued_on=TODAY
        ),
        lambda w, t: services.transfer_issue(
            actor=w.charlie, org=w.branch_a, person=w.person_dave, letter_no="y", other_org="z", issued_on=TODAY
        ),
        lambda w, t: services.lost_contact_mark(actor=w.charlie, person=w.person_dave, since=TODAY),
        lambda w, t: services.mobile_start(
            actor=w.charlie, person=w.person_dave, whereabouts="深圳", contact="138", since=TODAY
        ),
        lambda w, t: services.member_suspend(actor=w.charlie, person=w.person_dave, on=TODAY),
        lambda w, t: services.survey_save(actor=w.charlie, org=w.branch_a, on=TODAY),
    ],
)
def test_every_write_service_checks_the_actors_scope(world, write):
    """charlie runs a branch of another bureau: the services refuse him themselves (404), not only the pages."""
    t = _letter_in(world)
    logs, events = TransferLog.objects.count(), AuditEvent.objects.count()
    with pytest.raises(Http404):
        write(world, t)
    t.refresh_from_db()
    assert t.status == "issued"
    assert (TransferLog.objects.count(), AuditEvent.objects.count()) == (logs, events)


def test_the_registered_table_is_mgmt04():
    from dangjian.core import workflow
    from dangjian.relations.models import Transfer

    assert {k: set(v) for k, v in workflow.workflow_of(Transfer).table.items()} == LETTER


def test_letter_lists_are_paged_fifty_a_page_each(world, client):
    for n in range(51):
        services.transfer_receive(
            actor=world.alice,
            org=world.branch_a,
            name=f"来人{n:02d}",
            letter_no=f"IN-{n}",
            other_org="外区",
            issued_on=TODAY,
        )
    client.force_login(world.alice)
    first = client.get("/relations/org/BRA/").content.decode()
    assert len(re.findall(r">来人\d\d</a>", first)) == 50 and "转入第 1 / 2 页（共 51 封）" in first
    assert "转出第" not in first  # no letters out: no pager there
    second = client.get("/relations/org/BRA/?in=2").content.decode()
    assert re.findall(r">来人\d\d</a>", second) == [">来人00</a>"]  # the same day: newest id first
