"""The 变更记录 as people read it: names not ids, Chinese labels, China dates, the operator's name and role;
the member's own view on /me/; masked ID numbers for viewers without the permission; the archive's frozen
变更信息库 reads the same way."""

import datetime
import io
import re

import openpyxl
import pytest
import time_machine
from django.contrib.auth.models import User
from hypothesis import given
from hypothesis import strategies as st

from dangjian.accounts.models import RoleAssignment
from dangjian.lib.idcard import make as make_id
from dangjian.members import services
from dangjian.orgs.services import org_create

CHINA = datetime.timezone(datetime.timedelta(hours=8))
RAW_CODES = ("person.update", "person.create", "dues.payment", "full_member", "employed", "retired", "True", "False")


def history_html(client, path):
    html = client.get(path).content.decode()
    return html[html.index('id="history"') :]


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def secretary(world, name, username, *, role="secretary", **kw):
    u = User.objects.create_user(username, "", "pw", first_name=name)
    RoleAssignment.objects.create(user=u, org=world.branch_a, role=role, **kw)
    return u


def test_group_and_branch_moves_show_names_not_ids(world, client):
    group_2 = org_create(actor=world.admin, kind="group", name="第二党小组", code="BRA-G2", parent=world.branch_a)
    second = org_create(actor=world.admin, kind="branch", name="飞龙中学第二支部", code="BRA2", parent=world.bureau)
    p = services.person_update(actor=world.alice, person=world.person_a, group=group_2)
    services.person_update(actor=world.bob, person=p, org=second, group=None)
    client.force_login(world.bob)
    page = text(history_html(client, f"/people/{p.pk}/"))
    assert "所在支部 ：飞龙中学党支部 → 飞龙中学第二支部" in page
    assert "党小组 ：第一党小组 → 第二党小组" in page
    assert "党小组 ：第二党小组 → —" in page
    for pk in (world.branch_a.pk, second.pk, group_2.pk, world.group_a.pk):
        assert f"→ {pk} " not in page and f": {pk} →" not in page and f"：{pk} →" not in page


def test_choices_booleans_dates_and_event_labels_are_in_chinese(world, client):
    services.person_update(
        actor=world.alice,
        person=world.person_a,
        category="retired",
        is_mobile=True,
        mobile_since=datetime.date(2026, 3, 1),
    )
    services.person_update(actor=world.alice, person=world.person_a, professional_title="senior_deputy")
    client.force_login(world.alice)
    page = text(history_html(client, f"/people/{world.person_a.pk}/"))
    assert "党员类别 ：在职 → 离退休" in page
    assert "流动党员 ：否 → 是" in page
    assert "流动开始日期 ：— → 2026年3月1日" in page
    assert "专业技术职务 ：中级 → 副高级" in page
    assert "修改信息" in page and "新增人员" in page
    # the fixture's creation lists the record as Chinese values too
    assert "人员类别 ：— → 正式党员" in page and "入党时间 ：— → 2010年6月20日" in page
    for raw in RAW_CODES + ("2026-03-01",):
        assert raw not in page, raw


def test_times_are_china_time_grouped_per_day_with_the_operators_name_and_role(world, client):
    zhang = secretary(world, "张建国", "zhangjg")
    # 2026-11-21 20:30 UTC is 2026-11-22 04:30 in China: the entry belongs to the 22nd.
    with time_machine.travel(datetime.datetime(2026, 11, 21, 20, 30, tzinfo=datetime.UTC), tick=False):
        services.person_update(actor=zhang, person=world.person_a, phone="13800000009")
    with time_machine.travel(datetime.datetime(2026, 11, 25, 9, 15, tzinfo=CHINA), tick=False):
        services.person_update(actor=world.bob, person=world.person_a, phone="13800000010")
    client.force_login(world.bob)
    html = history_html(client, f"/people/{world.person_a.pk}/")
    days = [text(d).strip() for d in re.findall(r'class="[^"]*history-day[^"]*">(.*?)</h3>', html)]
    assert days[:2] == ["2026年11月25日", "2026年11月22日"]  # newest first, one heading per day
    page = text(html)
    assert "04:30 · 张建国（支部书记）" in page and "09:15 · bob（上级党组织工作人员）" in page
    assert "zhangjg" not in page and "2026年11月21日" not in page
    assert "联系电话 ：13800000009 → 13800000010" in page


def test_dues_payment_reads_as_a_payment(world, client):
    from dangjian.dues import services as dues

    dues.base_set(actor=world.alice, person=world.person_a, effective_month="2026-01", category="employed", base="7650")
    for m in ("2026-01", "2026-02", "2026-03"):
        dues.charges_generate(actor=world.alice, org=world.branch_a, month=m)
    dues.payment_record(
        actor=world.alice,
        person=world.person_a,
        paid_on=datetime.date(2026, 4, 10),
        months=["2026-01", "2026-02", "2026-03"],
        receipt_no="No.001",
    )
    client.force_login(world.alice)
    page = text(history_html(client, f"/people/{world.person_a.pk}/"))
    # FEE-02: 1.5% of a 7,650 yuan base is 114.75 a month; three months 344.25.
    assert "交纳党费" in page and "344.25元（2026年1月、2026年2月、2026年3月）" in page
    assert "交纳日期 2026年4月10日" in page and "方式 现金" in page and "收据号 No.001" in page
    assert "核定党费基数" in page and "每月交纳 114.75元" in page
    assert "dues." not in page and "cash" not in page


NEW_ID = make_id("330203", datetime.date(1985, 4, 12), 9, "female")


