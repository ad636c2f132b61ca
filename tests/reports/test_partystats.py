"""党内统计 year-end tables: a 党委 with a branch and a 党总支 (two branches) over 2025 and 2026.

Every expected number below is worked by hand from the histories the fixture records (through the member,
recruitment, learning and plans services), as the counting rules of the 2017 填报说明 say: a member by the
org holding the 组织关系 on 12-31, 发展 by the approval date, 出党 by the org the member left. The workbook
is read back with openpyxl, the way a secretary opens it.
"""

import datetime
import io

import pytest
from openpyxl import load_workbook

from dangjian.members.services import person_leave, person_update
from dangjian.orgs.services import org_create
from tests.conftest import add_person
from tests.recruitment.conftest import advance, applicant, path_2026

D = datetime.date


@pytest.fixture
def school(world):
    """BUREAU (党委) ── BRA (飞龙中学党支部)
    └─ GB (实验中学党总支) ── B1 (初中党支部), B2 (高中党支部)"""
    from dangjian.recruitment import services

    w = world
    w.gb = org_create(actor=w.admin, kind="general_branch", name="实验中学党总支", code="GB", parent=w.bureau)
    w.b1 = org_create(actor=w.admin, kind="branch", name="实验中学初中党支部", code="B1", parent=w.gb)
    w.b2 = org_create(actor=w.admin, kind="branch", name="实验中学高中党支部", code="B2", parent=w.gb)
    a = w.admin
    # B1: a retired member, a 回族 master's graduate, a vice-principal who dies in 2026, a 预备党员 of 2025
    add_person(
        w.b1,
        "张伟",
        actor=a,
        seq=11,
        gender="male",
        birth=D(1960, 3, 1),
        join_date=D(1985, 6, 1),
        confirmation_date=D(1986, 6, 1),
        category="retired",
        education="secondary",
    )
    add_person(
        w.b1,
        "李娜",
        actor=a,
        seq=12,
        birth=D(1992, 8, 8),
        ethnicity="回族",
        education="postgraduate",
        degree="master",
        join_date=D(2015, 7, 1),
        confirmation_date=D(2016, 7, 1),
    )
    w.chen = add_person(
        w.b1,
        "陈刚",
        actor=a,
        seq=13,
        gender="male",
        birth=D(1970, 1, 1),
        join_date=D(1995, 5, 1),
        confirmation_date=D(1996, 5, 1),
        post="副校长",
    )
    add_person(
        w.b1,
        "何静",
        actor=a,
        seq=14,
        birth=D(2000, 1, 1),
        status="probationary_member",
        join_date=D(2025, 6, 1),
        confirmation_date=None,
        post="语文教师",
    )
    # B2: 吴强 moves to B1 on 2025-09-01; 郑洁 is expelled on 2026-06-30; 周敏 transfers in on 2026-03-15
    w.wu = add_person(
        w.b2,
        "吴强",
        actor=a,
        seq=15,
        gender="male",
        birth=D(1980, 2, 2),
        join_date=D(2000, 7, 1),
        confirmation_date=D(2001, 7, 1),
        post="总务处主任",
    )
    w.zheng = add_person(
        w.b2, "郑洁", actor=a, seq=16, birth=D(1978, 4, 4), join_date=D(2001, 7, 1), confirmation_date=D(2002, 7, 1)
    )
    person_update(actor=a, person=w.wu, org=w.b1, effective=D(2025, 9, 1))
    w.zhou = add_person(
        w.b2,
        "周敏",
        actor=a,
        seq=17,
        birth=D(1988, 10, 10),
        join_date=D(2008, 7, 1),
        confirmation_date=D(2009, 7, 1),
        since=D(2026, 3, 15),
    )
    person_leave(actor=a, person=w.chen, reason="deceased", on=D(2026, 5, 3))
    person_leave(actor=a, person=w.zheng, reason="expelled", on=D(2026, 6, 30), note="开除党籍")
    # BRA: 赵慧莉 is admitted (支部大会 2026-07-10, approved by the 党委 2026-08-10); 丁伟 (her introducer,
    # recorded first) transfers out on 2026-03-01
    case = services.case_open(actor=w.alice, person=applicant(w.branch_a, "赵慧莉", 40), opened_on=D(2025, 3, 1))
    advance(case, w.alice, path_2026(w))
    person_leave(actor=a, person=w.person_dave, reason="transfer_out", on=D(2026, 3, 1))
    return w


def _book(client, user, code, year):
    client.force_login(user)
    resp = client.get(f"/reports/org/{code}/statistics/{year}.xlsx")
    assert resp.status_code == 200, resp.content[:500]
    return load_workbook(io.BytesIO(resp.content))


