"""The 规则库 and the two calculators, through the pages a user opens."""

import re

import pytest

from dangjian.rules.catalog import RULES


def amount(body: str) -> str:
    return re.search(r'id="dues-amount">([^<]+)<', body).group(1)


def test_catalog_lists_every_rule_with_source_and_confidence(world, login):
    body = login(world.alice).get("/rules/").content.decode()
    for r in RULES:
        assert f'id="rule-{r.id}"' in body
    assert "已核对文本" in body and "凭记忆，待核" in body
    assert "本地设置：党费基数扣除个人缴纳的社会保险和住房公积金" in body


def test_catalog_filters_by_prefix_and_search(world, login):
    client = login(world.alice)
    body = client.get("/rules/?prefix=FEE").content.decode()
    assert 'id="rule-FEE-02"' in body and 'id="rule-DEV-07"' not in body
    body = client.get("/rules/", {"q": "公示"}).content.decode()
    assert 'id="rule-DEV-08"' in body and 'id="rule-FEE-02"' not in body


def test_nav_link_to_rule_tools(world, login):
    assert 'href="/rules/">规则与工具' in login(world.alice).get("/").content.decode()


@pytest.mark.parametrize(
    "wage, category, expected",
    [
        ("5100", "employed", "76.50"),  # FEE-02 official example
        ("4900", "employed", "49.00"),  # FEE-02 official example
        ("3000.01", "employed", "30.00"),
        ("10000.01", "employed", "200.00"),
        ("5000.01", "retired", "50.00"),  # FEE-04
        ("3200", "retired", "16.00"),
        ("3200", "student", "0.20"),  # FEE-05
    ],
)
def test_dues_calculator_brackets(world, login, wage, category, expected):
    body = (
        login(world.alice)
        .post(
            "/rules/dues-calculator/",
            {
                "item_name": ["岗位工资"],
                "item_amount": [wage],
                "income_tax": "",
                "category": category,
            },
        )
        .content.decode()
    )
    assert amount(body) == expected


def test_dues_calculator_fee01_worked_case_shows_each_step(world, login):
    body = (
        login(world.alice)
        .post(
            "/rules/dues-calculator/",
            {
                "item_name": ["岗位工资", "薪级工资", "绩效工资", "规范津贴补贴", "住房公积金", "通讯补贴"],
                "item_amount": ["3000", "1500", "2500", "800", "900", "200"],
                "income_tax": "150",
                "category": "employed",
            },
        )
        .content.decode()
    )
    assert amount(body) == "114.75"
    steps = body[body.index('id="dues-steps"') :]
    for text in ("7800.00", "住房公积金 900.00", "7650.00", "1.5%", "FEE-01", "FEE-02", "FEE-13"):
        assert text in steps


def test_dues_calculator_htmx_returns_partial(world, login):
    r = login(world.alice).post(
        "/rules/dues-calculator/",
        {"item_name": ["岗位工资"], "item_amount": ["5100"], "category": "employed"},
        HTTP_HX_REQUEST="true",
    )
    body = r.content.decode()
    assert amount(body) == "76.50" and "<html" not in body


def test_dues_calculator_bad_amount_names_row(world, login):
    body = (
        login(world.alice)
        .post(
            "/rules/dues-calculator/",
            {
                "item_name": ["岗位工资", "绩效工资"],
                "item_amount": ["3000", "abc"],
                "category": "employed",
            },
        )
        .content.decode()
    )
    assert "第2行「绩效工资」：「abc」不是有效金额" in body
    assert 'id="dues-amount"' not in body


def test_dues_calculator_get_shows_empty_form(world, login):
    body = login(world.dave).get("/rules/dues-calculator/").content.decode()
    assert "岗位工资" in body and "薪级工资" in body and "绩效工资" in body


def test_timeline_lists_deadlines_with_rule_and_version(world, login):
    body = (
        login(world.alice)
        .post(
            "/rules/recruitment-calculator/",
            {
                "application": "2026-01-31",
                "activist_selected": "2025-05-20",
                "pre_review": "2026-06-30",
            },
        )
        .content.decode()
    )
    lines = body[body.index('id="timeline-lines"') :]
    assert "2026年2月28日" in lines and "DEV-03" in lines  # talk deadline
    assert "2026年5月20日" in lines and "DEV-07" in lines  # earliest 发展对象
    assert "2026年7月30日" in lines and "DEV-13" in lines  # branch meeting within a month of 预审 (2026 only)
    assert "2026年细则" in lines and "2014年细则" in lines
    assert "暂定" not in lines


