"""dangjian scale-data at a small size: a valid tree, valid people, working logins."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dangjian.lib import idcard
from dangjian.lib.strokes import stroke_key
from dangjian.members.validation import check_person
from dangjian.orgs.models import BRANCH_KINDS, Org
from tests.gb11643 import congruent


@pytest.fixture
def small(db):
    call_command("scale-data", branches=5, members=200, verbosity=0)
    return Org.objects.get(code="SC")


def test_tree_has_the_requested_branches_under_one_root_with_consistent_paths(small):
    orgs = {o.pk: o for o in Org.objects.filter(path__startswith=small.path)}
    assert small.kind == "committee" and small.parent_id is None and small.name.endswith("教育工委")
    assert sum(1 for o in orgs.values() if o.kind in BRANCH_KINDS) == 5
    assert any(o.kind == "committee" and o.parent_id == small.pk for o in orgs.values())  # district bureaus
    for org in orgs.values():
        expected = (orgs[org.parent_id].path if org.parent_id else "/") + f"{org.pk}/"
        assert org.path == expected
        assert org.depth == expected.count("/") - 2
        assert org.bureau_id == small.pk
        org.full_clean()  # kinds sit under allowed parents, codes unique


def test_every_person_is_valid_and_sits_in_a_branch(small):
    from dangjian.members.models import Person

    people = list(Person.objects.filter(bureau=small).select_related("org", "group"))
    assert len(people) == 200
    assert len({p.id_number for p in people}) == 200
    for p in people:
        info = idcard.parse(p.id_number)
        assert congruent(p.id_number), p.id_number  # GB 11643 check digit, checked independently
        assert (info.birth_date, info.gender) == (p.birth_date, p.gender)
        assert p.org.kind in BRANCH_KINDS and p.org.path.startswith(small.path)
        assert p.group is None or p.group.parent_id == p.org_id
        assert p.stroke_key == stroke_key(p.name) and p.pinyin
        values = {f.name: getattr(p, f.name) for f in Person._meta.fields}
        assert check_person(values) == [], (p.name, check_person(values))
    statuses = {p.status for p in people}
    assert "full_member" in statuses and len(statuses) >= 3
    assert {p.gender for p in people} == {"male", "female"}


def test_city_officer_sees_every_member_in_the_root_roster(small, client):
    from dangjian.core.models import AuditEvent

    assert client.login(username="sc-city", password="pw-scale")
    page = client.get(f"/orgs/{small.code}/roster/")
    assert page.status_code == 200
    on_roll = small.people.model.objects.filter(bureau=small, on_roll=True).count()
    assert f'<span id="roster-total">{on_roll}</span>' in page.content.decode()
    assert AuditEvent.objects.filter(kind="scale.generate", org=small).count() == 1
    assert AuditEvent.objects.count() == 1  # no per-row audit


def test_secretary_is_scoped_to_her_branch(small, client):
    assert client.login(username="sc-secretary", password="pw-scale")
    assert client.get(f"/orgs/{small.code}/roster/").status_code == 404


def test_same_prefix_twice_is_refused(small):
    with pytest.raises(CommandError, match="前缀"):
        call_command("scale-data", branches=2, members=10, verbosity=0)
    call_command("scale-data", branches=2, members=10, prefix="SD", verbosity=0)
    assert Org.objects.filter(code="SD").exists()


def test_roster_pages_match_the_full_stroke_order(small, client):
    """The roster reads a page's ids first (deferred join); pages must equal slices of the full order."""
    from django.contrib.auth.models import User

    from dangjian.members.selectors import roster

    user = User.objects.get(username="sc-city")
    everyone = [p.pk for p in roster(user, small).iterator()]
    assert len(everyone) == small.people.model.objects.filter(bureau=small, on_roll=True).count()
    assert [p.pk for p in roster(user, small)[50:100]] == everyone[50:100]
    client.login(username="sc-city", password="pw-scale")
    second = client.get(f"/orgs/{small.code}/roster/?page=2").content.decode()
    first_on_page_2 = small.people.model.objects.get(pk=everyone[50])
    assert first_on_page_2.name in second