def _table(wb, sheet) -> dict[str, list]:
    """The data rows of a form sheet by their first cell (合计 and one row per branch)."""
    out = {}
    for row in wb[sheet].iter_rows(min_row=4, values_only=True):
        if row[0] and isinstance(row[1], (int, float)):
            out[row[0]] = list(row[1:])
    return out


def _header(wb, sheet) -> list:
    """The column labels (the lower header row where a column has a group above it)."""
    ws = wb[sheet]
    top = [c.value for c in ws[3]]
    low = [c.value for c in ws[4]] if ws["A4"].value is None else [None] * len(top)  # one header row or two
    return [lo if lo is not None else t for t, lo in zip(top, low)][1:]


def _cols(wb, sheet) -> dict[str, dict]:
    head = _header(wb, sheet)
    return {name: dict(zip(head, row)) for name, row in _table(wb, sheet).items()}


def _notes(wb, sheet) -> list[list]:
    return [list(r) for r in wb[sheet].iter_rows(min_row=4, values_only=True)]


BRA, GB, B1, B2 = "飞龙中学党支部", "实验中学党总支", "实验中学初中党支部", "实验中学高中党支部"


def test_check_sheet_reconciles_2026_and_2025(school, client):
    wb = _book(client, school.bob, "BUREAU", 2026)
    t = _cols(wb, "党员数量变化")
    # 2025-12-31: BRA 王芳 丁伟 + 8 voters = 10; B1 张伟 李娜 陈刚 何静 吴强 = 5; B2 郑洁 = 1
    # 2026: BRA +发展 赵慧莉 −转出 丁伟; B1 −死亡 陈刚; B2 +转入 周敏 −出党 郑洁
    # the 党委's rows are its direct sub-organizations: the branch and the 党总支 (its two branches together)
    assert [t[BRA][k] for k in ("上年数", "发展", "转出", "本年数", "核对")] == [10, 1, 1, 10, "相符"]
    assert [t[GB][k] for k in ("上年数", "转入", "死亡", "出党", "本年数")] == [6, 1, 1, 1, 5]
    g = _cols(_book(client, school.bob, "GB", 2026), "党员数量变化")
    assert [g[B1][k] for k in ("上年数", "死亡", "本年数")] == [5, 1, 4]
    assert [g[B2][k] for k in ("上年数", "转入", "出党", "本年数")] == [1, 1, 1, 1]
    total = t["合计"]
    assert (total["上年数"], total["本年数"]) == (16, 15)
    assert [total[k] for k in ("发展", "转入", "恢复党籍", "其他增加")] == [1, 1, 0, 0]
    assert [total[k] for k in ("死亡", "出党", "停止党籍", "转出", "其他减少")] == [1, 1, 0, 1, 0]
    assert all(r["核对"] == "相符" for r in t.values())
    names = {(r[0], r[1]) for r in _notes(wb, "党员数量变化名单")}
    assert {("发展", "赵慧莉"), ("转入", "周敏"), ("死亡", "陈刚"), ("出党", "郑洁"), ("转出", "丁伟")} <= names

    wb25 = _book(client, school.bob, "BUREAU", 2025)
    t25 = _cols(wb25, "党员数量变化")
    # 2024-12-31: BRA 10, B1 张伟 李娜 陈刚 = 3, B2 吴强 郑洁 = 2; 2025: 何静 发展 (B1), 吴强 B2 → B1
    assert [t25["合计"][k] for k in ("上年数", "发展", "转入", "转出", "本年数")] == [15, 1, 0, 0, 16]
    # the 党总支's own return: the move between its branches is a 转出 and a 转入 there and cancels out in 合计
    g25 = _cols(_book(client, school.bob, "GB", 2025), "党员数量变化")
    assert [g25[B1][k] for k in ("上年数", "发展", "转入", "本年数")] == [3, 1, 1, 5]
    assert [g25[B2][k] for k in ("上年数", "转出", "本年数")] == [2, 1, 1]
    assert [g25["合计"][k] for k in ("上年数", "发展", "转入", "转出", "本年数")] == [5, 1, 0, 0, 6]
    assert [t25[GB][k] for k in ("上年数", "本年数")] == [5, 6]


