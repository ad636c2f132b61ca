"""The org page shows the branch findings (BR-01/02/03) with their rule IDs."""

import datetime

from dangjian.orgs import services
from tests.conftest import add_person


def fill(org, n, start_seq=100):
    for i in range(n):
        add_person(org, f"党员{i}", seq=start_seq + i, birth=datetime.date(1970 + i % 20, 1 + i % 12, 1 + i % 27))


def test_seven_full_members_without_committee_is_an_error(world, client):
    fill(world.branch_a, 5)  # plus 王芳 and 丁伟 = 7 full members
    client.force_login(world.alice)
    html = client.get("/orgs/BRA/").content.decode()
    assert "BR-03" in html and "不符合" in html


def test_committee_clears_the_committee_finding(world, client):
    fill(world.branch_a, 5)
    people = list(world.branch_a.people.all()[:3])
    services.term_create(
        actor=world.alice,
        org=world.branch_a,
        started_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2028, 1, 1),
        posts=[(people[0], "secretary"), (people[1], "organization_officer"), (people[2], "publicity_officer")],
    )
    client.force_login(world.alice)
    html = client.get("/orgs/BRA/").content.decode()
    assert "BR-03" not in html
    assert "书记" in html


def test_more_than_fifty_members_is_a_warning(world, client):
    fill(world.branch_a, 50)
    client.force_login(world.bob)
    html = client.get("/orgs/BRA/").content.decode()
    assert "BR-02" in html and "提醒" in html


def test_moving_an_org_keeps_history_and_rewrites_subtree(world):
    new_parent = services.org_create(
        actor=world.admin, kind="general_branch", name="飞龙中学党总支", code="FLZZ", parent=world.bureau
    )
    services.org_move(actor=world.admin, org=world.branch_a, new_parent=new_parent)
    world.group_a.refresh_from_db()
    assert world.group_a.path.startswith(new_parent.path)
    from dangjian.core.audit import history

    ev = history(world.branch_a).first()
    assert ev.kind == "org.move" and ev.data["changes"]["parent"] == ["江北区教育局党委", "飞龙中学党总支"]