def test_timeline_flags_overdue_talk(world, login):
    body = (
        login(world.alice)
        .post("/rules/recruitment-calculator/", {"application": "2026-01-31", "application_talk": "2026-03-01"})
        .content.decode()
    )
    assert "已超期" in body


def test_timeline_publicity_in_known_year_counts_working_days(world, login):
    body = login(world.alice).post("/rules/recruitment-calculator/", {"publicity": "2026-09-25"}).content.decode()
    # 2026-09-25 (Fri), 09-28, 09-29, 09-30, then National Day 10-01..10-08 → 10-09 is the 5th working day
    assert "2026年10月9日" in body and "按工作日计算" in body and "暂定" not in body


def test_timeline_unknown_year_is_provisional_with_link_to_holiday_form(world, login):
    body = login(world.alice).post("/rules/recruitment-calculator/", {"publicity": "2031-06-02"}).content.decode()
    assert "2031年6月6日" in body
    assert "暂定" in body
    assert "该年度法定节假日安排尚未录入" in body
    assert 'href="/rules/holidays/2031/"' in body


def test_timeline_provisional_mark_gone_after_year_entered(world, login):
    admin = login(world.admin)
    admin.post("/rules/holidays/2031/", {"lines": "2031-06-02 休 端午节", "complete": "1"})
    body = admin.post("/rules/recruitment-calculator/", {"publicity": "2031-06-02"}).content.decode()
    assert "2031年6月9日" in body and "暂定" not in body


def test_timeline_bad_date_is_reported(world, login):
    body = login(world.alice).post("/rules/recruitment-calculator/", {"application": "2026-02-30"}).content.decode()
    assert "「收到入党申请书」不是有效日期" in body


def test_timeline_explains_2014_version_for_early_pre_review(world, login):
    body = login(world.alice).post("/rules/recruitment-calculator/", {"pre_review": "2026-01-31"}).content.decode()
    assert "适用2014年细则：未规定预审后一个月内召开支部党员大会的时限" in body
    assert "召开党支部党员大会截止日" not in body
    body = login(world.alice).post("/rules/recruitment-calculator/", {"pre_review": "2026-06-30"}).content.decode()
    assert "召开党支部党员大会截止日" in body and "适用2014年细则" not in body


def test_dues_calculator_fee03_previous_quarter_average(world, login):
    client = login(world.alice)
    body = client.post(
        "/rules/dues-calculator/",
        {
            "item_name": ["岗位工资"],
            "item_amount": [""],
            "category": "employed",
            "quarter_1": "9000",
            "quarter_2": "12000",
            "quarter_3": "6000",
        },
    ).content.decode()
    assert amount(body) == "135.00"  # FEE-03 worked case: average 9000 → 1.5%
    assert "FEE-03" in body and "9000.00" in body
    body = client.post(
        "/rules/dues-calculator/",
        {"item_name": ["岗位工资"], "item_amount": ["3000"], "category": "employed", "quarter_1": "9000"},
    ).content.decode()
    assert "须填写三个月的纯收入" in body and 'id="dues-amount"' not in body


def test_catalog_shows_the_chosen_bureaus_setting_values(world, login):
    from dangjian.rulebook.models import BureauSetting

    BureauSetting.objects.create(bureau=world.other_bureau, values={"appraisal_grades": 3})
    client = login(world.admin)
    body = client.get("/rules/", {"prefix": "EVAL", "bureau": "OTHER"}).content.decode()
    assert "当前：<strong>3个等次</strong>（默认：4个等次）" in body
    body = client.get("/rules/", {"prefix": "EVAL", "bureau": "BUREAU"}).content.decode()
    assert "当前：<strong>4个等次</strong>（默认值）" in body
    assert login(world.charlie).get("/rules/", {"bureau": "BUREAU"}).status_code == 404
