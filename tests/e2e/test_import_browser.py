"""A secretary imports a roster in the browser: one bad row shows its row, column and reason and changes
nothing; a good file shows a preview, and after 确认导入 the people are on the roster."""

import datetime

from playwright.sync_api import expect

from dangjian.lib.idcard import make as make_id
from tests.e2e.conftest import login_as
from tests.members.test_import import xlsx

HEAD = ["序号", "姓名", "性别", "身份证号", "人员类别", "入党日期", "转正日期", "文化程度", "职称"]


def rows():
    return [
        [
            1,
            "钱学敏",
            "女",
            make_id("330203", datetime.date(1983, 5, 6), 21, "female"),
            "正式党员",
            "2006.06",
            "2007.06",
            "本科",
            "中级",
        ],
        [
            2,
            "孙立新",
            "男",
            make_id("330203", datetime.date(1979, 9, 30), 22, "male"),
            "正式党员",
            "2001年7月1日",
            "2002年7月1日",
            "研究生",
            "高级教师",
        ],
        [
            3,
            "葛小兰",
            "女",
            make_id("330203", datetime.date(1995, 1, 17), 23, "female"),
            "预备党员",
            "2026-06-30",
            "",
            "大学本科",
            "初级",
        ],
    ]


def test_bad_row_is_reported_and_nothing_changes(page, world, tmp_path, settings):
    from dangjian.members.models import Person

    settings.MEDIA_ROOT = tmp_path / "media"
    data = rows()
    data[1][5] = "2001-02-30"  # 孙立新's 入党日期 does not exist: Excel row 4 (title row, header, two rows)
    path = xlsx(tmp_path / "花名册.xlsx", [HEAD, *data], title_rows=["飞龙中学党支部党员花名册"])
    before = Person.objects.count()
    login_as(page, "alice")
    page.goto(page.base + "/orgs/BRA/roster/")
    page.get_by_role("link", name="导入花名册").click()
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="上传并检查").click()
    expect(page.locator("#import-failed")).to_contain_text("没有导入任何人员")
    problem = page.locator("#import-problems tbody tr").first
    expect(problem).to_contain_text("第4行")
    expect(problem).to_contain_text("入党日期")
    expect(problem).to_contain_text("日期 2001-02-30 不存在")
    assert page.locator("#import-commit").count() == 0
    with page.expect_download() as dl:
        page.get_by_role("link", name="下载标注了错误的表格").click()
    assert dl.value.suggested_filename == f"{path.stem}（错误标注）.xlsx"  # the uploaded file's own name, marked
    assert Person.objects.count() == before
    page.goto(page.base + "/orgs/BRA/roster/")
    assert page.locator("#roster").get_by_text("钱学敏").count() == 0


def test_good_file_previews_then_commits(page, world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = xlsx(tmp_path / "花名册.xlsx", [HEAD, *rows()], title_rows=["飞龙中学党支部党员花名册", "2026年11月"])
    login_as(page, "alice")
    page.goto(page.base + "/orgs/BRA/roster/import/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="上传并检查").click()
    expect(page.locator("#import-ok")).to_contain_text("共 3 人")
    expect(page.locator("#import-preview")).to_contain_text("孙立新")
    page.goto(page.base + "/orgs/BRA/roster/")  # nothing is written before 确认导入
    assert page.locator("#roster").get_by_text("孙立新").count() == 0
    page.go_back()
    page.locator("#import-commit").click()
    page.wait_for_url("**/orgs/BRA/roster/")
    expect(page.locator(".alert-success")).to_contain_text("已导入 3 人")
    for name in ("钱学敏", "孙立新", "葛小兰"):
        expect(page.locator("#roster").get_by_text(name)).to_have_count(1)
    expect(page.locator("#roster-total")).to_have_text("5")
