"""Two officers record on one development case at once (issue 18 item 4): the second, made from the page or
with the ETag read before the first, is refused; nothing is recorded twice."""

import json

from django.test import Client

from dangjian.recruitment.models import CaseStep
from tests.api.helpers import cli_token
from tests.html_form import form_data

from .conftest import D

STALE = "该记录已被他人修改，请刷新后重试"


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _steps(case, code):
    return CaseStep.objects.filter(case=case, code=code).count()


def test_second_step_recorded_from_a_stale_case_page_is_refused(world, open_case):
    case = open_case(applied=D(2026, 10, 8))
    url = f"/recruitment/cases/{case.pk}/?step=application_talk"
    alice, bob = _client(world.alice), _client(world.bob)
    form_a = form_data(alice.get(url).content, containing="version", date="2026-10-20")
    form_b = form_data(bob.get(url).content, containing="version", date="2026-10-21")
    assert form_a["code"] == form_b["code"] == "application_talk"
    assert alice.post(url, form_a).status_code == 302
    r = bob.post(url, form_b)
    assert r.status_code == 409 and STALE in r.content.decode()
    assert _steps(case, "application_talk") == 1
    assert CaseStep.objects.get(case=case, code="application_talk").actor == world.alice
    # The page shown again is the case as it is now (alice's talk listed), carrying its current version.
    page = r.content.decode()
    assert "2026-10-20" in page
    case.refresh_from_db()
    assert form_data(page, containing="version")["version"] == str(case.version)


def test_void_from_a_stale_page_is_refused(world, open_case):
    case = open_case(applied=D(2026, 10, 8))
    alice = _client(world.alice)
    page = alice.get(f"/recruitment/cases/{case.pk}/?step=application_talk").content
    assert (
        alice.post(
            f"/recruitment/cases/{case.pk}/", form_data(page, containing="version", date="2026-10-20")
        ).status_code
        == 302
    )
    step = CaseStep.objects.get(case=case, code="application_talk")
    stale_version = case.version  # the version the earlier page showed
    r = alice.post(f"/recruitment/steps/{step.pk}/void/", {"reason": "日期有误", "version": stale_version}, follow=True)
    assert STALE in r.content.decode()
    assert not CaseStep.objects.filter(voids=step).exists()


def _api(client, method, url, user, body=None, **headers):
    kw = {"headers": {"Authorization": f"Bearer {cli_token(user.username)}", **headers}}
    if body is not None:
        kw.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method.lower())(url, **kw)


def test_api_step_with_stale_if_match_is_409(world, open_case, client):
    case = open_case(applied=D(2026, 10, 8))
    url = f"/api/v1/recruitment/cases/{case.pk}"
    etag = _api(client, "GET", url, world.alice)["ETag"]
    body = {"code": "application_talk", "date": "2026-10-20", "data": {}}
    first = _api(client, "POST", url + "/steps", world.alice, body, **{"If-Match": etag})
    assert first.status_code == 201 and first["ETag"] != etag
    second = _api(client, "POST", url + "/steps", world.bob, dict(body, date="2026-10-21"), **{"If-Match": etag})
    assert second.status_code == 409 and second.json()["detail"] == STALE
    assert _steps(case, "application_talk") == 1
