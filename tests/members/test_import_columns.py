"""Ambiguous roster headers are read by their values as well as their names (issue 14, item 4).

Many real rosters use 人员类别 for 在职/离退休 and 党员类别 for 正式/预备 — the opposite of our export. A file
with both used to give two value errors per row and import nobody. The expected readings below are what
the rows written in each test say (a secretary reading the sheet would say the same), and the word lists
are the ones named in the issue, written out here rather than taken from the importer's tables.
"""

import datetime
import re

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from dangjian.lib.idcard import make as make_id
from dangjian.members.models import Person
from dangjian.members.roster_io.columns import ColumnChoiceError, decide_columns
from dangjian.members.roster_io.importer import import_roster, validate
from tests.members.test_import import xlsx

# The issue's own lists of what each reading looks like in a roster.
CATEGORY_WORDS = ["在职", "离退休", "退休", "学生"]
STATUS_WORDS = ["正式党员", "预备党员", "正式", "预备", "入党积极分子", "发展对象", "入党申请人"]
AMBIGUOUS_NAMES = ["人员类别", "党员类别", "类别", "身份"]


# --- the decision itself (pure) -------------------------------------------------------------------


def test_swapped_names_are_read_by_their_values():
    d = decide_columns(
        ["姓名", "人员类别", "党员类别"],
        {1: ["在职", "退休", "在职", "学生"], 2: ["正式党员", "预备党员", "正式党员", "正式党员"]},
    )
    assert d.columns == {0: "name", 1: "category", 2: "status"}
    assert [c.summary for c in d.choices] == ["「人员类别」按 在职/离退休 读取", "「党员类别」按 正式/预备 读取"]
    assert "4个" in d.choices[0].why  # says what it looked at


def test_our_own_export_layout_is_read_as_before():
    d = decide_columns(["姓名", "人员类别", "党员类别"], {1: ["正式党员", "预备党员"], 2: ["在职", "离退休"]})
    assert d.columns == {0: "name", 1: "status", 2: "category"}


def test_only_renyuan_leibie_with_member_status_stays_status():
    d = decide_columns(["姓名", "性别", "人员类别"], {2: ["正式党员", "预备党员", "正式党员"]})
    assert d.columns == {0: "name", 1: "gender", 2: "status"}


def test_blanks_do_not_count_and_a_minority_of_odd_values_does_not_flip_the_reading():
    d = decide_columns(["姓名", "类别"], {1: ["", None, "  ", "退休", "退休", "在职", "正式党员"]})
    assert d.columns[1] == "category"
    assert d.choices[0].why.startswith("前4个非空值中有3个是在职/离退休")


def test_a_column_that_fits_neither_keeps_its_name_reading():
    d = decide_columns(["姓名", "人员类别", "党员类别"], {1: ["群众", "民主党派", "群众"], 2: ["在职", "在职"]})
    assert d.columns == {0: "name", 1: "status", 2: "category"}
    assert "既不像" in d.choices[0].why
    d = decide_columns(["姓名", "党员类别"], {})  # nothing to go on: the name decides
    assert d.columns == {0: "name", 1: "category"} and "没有内容" in d.choices[0].why


def test_a_plain_header_keeps_its_field_and_a_duplicate_by_values_is_left_out_and_says_so():
    d = decide_columns(["姓名", "政治面貌", "人员类别"], {2: ["正式党员", "预备党员"]})
    assert d.columns == {0: "name", 1: "status"}
    [c] = d.choices
    assert c.field is None and c.summary == "「人员类别」不导入" and "已由「政治面貌」读取" in c.why
    assert c.options == ("category",)  # 正式/预备 is taken by 政治面貌, so the page cannot offer it


def test_two_columns_with_the_same_kind_of_values_do_not_both_take_it():
    d = decide_columns(["姓名", "人员类别", "党员类别"], {1: ["在职"] * 3, 2: ["退休"] * 3})
    assert d.columns == {0: "name", 1: "category"}
    assert d.choices[1].field is None and "已由「人员类别」读取" in d.choices[1].why


