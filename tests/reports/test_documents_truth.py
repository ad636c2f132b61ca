"""The summary and the duty report say only what the records show, read like the seeds, and refuse years
that cannot be true. Expected values are worked out here from the records the test itself made."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from dangjian.dues.models import DuesPayment
from tests.conftest import add_person
from tests.dues.helpers import generate, pay, set_base
from tests.meetings.conftest import hold

D = datetime.date
YEAR = 2026  # the running year (the suite's clock stands at 2026-11-22)
RULE = re.compile(r"[A-Z]+-\d+")
PLACEHOLDER = re.compile(r"None|nan|TODO|XX|X人|X名|××|（未填写）")
SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]")


@pytest.fixture
def system(world):
    """Branch A (secretary 王芳) and a 党总支 with one branch, both under the bureau, with a year of records:
    meetings (one without minutes, a run of four theme days, an 意识形态 党课, a 廉政 警示教育), dues paid by
    two members of branch A. The 党总支 was founded in 2020-09."""
    from dangjian.orgs.services import org_create, term_create

    w = world
    w.zz = org_create(
        actor=w.admin,
        kind="general_branch",
        name="江北中学党总支",
        code="JBZZ",
        parent=w.bureau,
        unit="江北中学",
        established_on=D(2020, 9, 1),
    )
    w.zz1 = org_create(
        actor=w.admin, kind="branch", name="江北中学第一党支部", code="JBZZ-1", parent=w.zz, unit="江北中学"
    )
    w.zz_people = [add_person(w.zz1, f"教师{i}", actor=w.admin, seq=70 + i) for i in range(3)]
    term_create(
        actor=w.admin,
        org=w.branch_a,
        started_on=D(2024, 1, 1),
        ends_on=D(2029, 1, 1),
        posts=[(w.person_a, "secretary"), (w.person_dave, "organization_officer")],
    )
    b = w.branch_a
    w.meetings_a = [
        hold(b, "general_meeting", D(2026, 2, 10), topic="传达上级会议精神", minutes="传达了上级会议精神。"),
        hold(b, "general_meeting", D(2026, 5, 12), topic="学习党章"),  # no minutes
        *[
            hold(b, "theme_day", D(2026, 1, d), topic="学习贯彻全会精神", minutes="集中学习。")
            for d in (16, 17, 18, 19)
        ],
        hold(b, "party_lecture", D(2026, 5, 30), topic="筑牢意识形态防线", lecturer=w.person_a, minutes="党课讲稿。"),
        hold(b, "theme_day", D(2026, 6, 20), topic="廉政警示教育", minutes="观看警示教育片。"),
    ]
    w.meetings_zz = [hold(w.zz1, "general_meeting", D(2026, 3, 3), topic="学习新修订的条例", minutes="会议记录。")]
    set_base(w, w.person_a)
    set_base(w, w.person_dave)
    generate(w, "2026-01", "2026-02")
    pay(w, w.person_a, ["2026-01", "2026-02"])
    pay(w, w.person_dave, ["2026-01"])
    return w


def _texts(paragraphs):
    return "\n".join(p["text"] for p in paragraphs)


def _draft(client, code, year, kind="summary"):
    page = client.get(f"/reports/org/{code}/summary/{year}/?kind={kind}")
    assert page.status_code == 200, page.content[:300]
    return page, page.context["paragraphs"], page.context["hints"]


def _clean(paragraphs, org_name, signed):
    text = _texts(paragraphs)
    assert not RULE.search(text), RULE.search(text)
    assert "系统" not in text and "未录入" not in text
    assert not PLACEHOLDER.search(text), PLACEHOLDER.search(text)
    assert not re.search(r"[A-Za-z]{2,}", text)
    sentences = [s.strip() for s in SENTENCE.findall(text)]
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated, repeated
    last = paragraphs[-1]
    assert last["style"] == "signature" and last["text"] == f"{org_name}\n{signed}"
    for p in paragraphs:
        assert p["style"] in {"title", "subtitle", "h1", "h2", "h3", "body", "signature"}
        if p["style"] == "h1":
            assert re.match(r"[一二三四五六七八九十]+、", p["text"])
        if p["style"] == "h2":
            assert re.match(r"（[一二三四五六七八九十]+）", p["text"])
    return text


def _section(text, head, nxt):
    return text.split(head)[1].split(nxt)[0]


@pytest.mark.parametrize("code", ["BRA", "JBZZ", "BUREAU"])
def test_summary_says_only_what_the_records_show(system, client, code):
    from dangjian.orgs.models import Org

    w = system
    org = Org.objects.get(code=code)
    client.force_login(w.bob)
    page, paragraphs, hints = _draft(client, code, YEAR)
    text = _clean(paragraphs, org.name, "2026年11月22日")
    mine = {"BRA": w.meetings_a, "JBZZ": w.meetings_zz, "BUREAU": w.meetings_a + w.meetings_zz}[code]
    without = sum(1 for m in mine if not m.minutes)
    work = _section(text, "一、主要工作", "二、存在的问题及原因")
    problems = _section(text, "二、存在的问题及原因", "三、下一步工作打算")
    if without:
        assert "会议记录完整" not in text and "均有会议记录" not in text
        assert f"部分会议记录不完整，{YEAR}年有{without}次会议未记录会议内容" in problems
        assert "没有会议记录" in page.content.decode()  # named for the secretary in the 检查提示
    else:
        assert "每次会议均有会议记录" in work and "未记录会议内容" not in text
    # neither 组织生活会 nor 民主评议 was held this year: not claimed among the year's work
    assert "组织生活会" not in work and "民主评议" not in work
    # no 账款核对 yet: no "账款相符"
    assert "账款相符" not in text
    if code != "JBZZ":
        paid = sum(
            DuesPayment.objects.filter(org=w.branch_a, paid_on__year=YEAR).values_list("amount", flat=True), Decimal(0)
        )
        assert f"{YEAR}年党员共缴纳党费{paid.normalize():f}元（2人交纳）" in work
        assert "1月16日至19日，开展主题党日“学习贯彻全会精神”4次" in work
        assert "筑牢意识形态防线" in work and "廉政警示教育" in work
    html = page.content.decode()
    assert "检查提示" in html and html.index("检查提示") < html.index('id="draft-form"')
    kind = {"BRA": "党支部", "JBZZ": "党总支", "BUREAU": "党委"}[code]
    assert f"充分发挥{kind}的" in text  # the opening speaks of the org's own kind


def test_accounts_match_only_after_a_reconciliation(system, client):
    from dangjian.dues.services import reconciliation_record

    w = system
    client.force_login(w.alice)
    _, paragraphs, hints = _draft(client, "BRA", YEAR)
    assert "账款相符" not in _texts(paragraphs)
    assert any("账款核对" in h["text"] for h in hints)
    held = sum(DuesPayment.objects.filter(org=w.branch_a).values_list("amount", flat=True), Decimal(0))
    reconciliation_record(actor=w.alice, org=w.branch_a, period_end=D(2026, 6, 30), stated_balance=held)
    _, paragraphs, _ = _draft(client, "BRA", YEAR)
    assert "经6月30日账款核对，账目清楚，账款相符" in _texts(paragraphs)
    # said of the bureau too: every org of it that received dues (only branch A) checked and matched
    client.force_login(w.bob)
    _, paragraphs, _ = _draft(client, "BUREAU", YEAR)
    assert "账款相符" in _texts(paragraphs)


def test_the_bureau_says_accounts_match_only_when_every_paying_branch_checked(system, client):
    from dangjian.dues.services import reconciliation_record

    w = system
    # the 党总支's branch is the bureau officer's to manage, not branch A's secretary's
    set_base(w, w.zz_people[0], category="employed", actor=w.bob)
    generate(w, "2026-01", org=w.zz1, actor=w.bob)
    pay(w, w.zz_people[0], ["2026-01"], actor=w.bob)
    held = sum(DuesPayment.objects.filter(org=w.branch_a).values_list("amount", flat=True), Decimal(0))
    reconciliation_record(actor=w.alice, org=w.branch_a, period_end=D(2026, 6, 30), stated_balance=held)
    client.force_login(w.bob)
    _, paragraphs, _ = _draft(client, "BUREAU", YEAR)
    assert "账款相符" not in _texts(paragraphs)  # 江北中学第一党支部 received dues and never checked


def test_a_wrong_reconciliation_is_a_problem_not_a_claim(system, client):
    from dangjian.dues.services import reconciliation_record

    w = system
    reconciliation_record(actor=w.alice, org=w.branch_a, period_end=D(2026, 6, 30), stated_balance=Decimal("1"))
    client.force_login(w.alice)
    _, paragraphs, _ = _draft(client, "BRA", YEAR)
    text = _texts(paragraphs)
    assert "账款相符" not in text.replace("做到账款相符", "")
    assert "账款核对中有1次账款不符" in _section(text, "二、存在的问题及原因", "三、下一步工作打算")


@pytest.mark.parametrize(
    "code,team,other",
    [
        ("BRA", "带领支部班子", None),
        ("JBZZ", "带领总支委员会", "带领支部班子"),
        ("BUREAU", "带领党委班子", "带领支部班子"),
    ],
)
def test_duty_report_is_its_own_genre_worded_by_level(system, client, code, team, other):
    from dangjian.orgs.models import Org

    org = Org.objects.get(code=code)
    client.force_login(system.bob)
    _, paragraphs, hints = _draft(client, code, YEAR, kind="duty")
    text = _clean(paragraphs, org.name, "2026年11月22日")
    assert paragraphs[0]["text"] == f"{org.name}书记{YEAR}年度抓基层党建工作述职报告"
    assert paragraphs[1]["text"].startswith("述职人：")
    if code == "BRA":
        assert paragraphs[1]["text"] == "述职人：王芳（飞龙中学党支部书记）"
        assert "履行第一责任人职责" in text and "一岗双责" in text
        assert "落实意识形态工作责任制" in text and "筑牢意识形态防线" in text
        assert "抓党风廉政建设" in text and "廉政警示教育" in text
    else:
        assert any("书记" in h["text"] for h in hints)  # no 书记 recorded: the secretary is told, not the document
    assert "我认真履行党建工作第一责任人职责" in text and team in text
    if other:
        assert other not in text
    for head in ("一、主要工作", "二、存在的主要问题及原因", "三、下步工作思路和主要措施"):
        assert head in [p["text"] for p in paragraphs]
    assert "今后，我将" in text
    if code != "JBZZ":
        assert "主要在我" in text  # self-criticism of the gaps found


@pytest.mark.parametrize("code", ["BRA", "JBZZ", "BUREAU"])
def test_a_year_without_records_claims_nothing(system, client, code):
    from dangjian.orgs.models import Org

    org = Org.objects.get(code=code)
    client.force_login(system.bob)
    for kind in ("summary", "duty"):
        _, paragraphs, hints = _draft(client, code, 2025, kind=kind)
        text = _clean(paragraphs, org.name, "2025年12月31日")
        work = text.split("一、主要工作")[1].split("二、")[0]
        for claim in ("会议记录完整", "均有会议记录", "账款相符", "组织生活会", "民主评议", "共召开"):
            assert claim not in work, claim
        # the year has ended: what was not held is a problem in plain words
        assert "全年未召开组织生活会" in text.split("二、")[1].split("三、")[0]
        assert hints


def test_the_docx_ends_with_the_signature(system, client):
    client.force_login(system.alice)
    resp = client.get(f"/reports/org/BRA/summary/{YEAR}.docx?kind=duty")
    assert resp.status_code == 200
    lines = [p.text for p in Document(io.BytesIO(resp.content)).paragraphs if p.text.strip()]
    assert lines[0] == f"飞龙中学党支部书记{YEAR}年度抓基层党建工作述职报告"
    assert lines[1] == "述职人：王芳（飞龙中学党支部书记）"
    assert lines[-2:] == ["飞龙中学党支部", "2026年11月22日"]


@pytest.mark.parametrize(
    "path",
    [
        "summary/{y}/",
        "summary/{y}/?kind=duty",
        "summary/{y}.docx",
        "ledger/{y}.docx",
        "ledger/{y}.pdf",
        "statistics/{y}.xlsx",
        "dashboard/{y}/",
    ],
)
def test_a_future_year_is_refused_with_a_reason(system, client, path):
    client.force_login(system.bob)
    resp = client.get("/reports/org/BRA/" + path.format(y=YEAR + 1))
    assert resp.status_code == 400
    assert f"{YEAR + 1}年还没有到来" in resp.content.decode()
    # before the 党总支 was founded (2020-09)
    resp = client.get("/reports/org/JBZZ/" + path.format(y=2019))
    assert resp.status_code == 400 and "成立于2020年9月" in resp.content.decode()
    assert client.get("/reports/org/JBZZ/" + path.format(y=2020)).status_code == 200


def test_the_api_and_the_cli_refuse_the_same_years(system, client, tmp_path):
    client.force_login(system.bob)
    resp = client.get(f"/api/v1/reports/org/BRA/summary/{YEAR + 1}/")
    assert resp.status_code == 422 and "还没有到来" in resp.content.decode("utf-8")
    assert client.get("/api/v1/reports/org/JBZZ/summary/2019/").status_code == 422
    api = client.get(f"/api/v1/reports/org/BRA/summary/{YEAR}/").json()
    assert api["paragraphs"][-1]["style"] == "signature"
    assert any("LIFE-" in h["text"] for h in api["hints"])  # the codes are for the secretary, beside the text
    assert not RULE.search(_texts(api["paragraphs"]))
    for kind in ("summary", "duty", "ledger", "statistics"):
        with pytest.raises(CommandError, match="还没有到来"):
            call_command("report", kind, "--org", "BRA", "--year", str(YEAR + 1), "--out", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="成立于2020年9月"):
        call_command("report", "summary", "--org", "JBZZ", "--year", "2019", "--out", str(tmp_path / "x.docx"))
    out = tmp_path / "duty.docx"
    call_command("report", "duty", "--org", "BRA", "--year", str(YEAR), "--out", str(out))
    assert "述职人：王芳（飞龙中学党支部书记）" in [p.text for p in Document(str(out)).paragraphs]


def test_grouped_runs_of_days():
    from dangjian.reports.drafting.prose import dated_list

    items = [{"date": D(2026, 1, d), "kind": "theme_day", "topic": "学习"} for d in (16, 17, 18, 19)]
    items += [
        {"date": D(2026, 1, 31), "kind": "theme_day", "topic": "参观"},
        {"date": D(2026, 2, 1), "kind": "theme_day", "topic": "走访"},
        {"date": D(2026, 3, 24), "kind": "theme_day", "topic": "参观海军护卫舰"},
    ]
    text, left = dated_list(items, lambda x: "开展主题党日")
    assert (
        text
        == "1月16日至19日，开展主题党日“学习”4次；1月31日至2月1日，开展主题党日2次；3月24日，开展主题党日“参观海军护卫舰”"
    )
    assert left == 0


def test_the_seeds_sections_appear_only_with_their_records(system, client):
    from dangjian.plans.services import activity_create

    w = system
    client.force_login(w.alice)
    _, paragraphs, _ = _draft(client, "BRA", YEAR)
    text = _texts(paragraphs)
    assert "师德师风" not in text and "群团" not in text and "工会" not in text
    activity_create(actor=w.alice, org=w.branch_a, kind="other", title="“立德树人”师德师风演讲", held_on=D(2026, 9, 9))
    activity_create(
        actor=w.alice, org=w.branch_a, kind="other", title="指导工会开展教职工趣味运动会", held_on=D(2026, 10, 12)
    )
    _, paragraphs, _ = _draft(client, "BRA", YEAR)
    heads = [p["text"] for p in paragraphs if p["style"] == "h2"]
    assert any("师德师风建设" in h for h in heads) and any("党建带群建" in h for h in heads)
    text = _texts(paragraphs)
    assert "9月9日，开展活动“‘立德树人’师德师风演讲”" in text  # nested quotes the Chinese way
    assert "师德师风演讲" in text and "教职工趣味运动会" in text


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.sampled_from(["theme_day", "study_session", "training"])), max_size=25)
)
def test_runs_are_maximal_runs_of_one_kind_on_consecutive_days(raw):
    from dangjian.reports.drafting.prose import runs

    items = [{"date": D(2026, 1, 1) + datetime.timedelta(days=d), "kind": k} for d, k in raw]
    groups = runs(items, key=lambda x: x["kind"])
    flat = [x for g in groups for x in g]
    assert sorted((x["date"], x["kind"]) for x in flat) == sorted((x["date"], x["kind"]) for x in items)
    for g in groups:
        assert len({x["kind"] for x in g}) == 1
        assert all((b["date"] - a["date"]).days <= 1 for a, b in zip(g, g[1:]))
    for a, b in zip(groups, groups[1:]):  # no two neighbouring runs could have been one
        assert a[-1]["kind"] != b[0]["kind"] or (b[0]["date"] - a[-1]["date"]).days > 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["甲", "乙", "丙", "丁"]), min_size=1, max_size=4), max_size=8))
def test_no_sentence_is_said_twice(bodies):
    from dangjian.reports.drafting.prose import drop_repeats

    paragraphs = [{"style": "body", "text": "".join(f"{s}。" for s in b), "facts": []} for b in bodies]
    out = drop_repeats(paragraphs)
    said = [s for p in out for s in p["text"].split("。") if s]
    assert len(said) == len(set(said))
    assert set(said) == {s for b in bodies for s in b}
