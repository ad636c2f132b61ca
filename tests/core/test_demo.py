"""dangjian demo: the seeds' schools, their numbers, one working login per role, --if-empty."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dangjian.members.models import Person
from dangjian.members.stats import composition, composition_sentence
from dangjian.orgs.models import Org
from tests.gb11643 import congruent

SEED_002 = (
    "目前，江北区实验小学共有在职党员34人，从学历上看，有研究生3人，本科27人，大专及以下4人；"
    "从职称上看，有副高5人，中级13人，初级12人，未定级4人"
)
LOGINS = {
    "admin": "admin123",
    "jyj": "jyj123",
    "feilong": "feilong123",
    "shiyan": "shiyan123",
    "kunshan": "kunshan123",
    "weiyuan": "weiyuan123",
    "dangyuan": "dangyuan123",
}


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    out = io.StringIO()
    call_command("demo", stdout=out)  # its speed is measured in bench/, never asserted here
    return {"out": out.getvalue()}


def members(code):
    return composition(Org.objects.get(code=code))


def test_demo_builds_the_seed_schools_with_their_numbers(demo):
    bureau = Org.objects.get(code="JBJYJ")
    assert bureau.name == "江北区教育局党委" and bureau.parent is None
    feilong = Org.objects.get(code="FLZX")
    assert feilong.name == "飞龙中学党支部" and feilong.established_on.strftime("%Y-%m") == "2019-11"
    assert members("FLZX")["full_member"] == 27
    shiyan = members("JBSX")
    assert shiyan["total"] == shiyan["employed"] == 34
    assert composition_sentence(shiyan).startswith(SEED_002 + "。")
    kunshan = Org.objects.get(code="KSEZ")
    branches = list(kunshan.children.filter(kind="branch"))
    assert len([b for b in branches if not b.is_retiree]) == 3
    retiree = [b for b in branches if b.is_retiree]
    assert len(retiree) == 1
    assert set(retiree[0].people.values_list("category", flat=True)) == {"retired"}
    assert members("JBJYJ")["by_status"]["applicant"] > 0 and members("JBJYJ")["by_status"]["probationary_member"] > 0
    assert Org.objects.filter(kind="group").count() >= 4


def test_demo_people_are_valid_and_have_history(demo):
    from dangjian.core.models import AuditEvent
    from dangjian.lib import idcard
    from dangjian.members.validation import check_person

    people = list(Person.objects.all())
    assert len({p.id_number for p in people}) == len(people)
    for p in people:
        assert idcard.parse(p.id_number).birth_date == p.birth_date
        assert congruent(p.id_number), (p.name, p.id_number)  # GB 11643 check digit, checked independently
        values = {f.name: getattr(p, f.name) for f in Person._meta.fields}
        assert check_person(values) == [], p.name
    assert AuditEvent.objects.filter(kind="person.create").count() == len(people)
    out = io.StringIO()
    call_command("check-ids", stdout=out)  # returns (exit status 0): nothing to report
    assert f"已检查 {len(people)} 个公民身份号码，全部通过" in out.getvalue()


def test_demo_printed_logins_and_each_works_through_the_login_page(demo, client):
    for username, password in LOGINS.items():
        assert username in demo["out"] and password in demo["out"]
        response = client.post("/login/", {"username": username, "password": password})
        assert response.status_code == 302, username
        client.post("/logout/")
    client.post("/login/", {"username": "feilong", "password": "feilong123"})
    assert client.get("/orgs/FLZX/stats/").status_code == 200
    assert client.get("/orgs/JBSX/stats/").status_code == 404
    client.post("/logout/")
    client.post("/login/", {"username": "jyj", "password": "jyj123"})
    assert client.get("/orgs/KSEZ-T/stats/").status_code == 200
    client.post("/logout/")
    client.post("/login/", {"username": "dangyuan", "password": "dangyuan123"})
    me = client.get("/me/")
    assert me.status_code == 200 and Person.objects.get(user__username="dangyuan").name in me.content.decode()


def test_branch_without_committee_shows_the_br03_finding(demo, client):
    client.post("/login/", {"username": "kunshan", "password": "kunshan123"})
    assert "BR-03" in client.get("/orgs/KSEZ-3/").content.decode()
    assert "BR-03" not in client.get("/orgs/KSEZ-1/").content.decode()


def test_if_empty_changes_nothing_the_second_time_and_plain_demo_refuses(demo):
    before = (Org.objects.count(), Person.objects.count())
    out = io.StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "未作改动" in out.getvalue() and "admin123" in out.getvalue()
    with pytest.raises(CommandError, match="演示数据已存在"):
        call_command("demo", stdout=io.StringIO())
    assert (Org.objects.count(), Person.objects.count()) == before


def test_if_empty_skips_a_database_that_has_other_orgs(world):
    out = io.StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "未加载演示数据" in out.getvalue()
    assert not Org.objects.filter(code="JBJYJ").exists()


def test_demo_history_shows_steps_and_a_transfer_out(demo):
    from dangjian.core.models import AuditEvent

    left = Person.objects.filter(on_roll=False)
    assert left.count() == 1 and left.get().left_reason == "transfer_out" and left.get().org.code == "FLZX"
    assert AuditEvent.objects.filter(kind="person.leave").count() == 1
    candidates = Person.objects.filter(status="candidate")
    assert candidates.exists()
    # The seed candidates were updated by hand; the development cases' candidates by their recorded steps.
    assert AuditEvent.objects.filter(kind__in=["person.update", "person.status"]).count() >= candidates.count()


def test_demo_year_of_activity_reads_like_a_seed_summary(demo, client):
    """The FLZX 2026 summary, drafted from the demo's records through the secretary's page: meetings by
    kind, development and dues figures, no placeholders, and the one deliberate gap (no Q3 党员大会)."""
    import datetime
    import re

    from dangjian.meetings.models import Meeting

    year = datetime.date.today().year
    client.post("/login/", {"username": "feilong", "password": "feilong123"})
    response = client.get(f"/reports/org/FLZX/summary/{year}/")
    assert response.status_code == 200
    text = re.sub(r"<[^>]+>", "", response.content.decode())
    held = Meeting.objects.filter(org__code="FLZX", year=year, voided=False)
    general, committee = held.filter(kind="general_meeting").count(), held.filter(kind="committee_meeting").count()
    assert general == 3 and committee >= 10
    assert f"支部党员大会{general}次" in text and f"支委会{committee}次" in text and "党课4次" in text
    assert "主题党日" in text and "谈心谈话" in text
    assert "发展预备党员1人" in text and "确定发展对象2人" in text
    assert re.search(r"共缴纳党费[\d.]+元", text)
    assert "第三季度未召开支部党员大会" in text
    assert "未录入" not in text and "“口袋”党员" in text and "无“口袋”党员" in text
    assert not re.search(r"[XＸ]{1,}(人|名|次|元)", text)
    # The other school has no gap of its own, and nobody is a 口袋党员 anywhere in the bureau.
    client.post("/logout/")
    client.post("/login/", {"username": "shiyan", "password": "shiyan123"})
    other = re.sub(r"<[^>]+>", "", client.get(f"/reports/org/JBSX/summary/{year}/").content.decode())
    assert "未召开" not in other and "无“口袋”党员" in other
