"""Composition statistics (党员结构统计): seed 002's numbers, band boundaries, scope, page and CLI."""

import datetime
import json

import pytest
from django.core.management import ManagementUtility, call_command

from dangjian.members.services import person_leave
from dangjian.members.stats import composition, composition_sentence
from dangjian.orgs.services import org_create
from tests.conftest import add_person

SEED_002 = (
    "目前，江北区实验小学共有在职党员34人，从学历上看，有研究生3人，本科27人，大专及以下4人；"
    "从职称上看，有副高5人，中级13人，初级12人，未定级4人"
)
ON = datetime.date(2026, 6, 30)


def build_seed_002(actor, parent):
    """Seed 002's roster entered through the services: 34 在职党员 with its education and title mix."""
    school = org_create(
        actor=actor, kind="branch", name="江北区实验小学党支部", code="JBSX", parent=parent, unit="江北区实验小学"
    )
    titles = ["senior_deputy"] * 5 + ["intermediate"] * 13 + ["junior"] * 12 + ["none"] * 4
    education = ["postgraduate"] * 3 + ["bachelor"] * 27 + ["college"] * 2 + ["secondary", "high_school"]
    for i, (title, edu) in enumerate(zip(titles, education[::-1])):
        birth = datetime.date(1965 + i, 3, 1 + i % 27)
        add_person(
            school,
            f"教师{i:02d}",
            actor=actor,
            seq=100 + i,
            birth=birth,
            professional_title=title,
            education=edu,
            gender="female" if i % 4 else "male",
            join_date=datetime.date(1965 + i + 22, 7, 1),
            confirmation_date=datetime.date(1965 + i + 23, 7, 1),
        )
    return school


@pytest.fixture
def seed_school(world):
    return build_seed_002(world.admin, world.bureau)


def test_seed_002_roster_gives_the_seed_paragraph(seed_school):
    stats = composition(seed_school, on=ON)
    assert stats["total"] == stats["employed"] == 34
    assert stats["employed_by_education"] == {"postgraduate": 3, "bachelor": 27, "college_or_below": 4, "unknown": 0}
    assert stats["by_title"] == {
        "senior_full": 0,
        "senior_deputy": 5,
        "intermediate": 13,
        "junior": 12,
        "none": 4,
        "unknown": 0,
    }
    assert composition_sentence(stats) == SEED_002 + "。"


def test_retired_members_stay_out_of_the_employed_sentence(seed_school, world):
    add_person(
        seed_school,
        "退休甲",
        actor=world.admin,
        seq=300,
        category="retired",
        education="college",
        birth=datetime.date(1950, 2, 3),
        join_date=datetime.date(1975, 7, 1),
        confirmation_date=datetime.date(1976, 7, 1),
    )
    stats = composition(seed_school, on=ON)
    assert stats["total"] == 35 and stats["by_category"]["retired"] == 1
    assert composition_sentence(stats) == SEED_002 + "。另有离退休党员1人。"


def test_applicants_count_only_in_status_and_people_off_the_roll_not_at_all(world):
    branch = world.branch_a
    add_person(
        branch,
        "申请人甲",
        actor=world.admin,
        seq=400,
        status="applicant",
        join_date=None,
        confirmation_date=None,
        birth=datetime.date(2000, 5, 5),
    )
    gone = add_person(branch, "转出乙", actor=world.admin, seq=401)
    person_leave(actor=world.admin, person=gone, reason="transfer_out", on=datetime.date(2026, 1, 5))
    stats = composition(branch, on=ON)
    assert stats["by_status"] == {
        "applicant": 1,
        "activist": 0,
        "candidate": 0,
        "probationary_member": 0,
        "full_member": 2,
    }
    assert stats["total"] == 2 and stats["people"] == 3 and stats["in_development"] == 1
    assert sum(stats["by_age"].values()) == 2 and sum(stats["by_gender"].values()) == 2


