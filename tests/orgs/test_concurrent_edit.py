"""Two officers edit one org at once (issue 18 item 4): the org edit page and PATCH /api/v1/orgs/{code}."""

import json

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.core import versioning
from dangjian.core.audit import history
from dangjian.orgs import services
from dangjian.orgs.models import Org
from tests.api.helpers import cli_token
from tests.html_form import form_data

STALE = "该记录已被他人修改，请刷新后重试"


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_second_page_edit_of_an_org_is_refused_with_the_first_ones_values(world):
    alice, bob = _client(world.alice), _client(world.bob)
    form_a = form_data(alice.get("/orgs/BRA/edit/").content, containing="version", unit="飞龙中学（初中部）")
    form_b = form_data(bob.get("/orgs/BRA/edit/").content, containing="version", short_name="飞龙支部")
    assert alice.post("/orgs/BRA/edit/", form_a).status_code == 302
    r = bob.post("/orgs/BRA/edit/", form_b)
    assert r.status_code == 409 and STALE in r.content.decode()
    shown = form_data(r.content, containing="version")
    assert shown["unit"] == "飞龙中学（初中部）" and shown["short_name"] == ""
    org = Org.objects.get(code="BRA")
    assert (org.unit, org.short_name) == ("飞龙中学（初中部）", "")
    assert history(org).first().actor == world.alice
    assert bob.post("/orgs/BRA/edit/", dict(shown, short_name="飞龙支部")).status_code == 302
    org.refresh_from_db()
    assert (org.unit, org.short_name) == ("飞龙中学（初中部）", "飞龙支部")
    assert history(org).first().actor == world.bob


def _api(client, method, url, user, body=None, **headers):
    kw = {"headers": {"Authorization": f"Bearer {cli_token(user.username)}", **headers}}
    if body is not None:
        kw.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method.lower())(url, **kw)


def test_org_patch_with_a_stale_if_match_is_409(world, client):
    etag = _api(client, "GET", "/api/v1/orgs/BRA", world.alice)["ETag"]
    assert _api(client, "GET", "/api/v1/orgs/BRA", world.bob)["ETag"] == etag
    ok = _api(client, "PATCH", "/api/v1/orgs/BRA", world.bob, {"unit": "飞龙中学（初中部）"}, **{"If-Match": etag})
    assert ok.status_code == 200 and ok["ETag"] != etag
    late = _api(client, "PATCH", "/api/v1/orgs/BRA", world.alice, {"short_name": "飞龙支部"}, **{"If-Match": etag})
    assert late.status_code == 409 and late.json()["detail"] == STALE
    org = Org.objects.get(code="BRA")
    assert org.short_name == "" and history(org).first().actor == world.bob
    # Without If-Match (older clients) the edit is accepted and touches only what it names.
    r = _api(client, "PATCH", "/api/v1/orgs/BRA", world.alice, {"short_name": "飞龙支部"})
    assert r.status_code == 200 and r.json()["unit"] == "飞龙中学（初中部）"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 2), st.text("甲乙丙丁", min_size=1, max_size=4)), min_size=1, max_size=6))
def test_law_an_edit_lands_iff_made_from_the_current_version(world, edits):
    """Whatever the order of fresh and stale edits: each lands exactly when its version is the current one,
    a landed edit moves the version on by one, and a refused one changes nothing."""
    for behind, unit in edits:
        org = Org.objects.get(code="BRA")
        before = (org.version, org.unit)
        try:
            services.org_update(actor=world.alice, org=org, version=org.version - behind, unit=unit)
            landed = True
        except versioning.StaleEdit:
            landed = False
        after = Org.objects.get(code="BRA")
        assert landed == (behind == 0)
        assert (after.version, after.unit) == ((before[0] + 1, unit) if landed else before)
