"""The scope matrix: each persona reaches exactly its part of the tree; outside it is 404."""

import pytest

from dangjian.accounts.scope import visible_org_ids
from dangjian.orgs.models import Org


def codes(user, **kw):
    return set(Org.objects.filter(id__in=visible_org_ids(user, **kw)).values_list("code", flat=True))


def test_bureau_officer_sees_whole_subtree_and_nothing_else(world):
    assert codes(world.bob) == {"BUREAU", "BRA", "BRA-G1"}


def test_secretary_sees_own_branch_and_groups(world):
    assert codes(world.alice) == {"BRA", "BRA-G1"}
    assert codes(world.charlie) == {"BRB"}


def test_member_reads_own_branch_but_manages_nothing(world):
    assert codes(world.dave) == {"BRA"}
    assert codes(world.dave, manage=True) == set()


def test_admin_sees_everything(world):
    assert codes(world.admin) == set(Org.objects.values_list("code", flat=True))


def page_urls(w):
    return {
        "org": "/orgs/BRA/",
        "org_edit": "/orgs/BRA/edit/",
        "roster": "/orgs/BRA/roster/",
        "person_new": "/orgs/BRA/people/new/",
        "person": f"/people/{w.person_a.pk}/",
        "person_edit": f"/people/{w.person_a.pk}/edit/",
        "person_leave": f"/people/{w.person_a.pk}/leave/",
    }


@pytest.mark.parametrize("name", ["org", "org_edit", "roster", "person_new", "person", "person_edit", "person_leave"])
def test_branch_a_pages_scope_matrix(world, client, name):
    url = page_urls(world)[name]
    for user, expected in ((world.alice, 200), (world.bob, 200), (world.charlie, 404)):
        client.force_login(user)
        assert client.get(url).status_code == expected, (user.username, url)
    client.force_login(world.dave)
    assert client.get(url).status_code == 404, ("dave", url)


def test_out_of_scope_write_is_404_and_changes_nothing(world, client):
    client.force_login(world.charlie)
    r = client.post(f"/people/{world.person_a.pk}/edit/", {"name": "篡改"})
    assert r.status_code == 404
    world.person_a.refresh_from_db()
    assert world.person_a.name == "王芳"


def test_member_sees_only_own_record(world, client):
    client.force_login(world.dave)
    assert client.get(f"/people/{world.person_dave.pk}/").status_code == 200
    assert client.get(f"/people/{world.person_a.pk}/").status_code == 404
    r = client.get("/me/")
    assert r.status_code == 200 and "丁伟" in r.content.decode()


def test_anonymous_is_sent_to_login(world, client):
    r = client.get("/orgs/BRA/roster/")
    assert r.status_code == 302 and "/login/" in r["Location"]
