"""A secretary sees how 人员类别 / 党员类别 / 职务 are read, changes one in the browser, and the import follows."""

from playwright.sync_api import expect

from tests.e2e.conftest import login_as
from tests.members.test_import import xlsx
from tests.members.test_import_columns import HEAD, people


def test_reading_is_shown_changed_and_followed(page, world, tmp_path, settings):
    from dangjian.members.models import Person

    settings.MEDIA_ROOT = tmp_path / "media"
    path = xlsx(tmp_path / "花名册.xlsx", [HEAD, *people()], title_rows=["飞龙中学党支部党员花名册"])
    login_as(page, "alice")
    page.goto(page.base + "/orgs/BRA/roster/import/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="上传并检查").click()
    expect(page.locator("#import-ok")).to_contain_text("共 4 人")
    choices = page.locator("#import-column-choices")
    expect(choices).to_contain_text("「人员类别」按 在职/离退休 读取")
    expect(choices).to_contain_text("「党员类别」按 正式/预备 读取")
    expect(choices).to_contain_text("「职务」按 专业技术职务 读取")
    page.get_by_label("「职务」的读法").select_option(label="按 工作岗位 读取")
    page.get_by_role("button", name="按所选读法重新检查").click()
    expect(choices).to_contain_text("「职务」按 工作岗位 读取")
    expect(page.locator("#import-preview")).to_contain_text("高级教师")
    page.locator("#import-commit").click()
    page.wait_for_url("**/orgs/BRA/roster/")
    expect(page.locator(".alert-success")).to_contain_text("已导入 4 人")
    zhou = Person.objects.get(name="周建国", org=world.branch_a)
    assert (zhou.category, zhou.status, zhou.post, zhou.professional_title) == (
        "retired",
        "full_member",
        "高级教师",
        "",
    )