def test_subtree_counts_branches_below_and_nothing_outside(world, seed_school):
    assert composition(world.bureau, on=ON)["total"] == 2 + 34  # branch A (王芳, 丁伟) + the school
    assert composition(world.other_bureau, on=ON)["total"] == 1


@pytest.mark.parametrize(
    "birth, band",
    [
        (datetime.date(1990, 7, 1), "le35"),  # 35 until tomorrow
        (datetime.date(1990, 6, 30), "36_45"),  # 36 today
        (datetime.date(1980, 7, 1), "36_45"),  # 45
        (datetime.date(1980, 6, 30), "46_55"),  # 46
        (datetime.date(1970, 7, 1), "46_55"),  # 55
        (datetime.date(1970, 6, 30), "56_60"),  # 56
        (datetime.date(1965, 7, 1), "56_60"),  # 60
        (datetime.date(1965, 6, 30), "gt60"),  # 61
    ],
)
def test_age_band_boundaries_use_whole_years_on_the_date(world, birth, band):
    org = org_create(actor=world.admin, kind="branch", name="测试支部", code="T1", parent=world.bureau)
    add_person(
        org,
        "甲",
        actor=world.admin,
        seq=7,
        birth=birth,
        join_date=datetime.date(2009, 7, 1),
        confirmation_date=datetime.date(2010, 7, 1),
    )
    by_age = composition(org, on=ON)["by_age"]
    assert by_age[band] == 1 and sum(by_age.values()) == 1


@pytest.mark.parametrize(
    "confirmed, band",
    [
        (datetime.date(2021, 7, 1), "lt5"),  # 4 years
        (datetime.date(2021, 6, 30), "5_10"),  # 5
        (datetime.date(2015, 7, 1), "5_10"),  # 10
        (datetime.date(2015, 6, 30), "11_20"),  # 11
        (datetime.date(2005, 7, 1), "11_20"),  # 20
        (datetime.date(2005, 6, 30), "21_30"),  # 21
        (datetime.date(1995, 7, 1), "21_30"),  # 30
        (datetime.date(1995, 6, 30), "gt30"),  # 31
    ],
)
def test_party_age_counts_from_confirmation(world, confirmed, band):
    org = org_create(actor=world.admin, kind="branch", name="测试支部", code="T2", parent=world.bureau)
    add_person(
        org,
        "乙",
        actor=world.admin,
        seq=8,
        birth=datetime.date(1970, 1, 1),
        join_date=confirmed.replace(year=confirmed.year - 1),
        confirmation_date=confirmed,
    )
    by_party_age = composition(org, on=ON)["by_party_age"]
    assert by_party_age[band] == 1 and sum(by_party_age.values()) == 1


def test_old_record_without_confirmation_counts_from_a_year_after_joining_and_probationary_has_none(world):
    org = org_create(actor=world.admin, kind="branch", name="测试支部", code="T3", parent=world.bureau)
    add_person(
        org,
        "老党员",
        actor=world.admin,
        seq=9,
        birth=datetime.date(1950, 1, 1),
        join_date=datetime.date(1975, 6, 30),
        confirmation_date=None,
    )
    add_person(
        org,
        "预备丙",
        actor=world.admin,
        seq=10,
        status="probationary_member",
        confirmation_date=None,
        join_date=datetime.date(2026, 3, 1),
    )
    assert composition(org, on=datetime.date(2006, 6, 30))["by_party_age"]["21_30"] == 1  # 30 years from 1976-06-30
    stats = composition(org, on=datetime.date(2026, 6, 30))
    assert stats["by_party_age"]["gt30"] == 1 and stats["by_party_age"]["probationary"] == 1


def test_ethnicity_mobile_and_lost_contact(world):
    org = world.branch_a
    add_person(
        org,
        "回民丁",
        actor=world.admin,
        seq=11,
        ethnicity="回族",
        is_mobile=True,
        mobile_since=datetime.date(2025, 1, 1),
    )
    add_person(
        org, "失联戊", actor=world.admin, seq=12, is_lost_contact=True, lost_contact_since=datetime.date(2024, 1, 1)
    )
    stats = composition(org, on=ON)
    assert stats["by_ethnicity"] == {"han": 3, "minority": 1, "unknown": 0}
    assert stats["flags"] == {"mobile": 1, "lost_contact": 1}


