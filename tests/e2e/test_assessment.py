"""考核 in the browser: the bureau officer writes and publishes a rubric and opens it for the branches; the branch
secretary self-assesses on a phone with a manual score and an uploaded photo; the officer finalizes and the star
rating shows on the branch's page and in the results."""

import re

from playwright.sync_api import expect

from tests import sample_files
from tests.e2e.conftest import login_as


def test_officer_publishes_secretary_self_assesses_officer_finalizes_star_shows(
    page, phone_page, world, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"  # the uploaded photo stays out of the dev data dir
    # The bureau officer writes the rubric: one automatic item, one manual item that needs evidence.
    login_as(page, "bob")
    page.goto(page.base + "/assessment/")
    page.get_by_role("link", name="新建考核细则").click()
    page.fill("#id_title", "2026年度党支部工作考核细则")
    page.fill("#id_year", "2026")
    page.fill("#id_items-0-category", "组织生活")
    page.fill("#id_items-0-title", "三会一课按期召开")
    page.fill("#id_items-0-weight", "10")
    page.select_option("#id_items-0-mode", "auto")
    page.select_option("#id_items-0-indicator", "meetings_held")
    page.fill("#id_items-1-category", "阵地建设")
    page.fill("#id_items-1-title", "党员活动室建设")
    page.fill("#id_items-1-weight", "80")
    page.check("#id_items-1-evidence_required")
    # a third item added with the button
    page.click("#add-item")
    page.fill("#id_items-2-category", "特色工作")
    page.fill("#id_items-2-title", "党建特色品牌")
    page.fill("#id_items-2-weight", "5")
    page.click("#rubric-form button[type=submit]")
    expect(page.locator("#errors")).to_contain_text("各项“分值”合计 95 分，与“总分” 100 分不符")
    page.fill("#id_items-2-weight", "10")
    page.click("#rubric-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/assessment/rubrics/\d+/$"))
    expect(page.locator("#items tbody tr")).to_have_count(3)
    page.click("#publish")
    expect(page.locator("#rubric-status")).to_have_text("已发布")
    page.click("#open")
    expect(page.locator(".alert-success")).to_contain_text("已下发到1个支部")

    # The branch secretary self-assesses on her phone, with a photo as evidence.
    photo = tmp_path / "活动室照片.jpg"
    photo.write_bytes(sample_files.jpeg())
    login_as(phone_page, "alice")
    phone_page.goto(phone_page.base + "/assessment/")
    phone_page.locator("#waiting").get_by_role("link", name="飞龙中学党支部").click()
    row = phone_page.locator("#grid tbody tr", has_text="党员活动室建设")
    row.locator("input[type=number]").fill("78")
    row.locator("textarea[name^=comment]").fill("活动室已建成并投入使用")
    row.locator("input[type=file]").set_input_files(str(photo))
    phone_page.locator("#grid tbody tr", has_text="党建特色品牌").locator("input[type=number]").fill("9")
    phone_page.click("#submit")
    expect(phone_page.locator("#stage")).to_have_text("待局党委考核")
    expect(phone_page.locator("#grid")).to_contain_text("活动室照片.jpg")
    expect(phone_page.locator("#scores-form")).to_have_count(0)

    # The officer reviews from the results page and finalizes: 78 + 9 + 0 (no meetings recorded) = 87 → 四星.
    page.goto(page.base + "/assessment/")
    page.locator("#rubrics").get_by_role("link", name="考核结果").click()
    expect(page.locator('#results tr[data-org="BRA"]')).to_contain_text("待局党委考核")
    page.locator('#results tr[data-org="BRA"]').get_by_role("link", name="飞龙中学党支部").click()
    row = page.locator("#grid tbody tr", has_text="党员活动室建设")
    expect(row.locator("input[type=number]")).to_have_value("78.0")
    expect(row).to_contain_text("活动室已建成并投入使用")
    page.click("#submit")
    expect(page.locator("#stage")).to_have_text("已完成")
    expect(page.locator("#final-total")).to_have_text("87.0")
    expect(page.locator("#star")).to_have_text("四星")
    page.goto(page.base + "/assessment/")
    page.locator("#rubrics").get_by_role("link", name="考核结果").click()
    expect(page.locator('#results tr[data-org="BRA"] .star')).to_have_text("四星")