def test_basic_joined_and_education_tables(school, client):
    wb = _book(client, school.bob, "BUREAU", 2026)
    head = wb["党员基本情况"]
    assert head["A1"].value == "党员基本情况"
    assert "填报单位：江北区教育局党委" in [c.value for c in head[2]]
    assert "统计截止日期：2026年12月31日" in [c.value for c in head[2]]
    b = _cols(wb, "党员基本情况")["合计"]
    # on 2026-12-31: BRA 王芳(41) 8 voters(51) 赵慧莉(31, 预备); B1 张伟(66, 离退休) 李娜(34, 回族)
    # 吴强(46, 总务处主任) 何静(26, 预备); B2 周敏(38)
    assert [b[k] for k in ("党员总数", "女", "少数民族", "预备党员", "大专及以上")] == [15, 13, 1, 2, 14]
    assert [
        b[k]
        for k in ("30岁及以下", "31至35岁", "36至40岁", "41至45岁", "46至50岁", "51至55岁", "56至60岁", "61岁及以上")
    ] == [1, 2, 1, 1, 1, 8, 0, 1]
    assert [b[k] for k in ("专业技术人员", "管理人员", "离退休人员", "学生")] == [13, 1, 1, 0]
    rows = _cols(wb, "党员基本情况")
    assert [rows[BRA]["党员总数"], rows[GB]["党员总数"]] == [10, 5]
    j = _cols(wb, "入党时间")["合计"]
    # 张伟 1985, 吴强 2000 | 王芳 and the voters 2010, 周敏 2008 | 李娜 2015, 何静 2025, 赵慧莉 2026
    assert [j["1979年1月至2002年10月"], j["2002年11月至2012年10月"], j["2012年11月以来"]] == [2, 10, 3]
    e = _cols(wb, "学历")["合计"]
    assert [e["小计"], e["硕士"], e["大学本科"], e["中专"], e["大专及以上"]] == [1, 1, 13, 1, 14]
    why = {r[0]: r[3] for r in _notes(wb, "党员基本情况需要说明的问题")}
    assert "总务处主任" in why["吴强"]


def test_development_counted_by_approval_and_approving_org(school, client):
    wb = _book(client, school.bob, "BUREAU", 2026)
    one = _cols(wb, "发展党员（一）")["合计"]
    # 赵慧莉, born 1995-03-01, 入党 (支部大会) 2026-07-10: 31
    assert [one["发展党员数"], one["女"], one["31至35岁"]] == [1, 1, 1]
    two = _cols(wb, "发展党员（二）")["合计"]
    assert [two["大学本科"], two["专业技术人员"]] == [1, 1]
    names = _notes(wb, "发展党员名单")
    assert names == [["赵慧莉", BRA, "2026年7月10日", "江北区教育局党委", "2026年8月10日", None]]
    # 2025: 何静, recorded on the roster as a 预备党员 since 2025-06-01, 25 years old then
    one25 = _cols(_book(client, school.bob, "BUREAU", 2025), "发展党员（一）")
    assert one25["合计"]["25岁及以下"] == 1 and one25[GB]["发展党员数"] == 1


def test_exits_organizations_training_and_honours(school, client):
    from dangjian.learning.services import record_create
    from dangjian.orgs.services import term_create
    from dangjian.plans.services.records import honour_create

    w = school
    wang = w.person_a
    record_create(
        actor=w.admin, org=w.branch_a, person=wang, date=D(2026, 4, 1), kind="training", title="党务干部培训", hours=8
    )
    record_create(
        actor=w.admin, org=w.branch_a, person=wang, date=D(2026, 5, 1), kind="lecture", title="专题党课", hours=2
    )
    honour_create(
        actor=w.admin,
        org=w.branch_a,
        person=wang,
        title="优秀共产党员",
        level="district",
        awarded_by="中共江北区教育局委员会",
        awarded_on=D(2026, 7, 1),
    )
    honour_create(
        actor=w.admin,
        org=w.branch_a,
        title="先进基层党组织",
        level="city",
        awarded_by="中共宁波市委教育工委",
        awarded_on=D(2026, 6, 28),
    )
    term_create(
        actor=w.admin, org=w.branch_a, started_on=D(2024, 1, 1), ends_on=D(2027, 1, 1), posts=[(wang, "secretary")]
    )
    wb = _book(client, w.bob, "BUREAU", 2026)
    ex = _cols(wb, "出党")
    assert [ex["合计"]["出党合计"], ex["合计"]["开除党籍"], ex[GB]["出党合计"]] == [1, 1, 1]
    assert _notes(wb, "出党和停止党籍名单")[0][:4] == ["郑洁", B2, "开除党籍", "2026年6月30日"]
    org = _cols(wb, "党组织情况")
    assert [org["基层党委"]["个数"], org["党总支"]["个数"], org["党支部"]["个数"], org["合计"]["个数"]] == [1, 1, 3, 5]
    assert org["党支部"]["已配备书记"] == 1 and org["党支部"]["本年应换届"] == 0
    tr = _cols(wb, "党员培训")[BRA]
    assert [tr["参加培训党员"], tr["参加培训人次"], tr["集中培训"], tr["专题讲座"], tr["学时合计"]] == [1, 2, 1, 1, 10]
    h = _cols(wb, "党内表彰")
    assert [
        h["优秀共产党员"]["合计"],
        h["优秀共产党员"]["区（县）级"],
        h["先进基层党组织"]["市级"],
        h["合计"]["合计"],
    ] == [1, 1, 1, 2]


