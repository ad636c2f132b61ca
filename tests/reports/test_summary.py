"""The annual work summary drafted from the records: every number true, never an "X", exported as .docx."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from docx import Document

from dangjian.dues.models import DuesPayment
from dangjian.meetings.models import Kind
from dangjian.reports.models import SummaryDraft
from tests.conftest import add_person
from tests.dues.helpers import generate, pay, set_base
from tests.meetings.conftest import hold
from tests.recruitment.conftest import advance, applicant, path_2014, path_2026

D = datetime.date
YEAR = 2026


@pytest.fixture
def small_world(world):
    """Branch A in 2026: 党员大会 in three quarters only (Q3 missing), a 党课, one admission
    (approved 2026-08-10), one conversion (approved 2026-02-20), dues paid for Jan–Mar."""
    from dangjian.recruitment import services

    b = world.branch_a
    hold(b, Kind.GENERAL_MEETING, D(2026, 2, 10), topic="传达上级会议精神")
    hold(b, Kind.GENERAL_MEETING, D(2026, 5, 12), topic="学习党章")
    hold(b, Kind.GENERAL_MEETING, D(2026, 11, 3), topic="年度工作部署")
    hold(b, Kind.PARTY_LECTURE, D(2026, 5, 30), topic="做有责任心的文化人", lecturer=world.person_a)
    hold(b, Kind.THEME_DAY, D(2026, 3, 24), topic="参观海军护卫舰")
    new = services.case_open(actor=world.alice, person=applicant(b, "赵慧莉", 40), opened_on=D(2025, 3, 1))
    advance(new, world.alice, path_2026(world))
    old = services.case_open(actor=world.alice, person=applicant(b, "施轶", 41), opened_on=D(2023, 9, 1))
    advance(old, world.alice, path_2014(world))
    set_base(world, world.person_a)
    set_base(world, world.person_dave)
    generate(world, "2026-01", "2026-02", "2026-03")
    pay(world, world.person_a, ["2026-01", "2026-02", "2026-03"])
    pay(world, world.person_dave, ["2026-01"])
    return world


def _texts(paragraphs):
    return "\n".join(p["text"] for p in paragraphs)


def test_summary_numbers_equal_the_records(small_world, client):
    w = small_world
    client.force_login(w.alice)
    page = client.get(f"/reports/org/BRA/summary/{YEAR}/")
    assert page.status_code == 200
    text = _texts(page.context["paragraphs"])
    total = sum(
        DuesPayment.objects.filter(org=w.branch_a, paid_on__year=YEAR).values_list("amount", flat=True), Decimal(0)
    )
    assert total > 0
    assert f"{YEAR}年发展预备党员1人，转正预备党员1人，培养入党积极分子0人、确定发展对象1人" in text
    assert "赵慧莉同志被接收为预备党员" in text
    assert f"{YEAR}年党员共缴纳党费{total.normalize():f}元（2人交纳）" in text
    assert f"{YEAR}年共召开支部党员大会3次、党课1次、主题党日1次" in text
    assert "5月30日，王芳讲授“做有责任心的文化人”" in text
    # the gap is named in plain words under 二、存在的问题及原因, with the calendar as its evidence; the rule
    # code goes to the 检查提示 shown on the page, never into the document
    problems = text.split("二、存在的问题及原因")[1].split("三、下一步工作打算")[0]
    assert "第三季度未召开支部党员大会" in problems
    assert not re.search(r"[A-Z]+-\d+", text)
    html = page.content.decode()
    assert "/meetings/org/BRA/calendar/2026/" in html
    assert "检查提示" in html and "第三季度未召开支部党员大会（LIFE-01）" in html
    assert not re.search(r"X", text)


def test_honours_and_volunteer_service_are_named_with_their_numbers(world, client):
    from dangjian.plans.services import activity_create, honour_create

    w = world
    honour_create(
        actor=w.alice,
        org=w.branch_a,
        title="先进基层党组织",
        level="district",
        awarded_by="江北区委教育工委",
        awarded_on=D(2026, 6, 28),
    )
    honour_create(
        actor=w.alice,
        org=w.branch_a,
        person=w.person_a,
        title="优秀共产党员",
        level="school",
        awarded_by="飞龙中学",
        awarded_on=D(2026, 7, 1),
    )
    honour_create(
        actor=w.alice, org=w.branch_a, title="往年荣誉", level="school", awarded_by="飞龙中学", awarded_on=D(2025, 7, 1)
    )
    activity_create(
        actor=w.alice,
        org=w.branch_a,
        kind="volunteer",
        title="社区义务辅导",
        held_on=D(2026, 4, 18),
        people=[(w.person_a, Decimal("2.5")), (w.person_dave, Decimal("3"))],
    )
    activity_create(actor=w.alice, org=w.branch_a, kind="pairing", title="走访结对学生家庭", held_on=D(2026, 9, 9))
    client.force_login(w.alice)
    paragraphs = client.get(f"/reports/org/BRA/summary/{YEAR}/").context["paragraphs"]
    text = _texts(paragraphs)
    assert re.search(r"（[一二三四五六七八九十]+）发挥党员先锋模范作用", text)
    assert f"{YEAR}年组织开展志愿服务1次、结对帮扶走访1次，2名党员参加志愿服务，累计5.5小时" in text
    assert (
        f"{YEAR}年共获得荣誉2项（集体1项、个人1项）：飞龙中学党支部获评“先进基层党组织”（江北区委教育工委，区（县）级）；"
        "王芳同志获评“优秀共产党员”（飞龙中学，校级）。"
    ) in text
    assert "往年荣誉" not in text
    para = next(p for p in paragraphs if "共获得荣誉" in p["text"])
    assert {f["label"] for f in para["facts"]} >= {f"{YEAR}年获得的荣誉", "集体荣誉", "个人荣誉"}


def test_a_year_without_honours_or_activities_claims_none(world, client):
    client.force_login(world.alice)
    text = _texts(client.get(f"/reports/org/BRA/summary/{YEAR}/").context["paragraphs"])
    assert "创先争优" not in text and "荣誉" not in text and "志愿服务" not in text


def test_every_fact_links_to_its_records_and_appears_in_its_paragraph(small_world, client):
    client.force_login(small_world.alice)
    paragraphs = client.get(f"/reports/org/BRA/summary/{YEAR}/").context["paragraphs"]
    facts = [(p, f) for p in paragraphs for f in p["facts"]]
    assert len(facts) > 10
    for p, f in facts:
        assert f["source_url"].startswith("/"), f
        if "未达要求的期数" not in f["label"]:
            assert f["value"] in p["text"], (f, p["text"])


def test_a_branch_without_records_says_so_to_the_secretary_not_in_the_document(world, client):
    client.force_login(world.alice)
    page = client.get(f"/reports/org/BRA/summary/{YEAR}/")
    text = _texts(page.context["paragraphs"])
    hints = " ".join(h["text"] for h in page.context["hints"])
    assert f"没有{YEAR}年党费收缴记录" in hints
    assert "系统" not in text and "未录入" not in text
    assert "党费" not in text.split("二、存在的问题及原因")[0]  # nothing claimed about dues with no dues records
    assert "X" not in text and "Ｘ" not in text


def test_draft_is_editable_saved_and_exported_as_docx(small_world, client):
    client.force_login(small_world.alice)
    url = f"/reports/org/BRA/summary/{YEAR}/"
    paragraphs = client.get(url).context["paragraphs"]
    texts = [p["text"] for p in paragraphs]
    texts[2] = "今年，我们支部认真落实各项制度。"
    resp = client.post(url, {"kind": "summary", "action": "save", "text": texts})
    assert resp.status_code == 302
    draft = SummaryDraft.objects.get(org=small_world.branch_a, year=YEAR, kind="summary")
    assert draft.paragraphs[2]["text"] == "今年，我们支部认真落实各项制度。"
    assert draft.edited_by == small_world.alice
    doc = client.get(f"/reports/org/BRA/summary/{YEAR}.docx")
    assert doc.status_code == 200
    lines = [p.text for p in Document(io.BytesIO(doc.content)).paragraphs]
    assert "今年，我们支部认真落实各项制度。" in lines
    for head in ("一、主要工作", "二、存在的问题及原因", "三、下一步工作打算"):
        assert head in lines
    # regenerate brings back the text from the records
    client.post(url, {"kind": "summary", "action": "regenerate"})
    draft.refresh_from_db()
    assert draft.paragraphs[2]["text"] != "今年，我们支部认真落实各项制度。"


def test_duty_report_has_its_own_headings(small_world, client):
    client.force_login(small_world.bob)
    doc = client.get(f"/reports/org/BRA/summary/{YEAR}.docx?kind=duty")
    lines = [p.text for p in Document(io.BytesIO(doc.content)).paragraphs]
    assert lines[0] == f"飞龙中学党支部书记{YEAR}年度抓基层党建工作述职报告"
    assert "二、存在的主要问题及原因" in lines and "三、下步工作思路和主要措施" in lines


def test_out_of_scope_summary_is_404(world, client):
    client.force_login(world.charlie)
    assert client.get(f"/reports/org/BRA/summary/{YEAR}/").status_code == 404
    assert client.get(f"/reports/org/BRA/summary/{YEAR}.docx").status_code == 404
    client.force_login(world.dave)  # a plain member does not manage the branch
    assert client.get(f"/reports/org/BRA/summary/{YEAR}/").status_code == 404


def test_ledger_book_has_every_chapter_with_the_years_records(small_world, client, tmp_path):
    from django.core.management import call_command

    client.force_login(small_world.alice)
    resp = client.get(f"/reports/org/BRA/ledger/{YEAR}.docx")
    assert resp.status_code == 200
    doc = Document(io.BytesIO(resp.content))
    lines = [p.text for p in doc.paragraphs]
    for head in (
        "一、组织概况",
        "二、组织生活",
        "三、发展党员",
        "四、党费收缴",
        "五、学习教育",
        "六、民主评议",
        "七、党务公开",
        "八、档案目录",
    ):
        assert head in lines
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert "做有责任心的文化人" in cells and "赵慧莉" in cells and "发展预备党员" in cells
    out = tmp_path / "ledger.docx"
    call_command("report", "ledger", "--org", "BRA", "--year", str(YEAR), "--out", str(out))
    assert "八、档案目录" in [p.text for p in Document(str(out)).paragraphs]
    client.force_login(small_world.charlie)
    assert client.get(f"/reports/org/BRA/ledger/{YEAR}.docx").status_code == 404
    assert client.get(f"/reports/org/BRA/ledger/{YEAR}.pdf").status_code == 404
    assert client.get(f"/api/v1/reports/org/BRA/ledger/{YEAR}/").status_code == 404


def test_ledger_pdf_says_what_the_docx_says(small_world, client, tmp_path):
    import subprocess

    from django.core.management import call_command

    client.force_login(small_world.alice)
    resp = client.get(f"/reports/org/BRA/ledger/{YEAR}.pdf")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    out = tmp_path / "ledger.pdf"
    out.write_bytes(resp.content)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for head in ("一、组织概况", "二、组织生活", "三、发展党员", "八、档案目录", "年度党建工作台账"):
        assert head in text
    assert (
        "做有责任心的文化人" in text and "赵慧莉" in text and "—2—" in text.replace(" ", "")
    )  # GB/T 9704 page number "— 2 —"
    cli = tmp_path / "cli.pdf"
    call_command("report", "ledger", "--org", "BRA", "--year", str(YEAR), "--out", str(cli))
    assert cli.read_bytes().startswith(b"%PDF")
    api = client.get(f"/api/v1/reports/org/BRA/ledger/{YEAR}/").json()
    titles = [c["title"] for c in api["chapters"]]
    assert titles[0] == "一、组织概况" and "八、档案目录" in titles
    meetings = next(c for c in api["chapters"] if c["title"] == "二、组织生活")["blocks"][0]
    assert any("做有责任心的文化人" in row for row in meetings["rows"])


def test_study_hours_agree_with_the_learning_modules_own_table(small_world, client):
    from dangjian.learning.selectors import hours_table
    from dangjian.learning.services import record_create
    from dangjian.reports.records import study_part

    w = small_world
    record_create(
        actor=w.alice,
        org=w.branch_a,
        person=w.person_a,
        date=D(2026, 6, 1),
        kind="training",
        title="暑期集中培训",
        hours=40,
    )
    record_create(
        actor=w.alice,
        org=w.branch_a,
        person=w.person_dave,
        date=D(2026, 6, 1),
        kind="training",
        title="暑期集中培训",
        hours=8,
    )
    rows = hours_table(w.branch_a, YEAR)
    part = study_part(w.branch_a, YEAR)
    assert part["members"].value == len(rows)
    assert part["total"].value == sum(r["total"] for r in rows)
    assert part["short"].value == sum(1 for r in rows if r["short"] > 0)
    client.force_login(w.alice)
    text = _texts(client.get(f"/reports/org/BRA/summary/{YEAR}/").context["paragraphs"])
    assert f"{YEAR}年{len(rows)}名党员累计学习48学时" in text
    average = (Decimal(48) / len(rows)).quantize(Decimal("0.1"))
    assert f"人均{average}学时" in text and f"人均{average}0学时" not in text  # hours, not money


def test_dashboard_study_shortfall_counts_the_same_people_as_the_learning_table(small_world):
    from dangjian.learning.facts import short_people
    from dangjian.learning.selectors import hours_table
    from dangjian.learning.services import record_create
    from dangjian.orgs.selectors import subtree_ids
    from dangjian.orgs.services import term_create
    from dangjian.reports.dashboard import dashboard

    w = small_world
    extra = [add_person(w.branch_a, f"学员{i}", actor=w.admin, seq=60 + i) for i in range(3)]
    # person_a: 40 h of training plus the 党课 she gave (she attended it); dave 8 h; one newcomer exactly 32 h
    record_create(
        actor=w.alice,
        org=w.branch_a,
        person=w.person_a,
        date=D(2026, 6, 1),
        kind="training",
        title="暑期集中培训",
        hours=40,
    )
    record_create(
        actor=w.alice,
        org=w.branch_a,
        person=w.person_dave,
        date=D(2026, 6, 1),
        kind="training",
        title="暑期集中培训",
        hours=8,
    )
    record_create(
        actor=w.alice,
        org=w.branch_a,
        person=extra[0],
        date=D(2026, 6, 1),
        kind="training",
        title="暑期集中培训",
        hours=32,
    )
    # a committee member needs more than an ordinary member: 40 h is not enough for a cadre in this setting
    term_create(
        actor=w.admin,
        org=w.branch_a,
        started_on=D(2025, 1, 1),
        ends_on=D(2030, 1, 1),
        posts=[(w.person_a, "secretary")],
    )
    rows = hours_table(w.branch_a, YEAR)
    expected = sum(1 for r in rows if r["short"] > 0)
    row = next(r for r in dashboard(w.bureau, YEAR, today=D(2026, 11, 20))["rows"] if r["code"] == "BRA")
    assert row["study_short"] == expected == short_people(w.bureau, subtree_ids(w.bureau), YEAR).count()
    assert 0 < expected < len(rows)


def test_each_branch_writes_files_a_secretary_can_tell_apart_by_name(world, tmp_path):
    """`report summary --each-branch` names each file after its branch in Chinese, not by code."""
    from django.core.management import call_command

    from dangjian.orgs.models import Org

    call_command("report", "summary", "--org", "BUREAU", "--year", str(YEAR), "--out", str(tmp_path), "--each-branch")
    branches = Org.objects.filter(kind="branch", path__startswith=world.bureau.path).values_list("name", flat=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}{YEAR}年度党建工作总结.docx" for n in branches)
    assert sorted(branches) and all(p.stat().st_size > 0 for p in tmp_path.iterdir())
