"""Issue 17: a transfer between two branches of this system, through the API, the way two secretaries work it.

A's secretary 转出 the member to branch B; the member stays on A's roll (MGMT-04: the old organisation stays
responsible until the new one accepts) and shows at B as 待接收; B's secretary 接收 on a day D, and from D the
same person record is on B's roll (A's roll of any earlier day still counts them; the move is in the history
and the audit log). Each side sees only its part; outside both sides it is 404. A bureau officer moves a
person between two branches it manages with PATCH /members/{id} {"org": ...}.
"""

import datetime

import pytest

from dangjian.members import roll
from dangjian.members.models import Person, RollSpan
from dangjian.relations.models import Transfer
from tests.api.helpers import call

D = datetime.date
API = "/api/v1/members"


def _on_roll(org, day):
    return set(roll.people_on(org, day).values_list("name", flat=True))


def test_transfer_out_then_accept_moves_the_same_record_and_keeps_the_history(world, client):
    wang = world.person_a
    r = call(
        client,
        "POST",
        f"{API}/{wang.pk}/transfer",
        world.alice,
        {"to_org": "BRB", "issued_on": "2026-11-10", "note": "调往昆山二中任教"},
    )
    assert r.status_code == 201, r.content
    t = r.json()
    assert t["status"] == "issued" and t["status_zh"] == "待接收" and t["sides"] == ["out"]
    assert (t["from_org"]["code"], t["to_org"]["code"]) == ("BRA", "BRB")

    # Until B accepts, the member is A's: on A's roll, A's secretary still sees the record, B does not.
    assert call(client, "GET", f"{API}/{wang.pk}", world.alice).status_code == 200
    assert call(client, "GET", f"{API}/{wang.pk}", world.charlie).status_code == 404
    assert "王芳" in _on_roll(world.branch_a, D(2026, 11, 22))

    # B's secretary finds it among the incoming ones, with what B needs to know about the person.
    r = call(client, "GET", f"{API}/transfers?direction=in", world.charlie)
    assert r.status_code == 200
    [incoming] = r.json()
    assert incoming["id"] == t["id"] and incoming["sides"] == ["in"]
    assert incoming["person"]["name"] == "王芳" and incoming["person"]["status"] == "full_member"
    assert incoming["person"]["id_number"].count("*") == 8  # masked for a branch secretary
    assert call(client, "GET", f"{API}/transfers?direction=in", world.alice).json() == []

    # Each side does only its own step.
    r = call(client, "POST", f"{API}/transfers/{t['id']}/accept", world.alice, {"on": "2026-11-15"})
    assert r.status_code == 403
    r = call(client, "POST", f"{API}/transfers/{t['id']}/revoke", world.charlie, {})
    assert r.status_code == 403

    r = call(client, "POST", f"{API}/transfers/{t['id']}/accept", world.charlie, {"on": "2026-11-15"})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "registered" and r.json()["done_on"] == "2026-11-15"

    # One record, now B's; no duplicate person was created.
    assert Person.objects.filter(name="王芳").count() == 1
    r = call(client, "GET", f"{API}/{wang.pk}", world.charlie)
    assert r.status_code == 200 and r.json()["org_code"] == "BRB" and r.json()["group_code"] is None
    assert call(client, "GET", f"{API}/{wang.pk}", world.alice).status_code == 404
    # The roll of each day: A's until 11-14, B's from 11-15 (the acceptance day).
    assert "王芳" in _on_roll(world.branch_a, D(2026, 11, 14))
    assert "王芳" not in _on_roll(world.branch_a, D(2026, 11, 15))
    assert "王芳" in _on_roll(world.branch_b, D(2026, 11, 15))
    assert "王芳" not in _on_roll(world.branch_b, D(2026, 11, 14))
    spans = list(RollSpan.objects.filter(person=wang).order_by("id").values_list("org__code", "end", "start"))
    assert spans == [("BRA", D(2026, 11, 15), None), ("BRB", None, D(2026, 11, 15))]

    # The move is in the person's history (B reads it) and both letters are closed (each side lists its own).
    r = call(client, "GET", f"{API}/{wang.pk}/history", world.charlie)
    moves = [c for e in r.json() for c in e["changes"] if c["field"] == "org"]
    assert moves and moves[0]["old"] == "飞龙中学党支部" and moves[0]["new"] == "昆山二中第一支部"
    out = call(client, "GET", "/api/v1/relations/transfers?org=BRA&direction=out", world.alice).json()["items"]
    inn = call(client, "GET", "/api/v1/relations/transfers?org=BRB&direction=in", world.charlie).json()["items"]
    assert [x["status"] for x in out] == ["registered"] and [x["status"] for x in inn] == ["registered"]
    assert Person.objects.get(pk=wang.pk).on_roll  # a move, not a leave

    from dangjian.core.models import AuditEvent

    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {"relations.internal_transfer", "person.org", "relations.transfer_status"} <= kinds


