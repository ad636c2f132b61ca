"""Roster import: header variants, value forms, every validation case, all-or-nothing, CLI, web flow."""

import datetime
import io

import openpyxl
import pytest
import xlsxwriter
from django.core.management import CommandError, call_command

from dangjian.core.models import AuditEvent
from dangjian.lib.idcard import make as make_id
from dangjian.members.models import Person
from dangjian.members.roster_io import parse
from dangjian.members.roster_io.importer import RosterFileError, import_roster, validate
from dangjian.members.roster_io.report import error_workbook
from dangjian.members.roster_io.template import build_template

HEAD = ["姓名", "性别", "出生日期", "公民身份号码", "人员类别", "入党时间", "转正时间", "学历", "专业技术职务"]
B1 = datetime.date(1980, 3, 15)
B2 = datetime.date(1992, 7, 1)
ID1 = make_id("110105", B1, 11, "male")
ID2 = make_id("110105", B2, 12, "female")


def good_rows():
    return [
        ["张三", "男", "1980-03-15", ID1, "正式党员", "2005-07-01", "2006-07-01", "大学本科", "中级"],
        ["李四", "女", "1992.07.01", ID2, "预备党员", "2026年3月1日", "", "研究生", "初级"],
    ]


def xlsx(path, rows, *, title_rows=(), sheet="Sheet1"):
    """Write rows as typed cells: str as text, int/float as numbers, dates as Excel dates."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(sheet)
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    r = 0
    for title in title_rows:
        ws.write_string(r, 0, title)
        r += 1
    for row in rows:
        for c, v in enumerate(row):
            if isinstance(v, datetime.date):
                ws.write_datetime(r, c, datetime.datetime.combine(v, datetime.time()), date_fmt)
            elif isinstance(v, (int, float)):
                ws.write_number(r, c, v)
            elif v != "":
                ws.write_string(r, c, v)
        r += 1
    book.close()
    return path


def check(tmp_path, world, rows, head=HEAD, **kw):
    return validate(
        xlsx(tmp_path / "r.xlsx", [head, *rows], **kw), org=world.branch_a, today=datetime.date(2026, 11, 21)
    )


def reasons(result):
    return [(p.row, p.column, p.reason) for p in result.problems]


# --- parsing values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        (datetime.date(2019, 11, 5), datetime.date(2019, 11, 5)),
        (datetime.datetime(2019, 11, 5, 0, 0), datetime.date(2019, 11, 5)),
        (43774.0, datetime.date(2019, 11, 5)),
        ("2019-11-05", datetime.date(2019, 11, 5)),
        ("2019/11/05", datetime.date(2019, 11, 5)),
        ("2019.11.05", datetime.date(2019, 11, 5)),
        ("2019.11.5", datetime.date(2019, 11, 5)),
        ("2019年11月5日", datetime.date(2019, 11, 5)),
        ("2019.11", datetime.date(2019, 11, 1)),
        ("2019年11月", datetime.date(2019, 11, 1)),
        ("2019-11", datetime.date(2019, 11, 1)),
        ("20191105", datetime.date(2019, 11, 5)),
        (20191105.0, datetime.date(2019, 11, 5)),
        (2019.11, datetime.date(2019, 11, 1)),
        (2019.05, datetime.date(2019, 5, 1)),
        ("２０１９．１１．０５", datetime.date(2019, 11, 5)),
        ("2019-11-05 00:00:00", datetime.date(2019, 11, 5)),
    ],
)
def test_dates_in_common_forms_are_read(raw, expected):
    assert parse.date_value(raw) == expected


@pytest.mark.parametrize(
    "raw, reason",
    [
        ("2019-02-30", "日期 2019-02-30 不存在"),
        ("2019.13", "不存在"),
        ("前年", "无法识别的日期"),
        (1985.0, "只有年份"),
        (2019.1, "分不清是1月还是10月"),
        ("1850-01-01", "年份 1850 不合理"),
    ],
)
def test_impossible_or_unreadable_dates_are_refused(raw, reason):
    with pytest.raises(ValueError, match=reason):
        parse.date_value(raw)


def test_header_variants_map_to_fields():
    for header, field in [
        ("公民身份号码", "id_number"),
        ("身份证号", "id_number"),
        ("身份证号码", "id_number"),
        ("入党时间", "join_date"),
        ("入党日期", "join_date"),
        ("转正时间", "confirmation_date"),
        ("转正日期", "confirmation_date"),
        ("专业技术职务", "professional_title"),
        ("职称", "professional_title"),
        ("学历", "education"),
        ("文化程度", "education"),
        ("人员类别", "status"),
        ("性别", "gender"),
        ("民族", "ethnicity"),
        ("出生日期", "birth_date"),
        ("出生年月", "birth_date"),
        ("籍贯", "native_place"),
        ("学位", "degree"),
        ("岗位", "post"),
        ("职务", "post"),
        ("任教学科", "subject"),
        ("学科", "subject"),
        ("联系电话", "phone"),
        ("手机", "phone"),
        ("电话", "phone"),
        ("党小组", "group"),
        ("流动党员", "is_mobile"),
        ("失联党员", "is_lost_contact"),
        ("姓  名", "name"),
        ("姓名*", "name"),
        ("出生日期（年月）", "birth_date"),
        ("党员类别", "category"),
        ("类别", "category"),
    ]:
        assert parse.header_field(header) == field, header  # by name alone; values decide ambiguous ones


def test_enum_aliases_and_unknown_value_lists_allowed():
    assert parse.enum_value("education", "本科") == "bachelor"
    assert parse.enum_value("professional_title", "高级教师") == "senior_deputy"
    assert parse.enum_value("status", "中共预备党员") == "probationary_member"
    with pytest.raises(ValueError, match="可选：研究生、大学本科、大学专科、中专、高中及以下"):
        parse.enum_value("education", "函授")


# --- whole files ----------------------------------------------------------------------------------


def test_good_file_with_title_rows_validates(tmp_path, world):
    result = check(tmp_path, world, good_rows(), title_rows=["飞龙中学党支部党员花名册", "填表日期：2026年11月"])
    assert result.ok, reasons(result)
    assert result.header_row == 3
    assert [r for r, _ in result.rows] == [4, 5]
    first = result.rows[0][1]
    assert first["gender"] == "male" and first["birth_date"] == B1 and first["education"] == "bachelor"
    assert result.rows[1][1]["join_date"] == datetime.date(2026, 3, 1)


def test_header_variants_in_a_real_looking_roster(tmp_path, world):
    head = ["序号", "姓 名", "身份证号码", "入党日期", "转正日期", "职称", "文化程度", "党员类别", "联系电话", "备注"]
    rows = [
        [1, "张三", ID1, "2005.07", "2006.07", "高级教师", "本科", "在职", 13812345678, ""],
        [2, "李四", ID2, "2015.03", "2016.03", "未定级", "硕士研究生", "在职", "0571-88886666", "新调入"],
    ]
    result = check(tmp_path, world, rows, head=head, title_rows=["花名册"])
    assert result.ok, reasons(result)
    zhang = result.rows[0][1]
    assert zhang["gender"] == "male" and zhang["birth_date"] == B1  # derived from the ID
    assert zhang["category"] == "employed" and zhang["status"] == "full_member"  # 党员类别 read as 在职/离退休
    assert zhang["phone"] == "13812345678" and zhang["professional_title"] == "senior_deputy"
    assert result.ignored == []  # 序号 and 备注 are known extras


def test_no_header_row_is_a_file_error(tmp_path, world):
    with pytest.raises(RosterFileError, match="没有找到表头"):
        check(tmp_path, world, [["a", "b"]], head=["甲", "乙", "丙"])


def test_bad_id_checksum_length_and_birth_date(tmp_path, world):
    bad_check = ID1[:-1] + ("0" if ID1[-1] != "0" else "1")
    rows = [
        ["甲", "男", "1980-03-15", bad_check, "正式党员", "2005-07-01", "2006-07-01", "", ""],
        ["乙", "男", "1980-03-15", ID1[:17], "正式党员", "2005-07-01", "2006-07-01", "", ""],
        ["丙", "男", "1980-03-15", "110105198002301234", "正式党员", "2005-07-01", "2006-07-01", "", ""],
    ]
    got = reasons(check(tmp_path, world, rows))
    assert (2, "公民身份号码", f"校验码错误（末位应为 {ID1[-1]}）") in got
    assert (3, "公民身份号码", "应为18位，实际17位") in got
    assert (4, "公民身份号码", "出生日期 19800230 不存在") in got


def test_id_stored_as_a_number_is_refused(tmp_path, world):
    rows = [["甲", "男", "1980-03-15", float(ID1[:17] + "0"), "正式党员", "2005-07-01", "2006-07-01", "", ""]]
    result = check(tmp_path, world, rows)
    [p] = result.problems
    assert p.row == 2 and p.column == "公民身份号码" and "存成了数字" in p.reason and "第16–18位" in p.reason
    assert p.value == ID1[:15] + "000"  # quoted as Excel shows it


def test_impossible_date_and_unknown_enum_and_missing_required(tmp_path, world):
    rows = [
        ["甲", "男", "1980-02-30", "", "正式党员", "2005-07-01", "2006-07-01", "", ""],
        ["乙", "未知", "1980-03-15", "", "正式党员", "2005-07-01", "2006-07-01", "函授", "特级"],
        ["", "男", "1980-03-15", "", "正式党员", "2005-07-01", "2006-07-01", "", ""],
        ["丁", "", "", "", "正式党员", "2005-07-01", "2006-07-01", "", ""],
        ["戊", "女", "1980-03-15", "", "党外人士", "", "", "", ""],
    ]
    got = reasons(check(tmp_path, world, rows))
    assert (2, "出生日期", "日期 1980-02-30 不存在") in got
    assert (3, "性别", "不是允许的值，可选：男、女") in got
    assert (3, "学历", "不是允许的值，可选：研究生、大学本科、大学专科、中专、高中及以下") in got
    assert any(r[:2] == (3, "专业技术职务") and "正高级" in r[2] for r in got)
    assert (4, "姓名", "不能为空") in got
    assert (5, "性别", "不能为空（或填写正确的公民身份号码）") in got
    assert (5, "出生日期", "不能为空（或填写正确的公民身份号码）") in got
    assert any(r[:2] == (6, "人员类别") and "入党申请人" in r[2] for r in got)


def test_member_needs_join_date_and_dates_must_agree(tmp_path, world):
    rows = [
        ["甲", "男", "1980-03-15", ID1, "正式党员", "", "", "", ""],
        ["乙", "女", "1992-07-01", ID2, "正式党员", "2015-07-01", "2015-01-01", "", ""],
        ["丙", "女", "1992-07-01", "", "预备党员", "2008-07-01", "", "", ""],
        ["丁", "女", "1980-03-16", ID1, "申请人", "", "", "", ""],
    ]
    got = reasons(check(tmp_path, world, rows))
    assert (2, "入党时间", "党员必须填写入党时间") in got
    assert (3, "转正时间", "转正时间必须晚于入党时间") in got
    assert (4, "入党时间", "入党时未满18周岁（党章第一条）") in got
    assert (5, "出生日期", "出生日期与身份证号不一致（身份证为 1980-03-15）") in got
    assert (5, "性别", "性别与身份证号不一致（身份证为男）") in got


def test_duplicates_within_file_and_against_database(tmp_path, world):
    rows = good_rows() + [
        ["张三", "男", "1980-03-15", ID1, "正式党员", "2005-07-01", "2006-07-01", "", ""],
        ["王芳", "女", "1985-04-12", world.person_a.id_number, "正式党员", "2010-06-20", "2011-06-20", "", ""],
        ["李强", "男", "1985-04-12", world.person_b.id_number, "正式党员", "2010-06-20", "2011-06-20", "", ""],
    ]
    got = reasons(check(tmp_path, world, rows))
    assert (4, "公民身份号码", "与第2行的公民身份号码重复") in got
    assert (5, "公民身份号码", "系统中已有此公民身份号码：飞龙中学党支部的王芳") in got
    assert (6, "公民身份号码", "系统中已有此公民身份号码：昆山二中第一支部的李强") in got


def test_groups_map_by_name_and_unknown_group_is_an_error(tmp_path, world):
    head = HEAD + ["党小组", "流动党员", "流动开始日期"]
    rows = [good_rows()[0] + ["第一党小组", "是", "2024.09"], good_rows()[1] + ["第九党小组", "", ""]]
    result = check(tmp_path, world, rows, head=head)
    [p] = result.problems
    assert (p.row, p.column) == (3, "党小组") and "现有：第一党小组" in p.reason
    rows[1][-3] = ""
    result = check(tmp_path, world, rows, head=head)
    assert result.ok, reasons(result)
    assert result.rows[0][1]["group"] == world.group_a and result.rows[0][1]["mobile_since"] == datetime.date(
        2024, 9, 1
    )


def test_one_bad_row_imports_nothing_and_good_file_imports_all(tmp_path, world):
    before = Person.objects.count()
    rows = good_rows() + [["坏", "男", "1980-02-30", "", "正式党员", "2005-07-01", "2006-07-01", "", ""]]
    path = xlsx(tmp_path / "bad.xlsx", [HEAD, *rows])
    result = import_roster(path, org=world.branch_a, actor=world.alice)
    assert not result.ok and result.created == 0 and Person.objects.count() == before
    path = xlsx(tmp_path / "good.xlsx", [HEAD, *good_rows()])
    result = import_roster(path, org=world.branch_a, actor=world.alice, source="good.xlsx")
    assert result.ok and result.created == 2
    zhang = Person.objects.get(id_number=ID1)
    assert (
        zhang.org == world.branch_a and zhang.bureau == world.bureau and zhang.stroke_key and "zhangsan" in zhang.pinyin
    )
    event = AuditEvent.objects.get(kind="person.import", subject_id=zhang.pk)
    assert event.actor == world.alice and event.data["changes"]["name"] == [None, "张三"]
    assert event.data["source"] == "good.xlsx"


def test_imported_people_are_like_hand_made_ones_and_ids_keep_counting(tmp_path, world):
    from dangjian.lib.pinyin import name_pinyin
    from dangjian.lib.strokes import stroke_key
    from tests.conftest import add_person

    import_roster(xlsx(tmp_path / "good.xlsx", [HEAD, *good_rows()]), org=world.branch_a, actor=world.alice)
    for person in Person.objects.filter(id_number__in=[ID1, ID2]):
        person.full_clean()
        assert person.pinyin == name_pinyin(person.name) and person.stroke_key == stroke_key(person.name)
        assert person.on_roll and person.ethnicity == "汉族" and person.category == "employed" and person.group is None
    li = Person.objects.get(id_number=ID2)
    assert li.status == "probationary_member" and li.education == "postgraduate" and li.confirmation_date is None
    later = add_person(world.branch_a, "后来", seq=40)  # the ORM's own inserts continue after the imported ids
    assert later.pk > li.pk
    assert AuditEvent.objects.filter(kind="person.import").count() == 2
    assert AuditEvent.objects.filter(kind="roster.import", subject_id=world.branch_a.pk).get().data["count"] == 2


def test_import_only_into_a_branch(tmp_path, world):
    path = xlsx(tmp_path / "good.xlsx", [HEAD, *good_rows()])
    with pytest.raises(RosterFileError, match="不是党支部"):
        import_roster(path, org=world.bureau, actor=world.bob)


def test_error_workbook_marks_bad_cells(tmp_path, world):
    rows = good_rows() + [["坏", "男", "1980-02-30", "", "正式党员", "2005-07-01", "2006-07-01", "", ""]]
    result = check(tmp_path, world, rows, title_rows=["标题"])
    data = error_workbook(result)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Sheet1"]
    cell = ws.cell(row=5, column=3)
    assert cell.value == "1980-02-30" and cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert "不存在" in cell.comment.text
    assert ws.cell(row=2, column=len(HEAD) + 1).value == "错误说明"
    assert "不存在" in ws.cell(row=5, column=len(HEAD) + 1).value
    assert ws.cell(row=4, column=3).fill.fgColor.rgb in (None, "00000000")


def test_template_has_headers_text_columns_and_hints(world, tmp_path):
    data = build_template(world.branch_a)
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    ws = openpyxl.load_workbook(path).active
    headers = [c.value for c in ws[3]]
    assert headers[:3] == ["姓名 *", "性别 *", "民族"]
    id_col = headers.index("公民身份号码") + 1
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(id_col)].number_format == "@"
    assert "可选：研究生" in ws.cell(row=3, column=headers.index("学历") + 1).comment.text
    # A template filled in by hand imports cleanly.
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for c, v in enumerate(["赵六", "男", "汉", "1980-03-15", ID1], start=1):
        ws.cell(row=4, column=c, value=v)
    ws.cell(row=4, column=headers.index("入党时间") + 1, value="2005.07")
    ws.cell(row=4, column=headers.index("转正时间") + 1, value="2006.07")
    wb.save(path)
    result = validate(path, org=world.branch_a)
    assert result.ok, reasons(result)
    assert result.rows[0][1]["ethnicity"] == "汉族"


# --- CLI ------------------------------------------------------------------------------------------


def test_cli_import_success_dry_run_and_failure(tmp_path, world, capsys):
    good = xlsx(tmp_path / "good.xlsx", [HEAD, *good_rows()])
    call_command("import-roster", str(good), "--org", "BRA", "--dry-run")
    assert "可导入 2 人" in capsys.readouterr().out
    assert not Person.objects.filter(id_number=ID1).exists()
    call_command("import-roster", str(good), "--org", "BRA")
    assert "导入 2 人" in capsys.readouterr().out
    assert Person.objects.filter(id_number__in=[ID1, ID2]).count() == 2
    assert AuditEvent.objects.get(kind="person.import", subject_id=Person.objects.get(id_number=ID1).pk).actor is None
    bad = xlsx(
        tmp_path / "bad.xlsx", [HEAD, ["坏", "男", "1980-02-30", "", "正式党员", "2005-07-01", "2006-07-01", "", ""]]
    )
    with pytest.raises(CommandError, match="共 1 处问题，未导入任何人员") as exc:
        call_command("import-roster", str(bad), "--org", "BRA")
    assert exc.value.returncode == 1
    assert "第2行 「出生日期」 1980-02-30：日期 1980-02-30 不存在" in capsys.readouterr().err
    with pytest.raises(CommandError, match="NOPE"):
        call_command("import-roster", str(good), "--org", "NOPE")


# --- web flow -------------------------------------------------------------------------------------


def test_web_upload_preview_commit(tmp_path, world, client, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(world.alice)
    assert client.get("/orgs/BRA/roster/import/").status_code == 200
    tpl = client.get("/orgs/BRA/roster/import/template.xlsx")
    assert tpl.status_code == 200 and tpl["Content-Type"].startswith("application/vnd.openxmlformats")
    path = xlsx(
        tmp_path / "bad.xlsx",
        [HEAD, *good_rows(), ["坏", "男", "1980-02-30", "", "正式党员", "2005-07-01", "2006-07-01", "", ""]],
    )
    with open(path, "rb") as fh:
        r = client.post("/orgs/BRA/roster/import/", {"file": fh}, follow=True)
    html = r.content.decode()
    assert "第4行" in html and "出生日期" in html and "不存在" in html and "确认导入" not in html
    token = r.redirect_chain[-1][0].rstrip("/").split("/")[-1]
    marked = client.get(f"/orgs/BRA/roster/import/{token}/errors.xlsx")
    assert marked.status_code == 200 and marked.content[:2] == b"PK"
    client.force_login(world.charlie)
    assert client.get(f"/orgs/BRA/roster/import/{token}/").status_code == 404
    client.force_login(world.alice)
    path = xlsx(tmp_path / "good.xlsx", [HEAD, *good_rows()])
    with open(path, "rb") as fh:
        r = client.post("/orgs/BRA/roster/import/", {"file": fh}, follow=True)
    assert "确认导入" in r.content.decode() and "张三" in r.content.decode()
    assert not Person.objects.filter(id_number=ID1).exists()
    token = r.redirect_chain[-1][0].rstrip("/").split("/")[-1]
    r = client.post(f"/orgs/BRA/roster/import/{token}/commit/", follow=True)
    assert "已导入 2 人" in r.content.decode()
    assert Person.objects.filter(id_number__in=[ID1, ID2], org=world.branch_a).count() == 2
    # Used up: confirming again (Back, then 确认导入) explains itself and offers the upload form (issue #19).
    again = client.post(f"/orgs/BRA/roster/import/{token}/commit/", follow=True)
    assert again.redirect_chain[-1][0] == "/orgs/BRA/roster/import/"
    assert "导入已完成或已过期，请重新上传" in again.content.decode()
    assert Person.objects.filter(id_number__in=[ID1, ID2]).count() == 2  # nothing imported twice
    back = client.get(f"/orgs/BRA/roster/import/{token}/", follow=True)
    assert back.redirect_chain[-1][0] == "/orgs/BRA/roster/import/" and "请重新上传" in back.content.decode()


def test_out_of_scope_secretary_gets_404(world, client):
    client.force_login(world.charlie)
    assert client.get("/orgs/BRA/roster/import/").status_code == 404
    assert client.get("/orgs/BRA/roster/import/template.xlsx").status_code == 404


# --- .xls (Excel 97–2003 / WPS) -------------------------------------------------------------------
# tests/members/data/*.xls were written once with xlwt 1.3.0: a title row, header variants, an Excel
# date cell, text dates and, in roster_numeric_id.xls, 李四's ID typed as a number.
DATA = __import__("pathlib").Path(__file__).parent / "data"


def test_xls_file_is_read_like_xlsx(world):
    result = validate(DATA / "roster.xls", org=world.branch_a, today=datetime.date(2026, 11, 21))
    assert result.ok, reasons(result)
    assert result.header_row == 2 and [r for r, _ in result.rows] == [3, 4]
    zhang, li = result.rows[0][1], result.rows[1][1]
    assert zhang["birth_date"] == datetime.date(1980, 3, 15) and zhang["join_date"] == datetime.date(2005, 7, 1)
    assert zhang["confirmation_date"] == datetime.date(2006, 7, 1) and zhang["status"] == "full_member"
    assert li["status"] == "probationary_member" and li["birth_date"] == datetime.date(1992, 7, 1)
    assert li["education"] == "postgraduate"


def test_xls_with_numeric_id_is_refused(world):
    result = validate(DATA / "roster_numeric_id.xls", org=world.branch_a, today=datetime.date(2026, 11, 21))
    [p] = result.problems
    assert (p.row, p.column) == (4, "身份证号") and "存成了数字" in p.reason


def test_web_accepts_xls_upload(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(world.alice)
    with open(DATA / "roster.xls", "rb") as fh:
        r = client.post("/orgs/BRA/roster/import/", {"file": fh}, follow=True)
    assert "确认导入 2 人" in r.content.decode()


def test_web_refuses_other_file_types(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(world.alice)
    path = tmp_path / "roster.csv"
    path.write_text("姓名,性别\n")
    with open(path, "rb") as fh:
        r = client.post("/orgs/BRA/roster/import/", {"file": fh}, follow=True)
    assert "请上传 Excel 表格" in r.content.decode()
