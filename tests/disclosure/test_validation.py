"""党务公开 input checks on the server, the same for the page form and the API: a 公开期 that ends before it
starts, over-long texts, and publishing after the 公开期 has ended. Chinese messages naming the field; nothing saved."""

import pytest
from django.test import Client

from dangjian.disclosure import services
from dangjian.disclosure.models import DisclosureItem, DisclosureStatus, DisclosureStep, Message

ITEM = {
    "org": "BRA",
    "topic": "dues",
    "title": "2026年党费收缴情况",
    "content": "全体党员按月足额交纳。",
    "scope": "branch",
    "channel": "bulletin",
}
BACKWARDS = "公开截止日期（2026年12月1日）不能早于公开开始日期（2026年12月10日）"


@pytest.fixture
def alice(world):
    c = Client()
    c.force_login(world.alice)
    return c


def _api(client, body):
    return client.post("/api/v1/disclosure/items", body, content_type="application/json")


def test_api_refuses_a_period_that_ends_before_it_starts(alice):
    r = _api(alice, {**ITEM, "publish_from": "2026-12-10", "publish_until": "2026-12-01"})
    assert r.status_code == 422
    assert BACKWARDS in r.json()["detail"]
    assert [e["field"] for e in r.json()["errors"]] == ["publish_until"]
    assert not DisclosureItem.objects.exists()
    one_day = _api(alice, {**ITEM, "publish_from": "2026-12-10", "publish_until": "2026-12-10"})
    assert one_day.status_code == 201


def test_page_refuses_a_period_that_ends_before_it_starts(alice):
    r = alice.post("/disclosure/org/BRA/new/", {**ITEM, "publish_from": "2026-12-10", "publish_until": "2026-12-01"})
    assert r.status_code == 200 and BACKWARDS in r.content.decode()
    assert not DisclosureItem.objects.exists()


def test_content_of_ten_thousand_characters_is_refused_on_page_and_api(alice):
    long = "党" * 10_000
    r = _api(alice, {**ITEM, "content": long})
    assert r.status_code == 422
    assert "公开内容不能超过5000字（现有10000字）" in r.json()["detail"]
    assert r.json()["errors"][0]["field"] == "content"
    page = alice.post("/disclosure/org/BRA/new/", {**ITEM, "content": long})
    assert page.status_code == 200 and "公开内容不能超过5000字（现有10000字）" in page.content.decode()
    assert not DisclosureItem.objects.exists()
    assert _api(alice, {**ITEM, "content": "党" * 5000}).status_code == 201  # the limit itself is accepted


def test_title_over_200_characters_is_refused(alice):
    r = _api(alice, {**ITEM, "title": "题" * 201})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "title" and "200" in r.json()["detail"]
    page = alice.post("/disclosure/org/BRA/new/", {**ITEM, "title": "题" * 201})
    assert page.status_code == 200 and not DisclosureItem.objects.exists()


def test_long_feedback_note_and_reply_are_refused(world, alice):
    item = _api(alice, ITEM).json()
    r = alice.post(
        f"/api/v1/disclosure/items/{item['id']}/feedback", {"body": "意" * 10_000}, content_type="application/json"
    )
    assert r.status_code == 422 and "2000" in r.json()["detail"]
    r = alice.post(
        f"/api/v1/disclosure/items/{item['id']}/status",
        {"to": "rejected", "note": "否" * 301},
        content_type="application/json",
    )
    assert r.status_code == 422 and "意见不能超过300字（现有301字）" in r.json()["detail"]
    assert DisclosureItem.objects.get().status == DisclosureStatus.PROPOSED
    page = alice.post(f"/disclosure/item/{item['id']}/status/", {"to": "rejected", "note": "否" * 301}, follow=True)
    assert "意见不能超过300字" in page.content.decode()
    assert DisclosureStep.objects.count() == 1
    msg = services.message_send(actor=world.dave, org=world.branch_a, body="请公开党费使用情况")
    with pytest.raises(Exception, match="答复不能超过2000字"):
        services.message_reply(actor=world.alice, message=msg, reply="答" * 2001)
    assert Message.objects.get().reply == ""


@pytest.mark.today("2026-12-05")
def test_publishing_after_the_period_ended_is_refused(alice):
    item = _api(alice, {**ITEM, "publish_from": "2026-11-20", "publish_until": "2026-12-01"}).json()
    for to in ("reviewed", "approved"):
        assert (
            alice.post(
                f"/api/v1/disclosure/items/{item['id']}/status", {"to": to}, content_type="application/json"
            ).status_code
            == 200
        )
    r = alice.post(
        f"/api/v1/disclosure/items/{item['id']}/status", {"to": "published"}, content_type="application/json"
    )
    assert r.status_code == 422 and "公开期已于2026年12月1日截止，不能再公开" in r.json()["detail"]
    assert DisclosureItem.objects.get().status == DisclosureStatus.APPROVED