def test_returned_transfer_leaves_the_member_where_they_were(world, client):
    wang = world.person_a
    t = call(client, "POST", f"{API}/{wang.pk}/transfer", world.alice, {"to_org": "BRB"}).json()
    r = call(client, "POST", f"{API}/transfers/{t['id']}/return", world.charlie, {"reason": ""})
    assert r.status_code == 422 and "退回原因" in r.json()["detail"]
    r = call(client, "POST", f"{API}/transfers/{t['id']}/return", world.charlie, {"reason": "本校无对应岗位"})
    assert r.status_code == 200 and r.json()["status"] == "returned"
    wang.refresh_from_db()
    assert wang.org == world.branch_a and wang.on_roll
    r = call(client, "POST", f"{API}/transfers/{t['id']}/accept", world.charlie, {})
    assert r.status_code == 422 and "已退回" in r.json()["detail"]
    # Returned: A may transfer the member again.
    assert call(client, "POST", f"{API}/{wang.pk}/transfer", world.alice, {"to_org": "BRB"}).status_code == 201


def test_sender_withdraws_before_acceptance_and_cannot_send_twice(world, client):
    wang = world.person_a
    t = call(client, "POST", f"{API}/{wang.pk}/transfer", world.alice, {"to_org": "BRB"}).json()
    r = call(client, "POST", f"{API}/{wang.pk}/transfer", world.alice, {"to_org": "BRB"})
    assert r.status_code == 422 and "未办结的转出介绍信" in r.json()["detail"]
    r = call(client, "POST", f"{API}/transfers/{t['id']}/revoke", world.alice, {"note": "调动取消"})
    assert r.status_code == 200 and r.json()["status"] == "revoked"
    assert call(client, "GET", f"{API}/transfers?direction=in&status=issued", world.charlie).json() == []
    assert Person.objects.get(pk=wang.pk).org == world.branch_a


def test_bad_transfer_input_is_a_chinese_422_and_changes_nothing(world, client):
    wang = world.person_a
    before = Transfer.objects.count()
    cases = [
        ({"to_org": "NOPE"}, "转入支部（组织代码）：组织代码“NOPE”不存在"),
        ({"to_org": "BUREAU"}, "不是党支部"),
        ({"to_org": "BRA"}, "已在飞龙中学党支部"),
        ({"to_org": "BRB", "issued_on": "2026-12-01"}, "开具日期不能晚于今天"),
        ({"to_org": "BRB", "valid_days": 0}, "有效期（天）：不能小于 1"),
        ({"to_org": "BRB", "org": "BRB"}, "未知字段：org"),
    ]
    for body, message in cases:
        r = call(client, "POST", f"{API}/{wang.pk}/transfer", world.alice, body)
        assert r.status_code == 422 and message in r.json()["detail"], (body, r.json())
    assert Transfer.objects.count() == before


