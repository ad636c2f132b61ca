"""公民身份号码 against GB 11643-1999: the standard's own examples, an independent MOD 11-2 over generated
numbers, and the paths a secretary takes (form, API, roster import, `dangjian check-ids`, the person page)."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from dangjian.lib import idcard
from dangjian.members.models import Person
from dangjian.members.services import person_leave
from tests.conftest import add_person
from tests.gb11643 import check_char, congruent

# The two worked examples printed in GB 11643-1999 (北京市朝阳区 1949-12-31 女; 广东省汕头市 1880-01-01 男).
GB_EXAMPLE_F = "11010519491231002X"
GB_EXAMPLE_M = "440524188001010014"
LAST = "0123456789X"


def wrong_last(number: str) -> list[str]:
    return [number[:17] + c for c in LAST if c != number[17]]


# --- the standard's examples -----------------------------------------------------------------------


def test_published_examples_hold_under_the_independent_check():
    # Guards the oracle itself: both printed examples satisfy the congruence, and only with their own last digit.
    for number in (GB_EXAMPLE_F, GB_EXAMPLE_M):
        assert congruent(number) and check_char(number[:17]) == number[17]
        assert not any(congruent(n) for n in wrong_last(number))


def test_gb_example_is_accepted_with_birth_date_and_gender():
    info = idcard.parse(GB_EXAMPLE_F)
    assert info == idcard.IdInfo(number=GB_EXAMPLE_F, birth_date=datetime.date(1949, 12, 31), gender="female")
    assert idcard.parse(" 11010519491231002x ").number == GB_EXAMPLE_F  # typed in lower case, with spaces


def test_gb_example_with_any_other_last_digit_is_refused_naming_the_right_one():
    for number in wrong_last(GB_EXAMPLE_F):
        with pytest.raises(idcard.IdNumberError) as exc:
            idcard.parse(number)
        assert str(exc.value) == "校验码错误（末位应为 X）"


def test_1880_example_has_the_right_check_digit_but_is_refused_for_its_birth_year():
    assert idcard.check_digit(GB_EXAMPLE_M[:17]) == "4"
    with pytest.raises(idcard.IdNumberError, match="出生日期 1880-01-01 不合理"):
        idcard.parse(GB_EXAMPLE_M)


# --- generated numbers vs the independent MOD 11-2 -------------------------------------------------

areas = st.from_regex(r"[1-8][0-9]{5}", fullmatch=True)  # any area code, also ones newer than the birth year
births = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2026, 11, 22))
seqs = st.from_regex(r"[0-9]{3}", fullmatch=True)


@settings(max_examples=3000)
@given(area=areas, birth=births, seq=seqs, last=st.sampled_from(LAST))
def test_exactly_the_numbers_with_the_right_check_digit_pass(area, birth, seq, last):
    number = f"{area}{birth:%Y%m%d}{seq}{last}"
    if congruent(number):
        info = idcard.parse(number)
        assert info.birth_date == birth and info.gender == ("male" if int(seq[2]) % 2 else "female")
    else:
        with pytest.raises(idcard.IdNumberError) as exc:
            idcard.parse(number)
        assert str(exc.value) == f"校验码错误（末位应为 {check_char(number[:17])}）"


@settings(max_examples=1000)
@given(area=areas, birth=births, seq=seqs)
def test_of_the_eleven_possible_last_characters_only_one_passes(area, birth, seq):
    body = f"{area}{birth:%Y%m%d}{seq}"
    passing = []
    for c in LAST:
        try:
            idcard.parse(body + c)
            passing.append(c)
        except idcard.IdNumberError:
            pass
    assert passing == [check_char(body)]


@settings(max_examples=1000)
@given(area=areas, birth=births, seq=st.integers(0, 10_000), gender=st.sampled_from(["male", "female"]))
def test_made_numbers_satisfy_the_standard(area, birth, seq, gender):
    number = idcard.make(area, birth, seq, gender)
    assert congruent(number)
    assert idcard.parse(number).gender == gender and idcard.parse(number).birth_date == birth


# --- a secretary's paths ---------------------------------------------------------------------------


def gb_example_person(**extra):
    body = {
        "org": "BRA",
        "name": "赵淑华",
        "gender": "female",
        "birth_date": "1949-12-31",
        "id_number": GB_EXAMPLE_F,
        "status": "full_member",
        "join_date": "1975-07-01",
        "confirmation_date": "1976-07-01",
        "category": "retired",
    }
    body.update(extra)
    return body


def test_api_accepts_the_standards_example_and_refuses_a_wrong_check_digit(world, client):
    from tests.api.helpers import call

    before = Person.objects.count()
    wrong = GB_EXAMPLE_F[:17] + "2"  # what the old code demanded
    r = call(client, "POST", "/api/v1/members/", world.alice, gb_example_person(id_number=wrong))
    assert r.status_code == 422, r.content
    assert [e["field"] for e in r.json()["errors"]] == ["id_number"]
    assert "公民身份号码校验码错误（末位应为 X）" in r.json()["detail"]
    assert Person.objects.count() == before
    r = call(client, "POST", "/api/v1/members/", world.alice, gb_example_person())
    assert r.status_code == 201, r.content
    assert Person.objects.get(pk=r.json()["id"]).id_number == GB_EXAMPLE_F


def test_person_form_accepts_a_valid_number_and_refuses_a_wrong_one(world, client):
    client.force_login(world.alice)
    form = {
        "name": "钱一民",
        "gender": "male",
        "ethnicity": "汉族",
        "birth_date": "1968-03-09",
        "status": "full_member",
        "join_date": "1995-06-01",
        "confirmation_date": "1996-06-01",
        "category": "employed",
    }
    body = "330203" + "19680309" + "013"
    right = body + check_char(body)
    wrong = body + next(c for c in LAST if c != check_char(body))
    r = client.post("/orgs/BRA/people/new/", {**form, "id_number": wrong})
    assert r.status_code == 200 and f"校验码错误（末位应为 {check_char(body)}）" in r.content.decode()
    assert not Person.objects.filter(name="钱一民").exists()
    r = client.post("/orgs/BRA/people/new/", {**form, "id_number": right})
    assert r.status_code == 302, r.content.decode()
    assert Person.objects.get(name="钱一民").id_number == right


def test_roster_import_accepts_real_style_numbers(world, client, settings, tmp_path):
    from tests.members.test_import import HEAD, xlsx

    settings.MEDIA_ROOT = tmp_path / "media"
    other = "330203" + "19830506" + "022"
    other += check_char(other)
    rows = [
        ["赵淑华", "女", "1949-12-31", GB_EXAMPLE_F, "正式党员", "1975-07-01", "1976-07-01", "", ""],
        ["钱学敏", "女", "1983-05-06", other, "正式党员", "2006-06-01", "2007-06-01", "大学本科", "中级"],
    ]
    client.force_login(world.alice)
    with open(xlsx(tmp_path / "r.xlsx", [HEAD, *rows]), "rb") as fh:
        r = client.post("/orgs/BRA/roster/import/", {"file": fh}, follow=True)
    assert "确认导入 2 人" in r.content.decode(), r.content.decode()
    token = r.redirect_chain[-1][0].rstrip("/").split("/")[-1]
    r = client.post(f"/orgs/BRA/roster/import/{token}/commit/", follow=True)
    assert "已导入 2 人" in r.content.decode()
    assert set(Person.objects.filter(org=world.branch_a).values_list("id_number", flat=True)) >= {GB_EXAMPLE_F, other}


# --- numbers stored before the fix -----------------------------------------------------------------


def store_wrong(person) -> str:
    """Write a wrong last digit straight to the database, as the old code let through."""
    right = person.id_number
    wrong = right[:17] + next(c for c in "0123456789" if c != right[17])
    Person.objects.filter(pk=person.pk).update(id_number=wrong)
    assert not congruent(wrong)
    return wrong


def run_check_ids(*args):
    out = io.StringIO()
    try:
        call_command("check-ids", *args, stdout=out)
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


def test_check_ids_lists_wrong_numbers_without_changing_them(world):
    wrong = store_wrong(world.person_a)
    gone = add_person(world.branch_b, "周退", actor=world.admin, seq=60)
    person_leave(actor=world.admin, person=gone, reason="transfer_out", on=datetime.date(2026, 1, 5))
    Person.objects.filter(pk=gone.pk).update(id_number="33020319850230121")  # 17 characters
    status, out = run_check_ids()
    assert status == 1
    lines = out.strip().splitlines()
    assert (
        sorted(lines[:-1])
        == sorted(
            [  # one line per person: org, name, masked number, reason
                f"飞龙中学党支部（BRA）\t王芳\t{wrong[:6]}********{wrong[-4:]}\t校验码错误（末位应为 {check_char(wrong[:17])}）",
                "昆山二中第一支部（BRB）\t周退（已离开花名册）\t*****************\t应为18位，实际17位",
            ]
        )
    )
    assert wrong not in out  # the full number is not printed
    assert lines[-1] == "全部组织：已检查 4 个公民身份号码，2 个未通过校验，请在人员页面核对后修改"
    assert Person.objects.get(pk=world.person_a.pk).id_number == wrong  # reported, not rewritten


def test_check_ids_org_limits_to_the_subtree_and_exit_status_tells(world):
    store_wrong(world.person_b)  # in BRB, another bureau
    status, out = run_check_ids("--org", "BUREAU")
    assert status == 0 and "全部通过" in out and "李强" not in out
    status, out = run_check_ids("--org", "BRB")
    assert status == 1 and "李强" in out and "1 个未通过校验" in out
    status, out = run_check_ids("--org", "BRA")
    assert status == 0 and "已检查 2 个" in out  # 王芳 and 丁伟


def test_check_ids_unknown_org_is_a_chinese_error(world):
    with pytest.raises(CommandError, match="组织代码“NOPE”不存在") as exc:
        call_command("check-ids", "--org", "NOPE", stdout=io.StringIO())
    assert exc.value.returncode == 2


def test_check_ids_help_documents_the_exit_status(capsys):
    with pytest.raises(SystemExit):
        call_command("check-ids", "--help")
    text = capsys.readouterr().out
    assert "0 表示全部通过" in text and "1 表示发现未通过的号码" in text


def test_person_page_warns_about_a_stored_wrong_number_without_rewriting_it(world, client):
    wrong = store_wrong(world.person_a)
    client.force_login(world.alice)
    html = client.get(f"/people/{world.person_a.pk}/").content.decode()
    assert f"公民身份号码校验未通过：校验码错误（末位应为 {check_char(wrong[:17])}），请核对后修改" in html
    assert Person.objects.get(pk=world.person_a.pk).id_number == wrong
    html = client.get(f"/people/{world.person_dave.pk}/").content.decode()  # a right number: no warning
    assert "校验未通过" not in html and "丁伟" in html
