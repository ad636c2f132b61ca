"""In a real browser (CSP on, no inline scripts): the person page shows a masked 身份证号 until "显示" is clicked;
the click swaps the full number in and is written to the audit log; a secretary downloads the person's data."""

from playwright.sync_api import expect

from tests.e2e.conftest import login_as


def test_show_button_reveals_the_number_in_place_and_is_audited(page, world):
    from dangjian.core.models import AuditEvent

    number = world.person_a.id_number
    masked = number[:6] + "********" + number[-4:]
    login_as(page, "bob")  # bureau officer with the ID permission
    page.goto(page.base + f"/people/{world.person_a.pk}/")
    assert page.locator("#id-number").inner_text().startswith(masked)
    page.click("#reveal-id")
    expect(page.locator("#id-number")).to_have_text(number)  # CSP forbids eval: no wait_for_function
    assert page.url.endswith(f"/people/{world.person_a.pk}/")  # swapped in place, no navigation
    event = AuditEvent.objects.get(kind="person.id_reveal")
    assert event.actor == world.bob and event.subject_id == world.person_a.pk


def test_secretary_downloads_the_persons_data(page, world):
    import json

    from dangjian.core.models import AuditEvent

    login_as(page, "alice")
    page.goto(page.base + f"/people/{world.person_a.pk}/")
    page.click("#person-export")
    with page.expect_download() as info:
        page.click("#export-json")
    download = info.value
    assert download.suggested_filename == "王芳的个人信息.json"
    data = json.loads(open(download.path(), encoding="utf-8").read())
    assert data["基本信息"]["姓名"] == "王芳"
    assert AuditEvent.objects.filter(kind="person.export", actor=world.alice).count() == 1