def test_workbook_reads_like_the_forms(school, client):
    wb = _book(client, school.bob, "BUREAU", 2026)
    for name in (
        "党员数量变化",
        "党员基本情况",
        "入党时间",
        "学历",
        "民主评议",
        "党员培训",
        "出党",
        "党内表彰",
        "预备党员转正",
        "发展党员（一）",
        "发展党员（二）",
        "党组织情况",
    ):
        assert name in wb.sheetnames
    import re

    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == 9  # A4 in the OOXML paper codes
        text = " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None)
        assert "系统" not in text and "STAT" not in text and not re.search(r"[A-Z]{2,}-\d", text), ws.title
    # each table is followed by its 说明/名单 sheet
    names = wb.sheetnames
    assert names[names.index("出党") + 1] == "出党和停止党籍名单"


@pytest.mark.parametrize("year,message", [(2027, "2027年还没有到来"), (2019, "成立于2020年9月")])
def test_refuses_a_year_that_cannot_be_true(school, client, year, message):
    from dangjian.orgs.models import Org
    from dangjian.reports.statistics import statistics_xlsx
    from dangjian.reports.years import YearRefused

    org = Org.objects.get(code="GB")
    org.established_on = D(2020, 9, 1)
    org.save(update_fields=["established_on"])
    with pytest.raises(YearRefused, match=message):
        statistics_xlsx(org, year)
    client.force_login(school.bob)
    resp = client.get(f"/reports/org/GB/statistics/{year}.xlsx")
    assert resp.status_code == 400 and message in resp.content.decode()


def test_appraisal_counted_by_the_org_that_ran_it(world, client):
    from dangjian.appraisal import services
    from tests.appraisal.conftest import TO_VOTING, evals, go, open_cycle

    cycle = go(client, open_cycle(client, world, 2026), *TO_VOTING, "assessment")
    e = evals(cycle)
    services.grades_set(
        actor=world.alice,
        cycle=cycle,
        rows=[
            {"evaluation_id": e["王芳"].pk, "grade": "excellent", "reason": "带头作用突出"},
            {"evaluation_id": e["丁伟"].pk, "grade": "basically_qualified", "reason": "参加组织生活不够经常"},
        ],
    )
    wb = _book(client, world.bob, "BUREAU", 2026)
    assert _cols(wb, "民主评议")["合计"]["参加评议党员"] == 0  # grades not yet submitted to the 党委
    client.force_login(world.alice)
    go(client, cycle, "review")
    a = _cols(_book(client, world.bob, "BUREAU", 2026), "民主评议")["合计"]
    assert [a["年末党员数"], a["参加评议党员"], a["优秀"], a["合格"], a["基本合格"], a["不合格"]] == [2, 2, 1, 0, 1, 0]
    wb = _book(client, world.bob, "BUREAU", 2026)
    assert ["丁伟", BRA, "基本合格", None] in _notes(wb, "民主评议需要说明的问题")


def test_admission_across_the_new_year_is_explained_by_name(world, client):
    """支部大会 2024-12-20, 党委 approval 2025-01-10: 2024's roll grows (入党时间), 2025 counts the 发展
    (approval date, STAT-01); both years' lists name the person and say why the two differ."""
    from dangjian.recruitment import services
    from tests.recruitment.conftest import path_2014

    moved = {
        "branch_meeting": D(2024, 12, 20),
        "approval_talk": D(2024, 12, 28),
        "approval": D(2025, 1, 10),
        "approval_filed": D(2025, 1, 12),
        "group_assignment": D(2025, 1, 13),
        "oath": D(2025, 1, 20),
    }
    path = [(code, moved.get(code, day), data) for code, day, data in path_2014(world)]
    case = services.case_open(
        actor=world.alice, person=applicant(world.branch_a, "林跨年", 41), opened_on=D(2023, 9, 1)
    )
    advance(case, world.alice, path, until="oath")
    for year, grown, admitted in ((2024, 1, 0), (2025, 0, 1)):
        wb = _book(client, world.bob, "BUREAU", year)
        assert _cols(wb, "党员数量变化")["合计"]["发展"] == grown
        assert _cols(wb, "发展党员（一）")["合计"]["发展党员数"] == admitted
        why = [r for r in _notes(wb, "党员数量变化名单") if r[0] == "说明"]
        assert len(why) == 1 and why[0][1] == "林跨年", why
