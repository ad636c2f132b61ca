"""The API of issue 8 (disclosure, relations, elections, archive): alice works on BRA; charlie (another bureau)
gets 404 and changes nothing; no token → 401."""

import pytest
from django.utils import timezone

from dangjian.archive.models import Document
from dangjian.disclosure.models import DisclosureItem
from dangjian.elections.models import Election
from dangjian.relations.models import Transfer
from tests.api.helpers import call

TODAY = timezone.localdate()


def endpoints(w):
    return {
        "disclosure_create": (
            "POST",
            "/api/v1/disclosure/items",
            {"org": "BRA", "topic": "dues", "title": "党费公示", "content": "上半年党费", "scope": "branch"},
        ),
        "disclosure_list": ("GET", "/api/v1/disclosure/items?org=BRA", None),
        "messages": ("GET", "/api/v1/disclosure/messages?org=BRA", None),
        "transfer_out": (
            "POST",
            "/api/v1/relations/transfers/out",
            {"person_id": w.person_a.pk, "letter_no": "ZZ-1", "other_org": "外区", "issued_on": TODAY.isoformat()},
        ),
        "transfer_in": (
            "POST",
            "/api/v1/relations/transfers/in",
            {"org": "BRA", "name": "新来", "letter_no": "ZR-1", "other_org": "外区", "issued_on": TODAY.isoformat()},
        ),
        "transfers": ("GET", "/api/v1/relations/transfers?org=BRA", None),
        "pocket": ("GET", "/api/v1/relations/pocket?org=BRA", None),
        "survey": ("GET", "/api/v1/relations/survey?org=BRA", None),
        "elections": ("GET", "/api/v1/elections/?org=BRA", None),
        "election_create": (
            "POST",
            "/api/v1/elections/",
            {"org": "BRA", "held_on": TODAY.isoformat(), "seats": 1, "candidate_ids": [w.person_a.pk]},
        ),
        "documents": ("GET", f"/api/v1/archive/documents?org=BRA&year={TODAY.year}", None),
        "document_create": (
            "POST",
            "/api/v1/archive/documents",
            {"org": "BRA", "category": "outgoing", "title": "支部工作计划", "date": TODAY.isoformat()},
        ),
        "catalog": ("GET", f"/api/v1/archive/catalog?org=BRA&year={TODAY.year}", None),
    }


def counts():
    return tuple(m.objects.count() for m in (DisclosureItem, Transfer, Election, Document))


@pytest.mark.parametrize(
    "name",
    [
        "disclosure_create",
        "disclosure_list",
        "messages",
        "transfer_out",
        "transfer_in",
        "transfers",
        "pocket",
        "survey",
        "elections",
        "election_create",
        "documents",
        "document_create",
        "catalog",
    ],
)
def test_scope(world, client, name):
    method, url, body = endpoints(world)[name]
    before = counts()
    r = call(client, method, url, world.charlie, body)
    assert r.status_code == 404, (name, r.content)
    assert "王芳" not in r.content.decode()
    assert call(client, method, url, None, body).status_code == 401
    assert counts() == before
    r = call(client, method, url, world.alice, body)
    assert r.status_code == (201 if method == "POST" else 200), (name, r.content)


def test_service_errors_are_chinese_422(world, client):
    r = call(
        client,
        "POST",
        "/api/v1/elections/",
        world.alice,
        {
            "org": "BRA",
            "held_on": TODAY.isoformat(),
            "seats": 2,
            "candidate_ids": [world.person_a.pk, world.person_dave.pk],
        },
    )
    assert r.status_code == 422 and "差额" in r.content.decode()


def test_openapi_lists_the_new_routes(world, client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/relations/survey" in paths and "/api/v1/disclosure/public" in paths