def test_zhiwu_is_a_title_when_it_holds_titles_and_a_post_otherwise():
    assert (
        decide_columns(["姓名", "职务"], {1: ["高级教师", "一级教师", "二级教师"]}).columns[1] == "professional_title"
    )
    assert decide_columns(["姓名", "职务"], {1: ["校长", "教师", "教导主任"]}).columns[1] == "post"
    # 职称 already gives the titles: 职务 stays the post, as it always was
    d = decide_columns(["姓名", "职称", "职务"], {2: ["高级教师", "一级教师"]})
    assert d.columns == {0: "name", 1: "professional_title", 2: "post"}


def test_overrides_by_column_or_by_header_text():
    samples = {1: ["在职", "退休"], 2: ["正式党员", "预备党员"]}
    head = ["姓名", "人员类别", "党员类别"]
    d = decide_columns(head, samples, {1: "skip"})
    assert d.columns == {0: "name", 2: "status"}
    assert d.choices[0].chosen and d.choices[0].summary == "「人员类别」不导入"
    d = decide_columns(head, samples, {"人员类别": "正式/预备", "党员类别": "在职/离退休"})
    assert d.columns == {0: "name", 1: "status", 2: "category"}
    with pytest.raises(ColumnChoiceError, match="「人员类别」和「党员类别」不能都按 正式/预备 读取"):
        decide_columns(head, samples, {1: "status", 2: "status"})
    with pytest.raises(ColumnChoiceError, match="「人员类别」只能按 正式/预备、在职/离退休 读取或不导入"):
        decide_columns(head, samples, {1: "post"})
    with pytest.raises(ColumnChoiceError, match="表中没有需要选择读法的列“职务”"):
        decide_columns(head, samples, {"职务": "post"})
    with pytest.raises(ColumnChoiceError, match="不认识的读法“党员”"):
        decide_columns(head, samples, {"人员类别": "党员"})


@given(
    names=st.lists(st.sampled_from(AMBIGUOUS_NAMES), min_size=2, max_size=2, unique=True),
    cat=st.lists(st.sampled_from(CATEGORY_WORDS), min_size=3, max_size=40),
    sta=st.lists(st.sampled_from(STATUS_WORDS), min_size=3, max_size=40),
    noise=st.lists(st.sampled_from(["", "其它情况", "?", "不详"]), max_size=2),
    swap=st.booleans(),
    lead=st.integers(0, 3),
)
def test_law_each_column_goes_to_the_field_its_values_fit(names, cat, sta, noise, swap, lead):
    """Whatever the two headers are called and wherever they stand, the 在职 one is category and the 正式 one status."""
    head = ["姓名", *["备注"] * lead, *names]
    a, b = lead + 1, lead + 2
    cat_col, sta_col = (b, a) if swap else (a, b)
    d = decide_columns(head, {cat_col: cat + noise, sta_col: noise + sta})
    assert d.columns[cat_col] == "category" and d.columns[sta_col] == "status"
    assert len(set(d.columns.values())) == len(d.columns)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(AMBIGUOUS_NAMES + ["职务", "政治面貌", "在职情况", "职称", "姓名"]),
            st.lists(st.sampled_from(CATEGORY_WORDS + STATUS_WORDS + ["校长", "高级教师", "xx", ""]), max_size=6),
        ),
        min_size=1,
        max_size=7,
    )
)
def test_law_no_two_columns_are_read_as_one_field(cols):
    d = decide_columns([h for h, _ in cols], {i: v for i, (_, v) in enumerate(cols)})
    assert len(set(d.columns.values())) == len(d.columns)
    ambiguous = [i for i, (h, _) in enumerate(cols) if h in AMBIGUOUS_NAMES + ["职务"]]
    assert [c.col for c in d.choices] == ambiguous  # each ambiguous column says how it is read
    for c in d.choices:
        assert d.columns.get(c.col) == c.field and (c.field is None or c.field in c.options)


# --- through the importer, the page and the CLI ----------------------------------------------------

HEAD = ["序号", "姓名", "身份证号", "人员类别", "党员类别", "入党时间", "转正时间", "职务"]


