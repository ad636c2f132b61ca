"""/api/v1/members/{id}: ETag on GET, If-Match on PATCH; a stale edit is 409 and changes nothing; the audit
row names the caller whose change was saved (issue 18 item 4)."""

import json

from dangjian.core.audit import history
from dangjian.members.models import Person

from .helpers import cli_token

STALE = "该记录已被他人修改，请刷新后重试"


def _req(client, method, url, user, body=None, **headers):
    kw = {"headers": {"Authorization": f"Bearer {cli_token(user.username)}", **headers}}
    if body is not None:
        kw.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method.lower())(url, **kw)


def test_two_officers_patch_from_the_same_etag_one_gets_409(world, client):
    url = f"/api/v1/members/{world.person_a.pk}"
    etag_alice = _req(client, "GET", url, world.alice)["ETag"]
    etag_bob = _req(client, "GET", url, world.bob)["ETag"]
    assert etag_alice == etag_bob == '"1"'

    first = _req(client, "PATCH", url, world.alice, {"post": "教研组长"}, **{"If-Match": etag_alice})
    assert first.status_code == 200 and first["ETag"] == '"2"' and first.json()["post"] == "教研组长"
    second = _req(client, "PATCH", url, world.bob, {"phone": "13912345678"}, **{"If-Match": etag_bob})
    assert second.status_code == 409 and second.json() == {"detail": STALE}

    person = Person.objects.get(pk=world.person_a.pk)
    assert (person.post, person.phone) == ("教研组长", "")
    assert history(person).first().actor == world.alice

    # Bob reads again and retries with the fresh ETag: both changes stand, the row names bob.
    fresh = _req(client, "GET", url, world.bob)
    assert fresh["ETag"] == '"2"' and fresh.json()["post"] == "教研组长"
    retry = _req(client, "PATCH", url, world.bob, {"phone": "13912345678"}, **{"If-Match": fresh["ETag"]})
    assert retry.status_code == 200 and retry.json()["post"] == "教研组长"
    last = history(person).first()
    assert last.actor == world.bob and last.data["changes"] == {"phone": ["", "13912345678"]}


def test_patch_without_if_match_is_allowed_and_keeps_the_other_change(world, client):
    """Older clients send no If-Match: accepted, and the PATCH changes only the fields it names."""
    url = f"/api/v1/members/{world.person_a.pk}"
    assert _req(client, "PATCH", url, world.alice, {"post": "教研组长"}).status_code == 200
    r = _req(client, "PATCH", url, world.bob, {"phone": "13912345678"})
    assert r.status_code == 200 and r.json()["post"] == "教研组长" and r["ETag"] == '"3"'


def test_weak_and_garbled_if_match(world, client):
    url = f"/api/v1/members/{world.person_a.pk}"
    assert _req(client, "PATCH", url, world.alice, {"post": "A"}, **{"If-Match": 'W/"1"'}).status_code == 200
    r = _req(client, "PATCH", url, world.alice, {"post": "B"}, **{"If-Match": "abc"})
    assert r.status_code == 409 and r.json()["detail"] == STALE
    assert Person.objects.get(pk=world.person_a.pk).post == "A"
