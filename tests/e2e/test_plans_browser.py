"""Tasks down, reports up: the bureau sends a task to two schools; one answers, the other is shown late on the
bureau's list; a member opens a notice on a phone and the secretary sees the receipt."""

import datetime
import re

from playwright.sync_api import expect

from dangjian.plans import services
from tests.e2e.conftest import login_as
from tests.plans.conftest import two_schools  # noqa: F401  (fixture)


def test_task_to_two_schools_one_answers_other_late_and_member_notice_receipt(page, phone_page, two_schools):  # noqa: F811
    w = two_schools
    # The bureau officer sends a task to the two schools through the form.
    login_as(page, "bob")
    page.goto(page.base + "/plans/")
    page.get_by_role("link", name="下发任务/通知").click()
    page.select_option("#id_org", label="江北区教育局党委")
    page.fill("#id_title", "报送主题党日活动照片")
    page.fill("#id_body", "请各支部报送本月主题党日活动照片和简要说明。")
    page.fill("#id_deadline", "2099-06-30")
    page.select_option("#id_target", "picked")
    page.select_option("#id_picked", label=["飞龙中学党支部", "实验小学党支部"])
    page.click("#plans-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/plans/tasks/\d+/$"))
    expect(page.locator("#recipients tbody tr")).to_have_count(2)
    expect(page.locator("#summary")).to_contain_text("已读 0，已报送 0")

    # A task whose deadline has passed (the form would accept it too; created directly to set the past date).
    late = services.task_send(
        actor=w.bob,
        org=w.bureau,
        title="上报上半年党建工作总结",
        body="字数不少于1000字",
        deadline=datetime.date.today() - datetime.timedelta(days=3),
        target="picked",
        picked=[w.branch_a, w.branch_c],
    )

    # School A's secretary opens it from her inbox (read receipt) and answers.
    login_as(phone_page, "alice")
    phone_page.goto(phone_page.base + "/plans/")
    phone_page.locator("#inbox").get_by_role("link", name="上报上半年党建工作总结").click()
    phone_page.fill("#id_answer", "上半年共召开支部党员大会3次，详见附件。")
    phone_page.click("#answer-form button[type=submit]")
    expect(phone_page.locator("#status")).to_have_text("已报送")

    # The bureau sees who has read, who answered and who is late.
    page.goto(page.base + f"/plans/tasks/{late.pk}/")
    row_a = page.locator('#recipients tr[data-org="BRA"]')
    row_c = page.locator('#recipients tr[data-org="BRC"]')
    expect(row_a).to_contain_text("已报送")
    expect(row_a).to_contain_text("已读")
    expect(row_a).to_contain_text("上半年共召开支部党员大会3次")
    expect(row_c).to_contain_text("逾期未报")
    expect(row_c).to_contain_text("未读")
    expect(page.locator("#summary")).to_contain_text("逾期未报 1")
    row_a.get_by_role("button", name="采纳").click()
    expect(page.locator('#recipients tr[data-org="BRA"]')).to_contain_text("已采纳")

    # A notice to members: alice sends it, dave reads it on his phone, alice sees the receipt.
    login_as(page, "alice")
    page.goto(page.base + "/plans/")
    page.get_by_role("link", name="发通知").click()
    page.select_option("#id_org", label="飞龙中学党支部")
    page.fill("#id_title", "关于参加七一主题党日的通知")
    page.fill("#id_body", "7月1日上午8点在党员活动室集合。")
    page.click("#plans-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/plans/notices/\d+/$"))
    expect(page.locator("#read-summary")).to_have_text("已读 0 / 2")

    login_as(phone_page, "dave")
    phone_page.goto(phone_page.base + "/plans/me/")
    item = phone_page.locator("#my-notices a", has_text="关于参加七一主题党日的通知")
    expect(item).to_contain_text("未读")
    item.click()
    expect(phone_page.locator("#receipt")).to_contain_text("已阅")

    page.reload()
    expect(page.locator("#read-summary")).to_have_text("已读 1 / 2")
    expect(page.locator("#receipts tr", has_text="丁伟")).to_contain_text("已读")
    expect(page.locator("#receipts tr", has_text="王芳")).to_contain_text("未读")