def _id_change(world):
    services.person_update(actor=world.bob, person=world.person_a, id_number=NEW_ID)
    return NEW_ID[:6] + "********" + NEW_ID[-4:]


def test_id_numbers_in_history_are_masked_without_the_permission(world, client):
    masked = _id_change(world)
    officer = secretary(world, "李组织", "lizz", role="officer")  # 组织委员 without can_see_id_numbers
    for viewer in (world.alice, officer):
        client.force_login(viewer)
        page = text(history_html(client, f"/people/{world.person_a.pk}/"))
        assert f"公民身份号码 ：{world.person_a.id_number[:6]}" in page and masked in page
        assert NEW_ID not in page and world.person_a.id_number not in page
    client.force_login(world.bob)  # may see ID numbers, but the log holds masked ones only (issue #18)
    page = text(history_html(client, f"/people/{world.person_a.pk}/"))
    assert NEW_ID not in page and masked in page


def test_member_sees_own_changes_on_me_without_internal_fields_or_full_id(world, client):
    p = services.person_update(actor=world.alice, person=world.person_dave, phone="13900000001")
    services.person_update(actor=world.alice, person=p, id_number=make_id("330203", p.birth_date, 8, "male"))
    client.force_login(world.dave)
    page = text(history_html(client, "/me/"))
    assert "联系电话 ：— → 13900000001" in page and "修改信息" in page and "alice（支部书记）" in page
    assert "stroke" not in page and "pinyin" not in page and "录入日期" not in page
    full = make_id("330203", p.birth_date, 8, "male")
    assert full not in page and full[:6] + "********" + full[-4:] in page
    for raw in RAW_CODES:
        assert raw not in page, raw


@pytest.mark.django_db
def test_frozen_change_book_reads_like_the_page_and_uses_china_years(world, tmp_path, settings):
    from dangjian.archive import services as archive
    from dangjian.archive.models import Document

    settings.MEDIA_ROOT = tmp_path
    second = org_create(actor=world.admin, kind="group", name="第二党小组", code="BRA-G2", parent=world.branch_a)
    # 2025-12-31 17:00 UTC is 2026-01-01 01:00 in China: a 2026 change, not a 2025 one.
    with time_machine.travel(datetime.datetime(2025, 12, 31, 17, 0, tzinfo=datetime.UTC), tick=False):
        services.person_update(actor=world.alice, person=world.person_a, group=second, category="retired")
    services.person_update(actor=world.bob, person=world.person_a, id_number=NEW_ID)
    archive.freeze_year(actor=world.alice, org=world.branch_a, year=2026)
    f = Document.objects.get(title="2026年度党员情况变更信息库").files.get()
    sheet = openpyxl.load_workbook(io.BytesIO(f.file.open("rb").read())).active
    # The title and 填报 lines above the table may take one or more rows: find the header by its cells.
    header = next(i for i, r in enumerate(sheet.iter_rows(values_only=True), start=1) if r[0] == "日期")
    assert list(next(sheet.iter_rows(min_row=header, max_row=header, values_only=True)))[:6] == [
        "日期",
        "时间",
        "人员",
        "变更类型",
        "变更内容",
        "操作人",
    ]
    rows = [r for r in sheet.iter_rows(min_row=header + 1, values_only=True) if r[0]]
    moved = next(r for r in rows if "党小组" in (r[4] or "") and "第二党小组" in r[4])
    assert moved[:4] == ("2026年1月1日", "01:00", "王芳", "修改信息")
    assert "党小组：第一党小组 → 第二党小组" in moved[4] and "党员类别：在职 → 离退休" in moved[4]
    assert moved[5] == "alice（支部书记）"
    cells = " ".join(str(v) for r in rows for v in r if v)
    assert NEW_ID not in cells and NEW_ID[:6] + "********" + NEW_ID[-4:] in cells
    for raw in ("person.", "retired", "employed", f"：{world.group_a.pk} →", f"→ {second.pk}"):
        assert raw not in cells, raw
    archive.freeze_year(actor=world.alice, org=world.branch_a, year=2025)
    f = Document.objects.get(title="2025年度党员情况变更信息库").files.get()
    sheet = openpyxl.load_workbook(io.BytesIO(f.file.open("rb").read())).active
    assert not [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]]


@given(
    st.datetimes(
        min_value=datetime.datetime(1992, 1, 1),
        max_value=datetime.datetime(2099, 12, 31),
        timezones=st.just(datetime.UTC),
    )
)
def test_every_instant_is_shown_on_its_china_calendar_day(at):
    from dangjian.members.history_view import date_zh, local

    # China keeps UTC+8 all year (no daylight saving since 1991): the wall clock is the instant plus 8 hours.
    wall = at.replace(tzinfo=None) + datetime.timedelta(hours=8)
    shown = local(at)
    assert (shown.date(), shown.strftime("%H:%M")) == (wall.date(), wall.strftime("%H:%M"))
    assert date_zh(shown) == f"{wall.year}年{wall.month}月{wall.day}日"


@given(
    st.dates(min_value=datetime.date(1940, 1, 1), max_value=datetime.date(2008, 12, 31)),
    st.integers(min_value=1, max_value=499),
    st.sampled_from(["male", "female"]),
)
def test_a_masked_id_number_keeps_only_the_area_and_the_last_four(birth, seq, gender):
    from dangjian.members.history_view import mask_id

    number = make_id("330203", birth, seq, gender)
    masked = mask_id(number)
    assert masked == number[:6] + "*" * 8 + number[-4:] and birth.strftime("%Y%m%d") not in masked