def test_transfers_are_scoped(world, client):
    from django.contrib.auth.models import User

    from dangjian.accounts.models import RoleAssignment
    from dangjian.orgs.services import org_create

    other = org_create(actor=world.admin, kind="branch", name="昆山三中支部", code="BRK", parent=world.other_bureau)
    eve = User.objects.create_user("eve", "", "pw-eve")
    RoleAssignment.objects.create(user=eve, org=other, role="secretary")
    # Another branch's secretary cannot transfer A's member out (404, as for any record outside scope).
    assert (
        call(client, "POST", f"{API}/{world.person_a.pk}/transfer", world.charlie, {"to_org": "BRB"}).status_code == 404
    )
    t = call(client, "POST", f"{API}/{world.person_a.pk}/transfer", world.alice, {"to_org": "BRB"}).json()
    for user in (eve, world.dave):
        assert call(client, "GET", f"{API}/transfers/{t['id']}", user).status_code == 404
        assert call(client, "POST", f"{API}/transfers/{t['id']}/accept", user, {}).status_code == 404
        assert call(client, "GET", f"{API}/transfers", user).json() == []
    assert call(client, "GET", f"{API}/transfers/{t['id']}", world.alice).json()["sides"] == ["out"]
    assert call(client, "GET", f"{API}/transfers/{t['id']}", world.charlie).json()["sides"] == ["in"]
    # The bureau officer above A sees A's side only; the administrator both.
    assert call(client, "GET", f"{API}/transfers/{t['id']}", world.bob).json()["sides"] == ["out"]
    assert call(client, "GET", f"{API}/transfers/{t['id']}", world.admin).json()["sides"] == ["in", "out"]