def people():
    """Four people as a school's roster has them: 人员类别 = 在职/退休, 党员类别 = 正式/预备, 职务 = 职称."""
    return [
        [
            1,
            "周建国",
            make_id("330203", datetime.date(1958, 2, 3), 31, "male"),
            "退休",
            "正式党员",
            "1985.06",
            "1986.06",
            "高级教师",
        ],
        [
            2,
            "吴晓红",
            make_id("330203", datetime.date(1984, 9, 9), 32, "female"),
            "在职",
            "正式党员",
            "2008.06",
            "2009.06",
            "一级教师",
        ],
        [
            3,
            "郑海",
            make_id("330203", datetime.date(1996, 1, 20), 33, "male"),
            "在职",
            "预备党员",
            "2026.07",
            "",
            "二级教师",
        ],
        [
            4,
            "王丽",
            make_id("330203", datetime.date(1990, 5, 5), 34, "female"),
            "在职",
            "正式党员",
            "2015.06",
            "2016.06",
            "",
        ],
    ]


EXPECTED = {  # name: (status, category, professional_title), read off people() by hand
    "周建国": ("full_member", "retired", "senior_deputy"),
    "吴晓红": ("full_member", "employed", "intermediate"),
    "郑海": ("probationary_member", "employed", "junior"),
    "王丽": ("full_member", "employed", ""),
}


def imported(org):
    return {
        p.name: (p.status, p.category, p.professional_title) for p in Person.objects.filter(org=org, name__in=EXPECTED)
    }


def upload(client, path):
    with open(path, "rb") as fh:
        r = client.post("/orgs/BRA/roster/import/", {"file": fh}, follow=True)
    assert r.status_code == 200
    return r, r.redirect_chain[-1][0].rstrip("/").split("/")[-1]


def select_names(html):
    """{header: (select name, selected value)} of the preview's reading selects."""
    out = {}
    for col, body in re.findall(r'<select[^>]*name="col_(\d+)"[^>]*>(.*?)</select>', html, re.DOTALL):
        selected = re.search(r'<option value="([^"]+)" selected', body).group(1)
        out[int(col)] = selected
    return out