def test_result_is_json_serialisable(seed_school):
    stats = composition(seed_school)
    assert json.loads(json.dumps(stats, ensure_ascii=False)) == stats


@pytest.mark.parametrize(
    "who, code, status",
    [
        ("alice", "BRA", 200),
        ("bob", "BRA", 200),
        ("bob", "BUREAU", 200),
        ("charlie", "BRA", 404),
        ("alice", "BUREAU", 404),
        ("dave", "BRA", 404),
        ("charlie", "BRB", 200),
    ],
)
def test_page_scope(client, world, who, code, status):
    client.force_login(getattr(world, who))
    assert client.get(f"/orgs/{code}/stats/").status_code == status


def test_page_shows_tables_chart_data_and_the_sentence(client, world, seed_school):
    client.force_login(world.bob)
    response = client.get("/orgs/JBSX/stats/")
    html = response.content.decode()
    assert SEED_002 in html
    assert 'id="stats-data"' in html and "echarts.min.js" in html
    table = html[html.index('id="stats-by_title"') :]
    assert '<td>副高级</td><td class="text-end">5</td>' in table[: table.index("</table>")]
    chart = json.loads(html.split('id="stats-data" type="application/json">')[1].split("</script>")[0])
    assert chart["by_education"]["values"] == [3, 27, 4]


def test_page_with_a_bad_date_says_so_and_uses_today(client, world):
    client.force_login(world.alice)
    html = client.get("/orgs/BRA/stats/?on=2026-13-01").content.decode()
    assert "统计日期“2026-13-01”格式不正确" in html and datetime.date.today().isoformat() in html


def test_cli_json(world, seed_school, capsys):
    call_command("stats", "--org", "JBSX", "--json", "--on", "2026-06-30")
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 34 and data["by_title"]["intermediate"] == 13 and data["on"] == "2026-06-30"


def test_cli_table_is_chinese(world, seed_school, capsys):
    call_command("stats", "--org", "JBSX")
    out = capsys.readouterr().out
    assert "党员总数：34" in out and "【专业技术职务】" in out and SEED_002 in out


def test_cli_unknown_code_exits_non_zero_with_a_chinese_message(db, capsys):
    with pytest.raises(SystemExit) as exc:
        ManagementUtility(["dangjian", "stats", "--org", "NOPE"]).execute()
    assert exc.value.code != 0
    assert "组织代码“NOPE”不存在" in capsys.readouterr().err


def test_page_lists_sub_organizations_with_their_counts(client, world, seed_school):
    add_person(
        world.branch_a,
        "申请人己",
        actor=world.admin,
        seq=500,
        status="applicant",
        join_date=None,
        confirmation_date=None,
        birth=datetime.date(2001, 5, 5),
    )
    client.force_login(world.bob)
    html = client.get("/orgs/BUREAU/stats/").content.decode()
    table = html[html.index('id="stats-children"') :]
    table = table[: table.index("</table>")]
    assert (
        '飞龙中学党支部</a></td><td class="text-end">2</td><td class="text-end">2</td><td class="text-end">0</td><td class="text-end">1</td>'
        in table
    )
    assert 'href="/orgs/JBSX/stats/">江北区实验小学党支部</a></td><td class="text-end">34</td>' in table
    assert "BRA-G1" not in table  # 党小组 are not listed: their people belong to the branch


def test_a_long_list_of_sub_organizations_is_cut_with_a_note(client, world, seed_school, monkeypatch):
    from dangjian.members import stats_views

    monkeypatch.setattr(stats_views, "MAX_CHILDREN", 1)
    client.force_login(world.bob)
    html = client.get("/orgs/BUREAU/stats/").content.decode()
    assert "共 2 个，显示前 1 个" in html
    assert html.count('href="/orgs/JBSX/stats/"') + html.count('href="/orgs/BRA/stats/"') == 1