def test_bureau_moves_a_person_between_its_branches_with_patch_org(world, client):
    from dangjian.orgs.services import org_create

    org_create(actor=world.admin, kind="branch", name="飞龙小学党支部", code="BRC", parent=world.bureau)
    wang = world.person_a
    r = call(client, "PATCH", f"{API}/{wang.pk}", world.bob, {"org": "BRC", "effective": "2026-11-01"})
    assert r.status_code == 200, r.content
    assert r.json()["org_code"] == "BRC" and r.json()["group_code"] is None
    spans = list(RollSpan.objects.filter(person=wang).order_by("id").values_list("org__code", "start", "end"))
    assert spans == [("BRA", None, D(2026, 11, 1)), ("BRC", D(2026, 11, 1), None)]

    # A secretary cannot move a member to a branch outside their scope: 422 pointing at the transfer.
    dave = world.person_dave
    r = call(client, "PATCH", f"{API}/{dave.pk}", world.alice, {"org": "BRB"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["label"] == "所在支部（组织代码）" and "组织关系转接" in r.json()["detail"]
    assert Person.objects.get(pk=dave.pk).org == world.branch_a


@pytest.mark.parametrize("to", ["registered", "returned", "revoked"])
def test_the_letter_buttons_on_the_relations_api_follow_the_same_flow(world, client, to):
    """The existing letter endpoint on an internal letter: B's 报到 is the acceptance, A's 作废 the withdrawal;
    the wrong side is refused."""
    t = call(client, "POST", f"{API}/{world.person_a.pk}/transfer", world.alice, {"to_org": "BRB"}).json()
    right, wrong = ((world.charlie, t["in_letter_id"]), (world.alice, t["out_letter_id"]))
    if to == "revoked":
        right, wrong = ((world.alice, t["out_letter_id"]), (world.charlie, t["in_letter_id"]))
    r = call(client, "POST", f"/api/v1/relations/transfers/{wrong[1]}/status", wrong[0], {"to": to, "note": "x"})
    assert r.status_code == 422
    r = call(client, "POST", f"/api/v1/relations/transfers/{right[1]}/status", right[0], {"to": to, "note": "原因"})
    assert r.status_code == 200, r.content
    assert call(client, "GET", f"{API}/transfers/{t['id']}", world.admin).json()["status"] == to
    wang = Person.objects.get(pk=world.person_a.pk)
    assert (wang.org == world.branch_b) == (to == "registered") and wang.on_roll


def test_the_pages_do_the_same_transfer(world, client):
    """The person page's 转到其他支部 form (A's secretary), B's 待办 and its letter page's 接收 button."""
    wang = world.person_a
    client.force_login(world.alice)
    page = client.get(f"/people/{wang.pk}/").content.decode()
    assert f"/relations/person/{wang.pk}/transfer/" in page and "转到其他支部" in page
    form = client.get(f"/relations/person/{wang.pk}/transfer/").content.decode()
    assert "昆山二中第一支部（BRB）" in form and "飞龙中学党支部（BRA）" not in form
    r = client.post(
        f"/relations/person/{wang.pk}/transfer/",
        {"to_org": "BRB", "issued_on": "2026-11-10", "valid_days": "30", "note": ""},
    )
    assert r.status_code == 302
    out_letter = Transfer.objects.get(direction="out", person=wang)
    assert r["Location"] == f"/relations/transfer/{out_letter.pk}/"
    assert "对方支部接收前仍在本支部花名册" in client.get(r["Location"]).content.decode()

    client.force_login(world.charlie)
    from dangjian.relations.todos import todos_for

    [todo] = [t for t in todos_for(world.charlie, D(2026, 11, 22)) if "待接收" in t["title_zh"]]
    assert todo["title_zh"] == "王芳由飞龙中学党支部转入本支部，待接收"
    letter = client.get(todo["url"]).content.decode()
    assert "接收" in letter and "由飞龙中学党支部转往昆山二中第一支部" in letter
    r = client.post(todo["url"] + "status/", {"to": "registered", "on": "2026-11-12", "note": ""})
    assert r.status_code == 302
    wang.refresh_from_db()
    assert wang.org == world.branch_b
    assert "王芳" in client.get("/orgs/BRB/roster/").content.decode()
    person_page = client.get(f"/people/{wang.pk}/").content.decode()
    assert "组织关系变动" in person_page and "系统内组织关系转出" in person_page
    assert not [t for t in todos_for(world.charlie, D(2026, 11, 22)) if "待接收" in t["title_zh"]]


_seq = iter(range(200, 480))


@pytest.mark.django_db
def test_law_the_accepted_day_splits_the_roll_between_the_two_branches(world, django_db_blocker):
    """For any issue day I and acceptance day D (I <= D <= today): on every day before D the member is on
    A's roll and not B's, from D on on B's and not A's — never on both, never on neither."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from dangjian.relations import internal
    from tests.conftest import add_person

    today = D(2026, 11, 22)

    @settings(max_examples=15, derandomize=True, database=None, deadline=None)
    @given(issue_back=st.integers(0, 400), accept_after=st.integers(0, 400))
    def law(issue_back, accept_after):
        issued = today - datetime.timedelta(days=issue_back)
        accepted = min(today, issued + datetime.timedelta(days=accept_after))
        person = add_person(world.branch_a, "轮转", actor=world.admin, seq=next(_seq), birth=D(1980, 2, 2))
        it = internal.internal_transfer_issue(actor=world.alice, person=person, to_org=world.branch_b, issued_on=issued)
        internal.internal_transfer_accept(actor=world.charlie, it=it, on=accepted)
        for day in {
            issued - datetime.timedelta(days=1),
            issued,
            accepted - datetime.timedelta(days=1),
            accepted,
            today,
        }:
            on_a = roll.people_on(world.branch_a, day).filter(pk=person.pk).exists()
            on_b = roll.people_on(world.branch_b, day).filter(pk=person.pk).exists()
            assert (on_a, on_b) == ((True, False) if day < accepted else (False, True)), (issued, accepted, day)

    law()