def test_swapped_roster_imports_cleanly_through_the_page(tmp_path, world, client, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(world.alice)
    path = xlsx(tmp_path / "花名册.xlsx", [HEAD, *people()], title_rows=["飞龙中学党支部党员花名册"])
    r, token = upload(client, path)
    html = r.content.decode()
    assert "确认导入 4 人" in html, html
    assert "「人员类别」按 在职/离退休 读取" in html and "「党员类别」按 正式/预备 读取" in html
    assert "「职务」按 专业技术职务 读取" in html
    assert select_names(html) == {3: "category", 4: "status", 7: "professional_title"}
    assert not imported(world.branch_a)  # nothing before 确认导入
    seen = {f"seen_{c}": v for c, v in select_names(html).items()}
    r = client.post(
        f"/orgs/BRA/roster/import/{token}/commit/",
        {**seen, **{k.replace("seen_", "col_"): v for k, v in seen.items()}},
        follow=True,
    )
    assert "已导入 4 人" in r.content.decode()
    assert imported(world.branch_a) == EXPECTED


def test_secretary_overrides_the_reading_and_the_committed_rows_follow(tmp_path, world, client, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(world.alice)
    _, token = upload(client, xlsx(tmp_path / "r.xlsx", [HEAD, *people()]))
    # 职务 is to be kept as the post (工作岗位), and 人员类别 not imported at all.
    r = client.post(
        f"/orgs/BRA/roster/import/{token}/", {"col_3": "skip", "col_4": "status", "col_7": "post"}, follow=True
    )
    html = r.content.decode()
    assert "「人员类别」不导入" in html and "「职务」按 工作岗位 读取" in html and "已手动选择" in html
    assert "确认导入 4 人" in html
    assert select_names(html) == {3: "skip", 4: "status", 7: "post"}
    assert not imported(world.branch_a)
    chosen = {"col_3": "skip", "col_4": "status", "col_7": "post"}
    r = client.post(
        f"/orgs/BRA/roster/import/{token}/commit/",
        {**chosen, **{k.replace("col_", "seen_"): v for k, v in chosen.items()}},
        follow=True,
    )
    assert "已导入 4 人" in r.content.decode()
    got = {
        p.name: (p.status, p.category, p.professional_title, p.post)
        for p in Person.objects.filter(org=world.branch_a, name__in=EXPECTED)
    }
    assert got == {  # everyone 在职 (the branch default), no titles, 职务 as written in the post
        "周建国": ("full_member", "employed", "", "高级教师"),
        "吴晓红": ("full_member", "employed", "", "一级教师"),
        "郑海": ("probationary_member", "employed", "", "二级教师"),
        "王丽": ("full_member", "employed", "", ""),
    }


def test_changing_a_select_and_pressing_commit_checks_again_first(tmp_path, world, client, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(world.alice)
    _, token = upload(client, xlsx(tmp_path / "r.xlsx", [HEAD, *people()]))
    seen = {"seen_3": "category", "seen_4": "status", "seen_7": "professional_title"}
    r = client.post(
        f"/orgs/BRA/roster/import/{token}/commit/",
        {**seen, "col_3": "category", "col_4": "status", "col_7": "post"},
        follow=True,
    )
    html = r.content.decode()
    assert "列的读法已改变" in html and "「职务」按 工作岗位 读取" in html
    assert not imported(world.branch_a)
    r = client.post(f"/orgs/BRA/roster/import/{token}/commit/", follow=True)  # the kept reading is used
    assert "已导入 4 人" in r.content.decode()
    assert Person.objects.get(name="周建国", org=world.branch_a).post == "高级教师"


def test_two_columns_chosen_as_one_field_is_refused_in_chinese(tmp_path, world, client, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(world.alice)
    _, token = upload(client, xlsx(tmp_path / "r.xlsx", [HEAD, *people()]))
    r = client.post(
        f"/orgs/BRA/roster/import/{token}/", {"col_3": "status", "col_4": "status", "col_7": "post"}, follow=True
    )
    html = r.content.decode()
    assert r.status_code == 200
    assert "「人员类别」和「党员类别」不能都按 正式/预备 读取" in html and "已改回系统判断的读法" in html
    assert select_names(html) == {3: "category", 4: "status", 7: "professional_title"}
    assert not imported(world.branch_a)


def test_wrong_reading_chosen_gives_row_errors_and_imports_nobody(tmp_path, world, client, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(world.alice)
    _, token = upload(client, xlsx(tmp_path / "r.xlsx", [HEAD, *people()]))
    r = client.post(
        f"/orgs/BRA/roster/import/{token}/", {"col_3": "status", "col_4": "category", "col_7": "post"}, follow=True
    )
    html = r.content.decode()
    assert "没有导入任何人员" in html and "确认导入" not in html
    assert "第2行" in html and "人员类别" in html and "退休" in html and "不是允许的值，可选：入党申请人" in html
    assert 'name="col_3"' in html  # the readings can be put right from the failure page
    assert client.post(f"/orgs/BRA/roster/import/{token}/commit/", follow=True).status_code == 200
    assert not imported(world.branch_a)


def test_values_that_fit_neither_get_row_errors_naming_row_field_reason(tmp_path, world):
    rows = people()
    for row in rows:
        row[3], row[4] = "合同制", "在职"  # 人员类别 is neither 正式/预备 nor 在职/离退休; 党员类别 is 在职
    result = validate(xlsx(tmp_path / "r.xlsx", [HEAD, *rows]), org=world.branch_a)
    assert [c.summary for c in result.choices][:2] == [
        "「人员类别」按 正式/预备 读取",
        "「党员类别」按 在职/离退休 读取",
    ]
    got = {(p.row, p.column, p.reason) for p in result.problems}
    assert got == {
        (n, "人员类别", "不是允许的值，可选：入党申请人、入党积极分子、发展对象、预备党员、正式党员")
        for n in (2, 3, 4, 5)
    }
    before = Person.objects.count()
    assert import_roster(xlsx(tmp_path / "r2.xlsx", [HEAD, *rows]), org=world.branch_a, actor=world.alice).created == 0
    assert Person.objects.count() == before


def test_values_that_fit_neither_take_the_reading_left_when_their_name_reading_is_taken(tmp_path, world):
    rows = people()
    for row in rows:
        row[3] = "合同制"  # 党员类别 holds 正式/预备, so only 在职/离退休 is left for 人员类别
    result = validate(xlsx(tmp_path / "r.xlsx", [HEAD, *rows]), org=world.branch_a)
    assert [c.summary for c in result.choices][:2] == [
        "「人员类别」按 在职/离退休 读取",
        "「党员类别」按 正式/预备 读取",
    ]
    assert {(p.row, p.column, p.reason) for p in result.problems} == {
        (n, "人员类别", "不是允许的值，可选：在职、离退休、学生、其他") for n in (2, 3, 4, 5)
    }


def test_only_renyuan_leibie_with_member_status_imports_as_before(tmp_path, world, capsys):
    head = ["姓名", "身份证号", "人员类别", "入党时间", "转正时间"]
    rows = [[r[1], r[2], r[4], r[5], r[6]] for r in people()]
    call_command("import-roster", str(xlsx(tmp_path / "r.xlsx", [head, *rows])), "--org", "BRA")
    out = capsys.readouterr().out
    assert "「人员类别」按 正式/预备 读取" in out and "导入 4 人" in out
    assert {n: v[:2] for n, v in imported(world.branch_a).items()} == {
        "周建国": ("full_member", "employed"),
        "吴晓红": ("full_member", "employed"),
        "郑海": ("probationary_member", "employed"),
        "王丽": ("full_member", "employed"),
    }


def test_cli_prints_the_readings_and_imports_the_swapped_roster(tmp_path, world, capsys):
    path = xlsx(tmp_path / "r.xlsx", [HEAD, *people()])
    call_command("import-roster", str(path), "--org", "BRA")
    out = capsys.readouterr().out
    assert "「人员类别」按 在职/离退休 读取" in out and "「党员类别」按 正式/预备 读取" in out
    assert "导入 4 人" in out
    assert imported(world.branch_a) == EXPECTED


def test_cli_column_override(tmp_path, world, capsys):
    path = xlsx(tmp_path / "r.xlsx", [HEAD, *people()])
    call_command("import-roster", str(path), "--org", "BRA", "--column", "人员类别=不导入", "--column", "职务=工作岗位")
    out = capsys.readouterr().out
    assert "「人员类别」不导入" in out and "「职务」按 工作岗位 读取" in out
    zhou = Person.objects.get(name="周建国", org=world.branch_a)
    assert (zhou.category, zhou.post, zhou.professional_title) == ("employed", "高级教师", "")
    with pytest.raises(CommandError, match="应写成 列名=读法"):
        call_command("import-roster", str(path), "--org", "BRA", "--column", "人员类别")
    with pytest.raises(CommandError, match="表中没有需要选择读法的列“学历”"):
        call_command("import-roster", str(path), "--org", "BRA", "--column", "学历=status")


def test_only_the_first_non_blank_values_are_sampled_and_a_big_roster_still_imports(tmp_path, world):
    """A long roster: the decision looks at a sample, and every row is still checked and written."""
    rows = []
    for i in range(1200):
        birth = datetime.date(1950 + i % 30, 1 + i % 12, 1 + i % 28)
        rows.append(
            [
                i + 1,
                f"测试{i}",
                make_id("330203", birth, 100 + i, "male" if i % 2 else "female"),
                "退休" if i % 5 == 0 else "在职",
                "预备党员" if i % 7 == 0 else "正式党员",
                "2026.07" if i % 7 == 0 else "2000.07",
                "" if i % 7 == 0 else "2001.07",
                "",
            ]
        )
    result = import_roster(xlsx(tmp_path / "big.xlsx", [HEAD, *rows]), org=world.branch_a, actor=world.alice)
    assert result.ok, result.problems[:3]
    assert result.created == 1200
    people_ = Person.objects.filter(org=world.branch_a, name__startswith="测试")
    assert people_.filter(category="retired").count() == 240
    assert people_.filter(status="probationary_member").count() == len([i for i in range(1200) if i % 7 == 0])


def test_a_bracketed_note_in_the_header_does_not_hide_it():
    head = ["姓名", "人员类别（在职/退休）", "党员类别(正式/预备)"]
    samples = {1: ["在职", "退休"], 2: ["正式党员", "预备党员"]}
    assert decide_columns(head, samples).columns == {0: "name", 1: "category", 2: "status"}
    assert decide_columns(head, samples, {"人员类别": "skip"}).columns == {0: "name", 2: "status"}
