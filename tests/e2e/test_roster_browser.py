"""A secretary adds a member through the form and finds them in the roster; a member on a phone sees only their own record."""

from playwright.sync_api import expect

from tests.e2e.conftest import login_as


def test_secretary_adds_member_and_finds_it_in_roster(page, world):
    login_as(page, "alice")
    page.goto(page.base + "/orgs/BRA/people/new/")
    page.fill("#id_name", "周敏")
    page.select_option("#id_gender", "female")
    page.fill("#id_birth_date", "1988-09-10")
    page.fill("#id_id_number", "330203198809100026")
    page.select_option("#id_status", "full_member")
    page.fill("#id_join_date", "2012-07-01")
    page.fill("#id_confirmation_date", "2013-07-01")
    page.select_option("#id_category", "employed")
    page.click("button[type=submit]")
    page.wait_for_url("**/orgs/BRA/roster/")
    assert page.locator("#roster").get_by_text("周敏").count() == 1
    assert page.evaluate("typeof htmx") == "object"
    page.fill("input[name=q]", "zhoumin")
    rows = page.locator("#roster-body tr")
    expect(rows).to_have_count(1)
    assert "周敏" in rows.first.inner_text()


def test_bad_id_number_shows_reason_and_adds_nobody(page, world):
    from dangjian.members.models import Person

    before = Person.objects.count()
    login_as(page, "alice")
    page.goto(page.base + "/orgs/BRA/people/new/")
    page.fill("#id_name", "错号")
    page.select_option("#id_gender", "female")
    page.fill("#id_birth_date", "1988-09-10")
    page.fill("#id_id_number", "330203198809100027")
    page.select_option("#id_status", "full_member")
    page.fill("#id_join_date", "2012-07-01")
    page.fill("#id_confirmation_date", "2013-07-01")
    page.click("button[type=submit]")
    assert "校验码错误" in page.locator(".field-error").first.inner_text()
    assert Person.objects.count() == before


def test_member_on_phone_sees_only_own_record(phone_page, world):
    login_as(phone_page, "dave")
    assert "丁伟" in phone_page.locator("#person-record").inner_text() or "丁伟" in phone_page.content()
    phone_page.goto(phone_page.base + f"/people/{world.person_a.pk}/")
    assert "王芳" not in phone_page.content()
    r = phone_page.goto(phone_page.base + "/orgs/BRA/roster/")
    assert r.status == 404
