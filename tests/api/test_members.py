"""/api/v1/members/: roster list with filters and paging, detail, create, update and history."""

import datetime

from dangjian.lib.idcard import make as make_id
from dangjian.members.models import Person
from dangjian.members.services import person_leave
from tests.conftest import add_person

from .helpers import call

BORN = datetime.date(1992, 7, 15)


def new_member(**extra):
    body = {
        "org": "BRA",
        "name": "赵敏",
        "gender": "female",
        "birth_date": BORN.isoformat(),
        "id_number": make_id("330203", BORN, 21, "female"),
        "status": "probationary_member",
        "join_date": "2025-07-01",
        "education": "postgraduate",
        "professional_title": "junior",
        "phone": "13700001111",
        "group": "BRA-G1",
    }
    body.update(extra)
    return body


def test_list_pages_with_total_in_stroke_order(world, client):
    for i, name in enumerate(["林一", "马二", "丁三", "王四", "于五"]):
        add_person(world.branch_a, name, actor=world.admin, seq=30 + i)
    seen = []
    for page in (1, 2, 3, 4):
        r = call(client, "GET", f"/api/v1/members/?org=BRA&page_size=2&page={page}", world.alice)
        body = r.json()
        assert body["total"] == 7 and body["page"] == page and body["page_size"] == 2
        seen += [p["name"] for p in body["items"]]
    assert len(seen) == 7 and set(seen) == {"王芳", "丁伟", "林一", "马二", "丁三", "王四", "于五"}
    # 姓氏笔画: 丁(2) 于(3) 马(3) 王(4) 林(8)
    assert [n[0] for n in seen] == ["丁", "丁", "于", "马", "王", "王", "林"]
    r = call(client, "GET", "/api/v1/members/?org=BRA&page_size=2&page=5", world.alice)
    assert r.json()["total"] == 7 and r.json()["items"] == []


def test_filters_status_category_search_and_left_roll(world, client):
    add_person(
        world.branch_a,
        "陈学",
        actor=world.admin,
        seq=40,
        status="activist",
        join_date=None,
        confirmation_date=None,
        category="student",
    )
    gone = add_person(world.branch_a, "周退", actor=world.admin, seq=41)
    person_leave(actor=world.admin, person=gone, reason="transfer_out", on=datetime.date(2026, 1, 5))

    def names(query):
        r = call(client, "GET", f"/api/v1/members/?org=BRA&{query}", world.alice)
        assert r.status_code == 200, r.content
        return sorted(p["name"] for p in r.json()["items"])

    assert names("status=activist") == ["陈学"]
    assert names("category=student") == ["陈学"]
    assert names("q=王") == ["王芳"]
    assert names("q=wang") == ["王芳"]
    assert names("on_roll=false") == ["周退"]
    assert names("") == sorted(["王芳", "丁伟", "陈学"])


def test_id_numbers_masked_unless_allowed(world, client):
    full = world.person_a.id_number
    masked = f"{full[:6]}********{full[-4:]}"
    row = call(client, "GET", "/api/v1/members/?org=BRA&q=王芳", world.alice).json()["items"][0]
    assert row["id_number"] == masked
    assert call(client, "GET", f"/api/v1/members/{world.person_a.pk}", world.alice).json()["id_number"] == masked
    # bob has can_see_id_numbers on his role.
    assert call(client, "GET", f"/api/v1/members/{world.person_a.pk}", world.bob).json()["id_number"] == full
    call(client, "PATCH", f"/api/v1/members/{world.person_a.pk}", world.bob, {"phone": "13811112222"})
    history = call(client, "GET", f"/api/v1/members/{world.person_a.pk}/history", world.alice).json()
    created = [e for e in history if e["kind"] == "person.create"][0]
    id_change = [c for c in created["changes"] if c["field"] == "id_number"][0]
    assert id_change["new"] == masked and full not in str(history)


def test_create_round_trip_with_history(world, client):
    r = call(client, "POST", "/api/v1/members/", world.alice, new_member())
    assert r.status_code == 201, r.content
    created = r.json()
    assert created["org_code"] == "BRA" and created["group_code"] == "BRA-G1"
    assert created["status_zh"] == "预备党员" and created["education_zh"] == "研究生"
    got = call(client, "GET", f"/api/v1/members/{created['id']}", world.bob).json()
    assert got["id_number"] == make_id("330203", BORN, 21, "female") and got["phone"] == "13700001111"
    history = call(client, "GET", f"/api/v1/members/{created['id']}/history", world.alice).json()
    assert [e["kind"] for e in history] == ["person.create"]
    assert history[0]["actor"] == "alice" and history[0]["kind_zh"] == "新增人员"  # the person page's label
    changes = {c["field"]: c for c in history[0]["changes"]}
    assert changes["name"]["new"] == "赵敏" and changes["group"]["new"] == "第一党小组"


def test_update_is_kept_old_to_new(world, client):
    pk = world.person_a.pk
    r = call(
        client,
        "PATCH",
        f"/api/v1/members/{pk}",
        world.alice,
        {"phone": "13655556666", "professional_title": "senior_deputy", "group": None},
    )
    assert r.status_code == 200, r.content
    assert r.json()["professional_title_zh"] == "副高级" and r.json()["group_code"] is None
    assert r.json()["name"] == "王芳"  # untouched fields stay
    entry = call(client, "GET", f"/api/v1/members/{pk}/history", world.alice).json()[0]
    assert entry["kind"] == "person.update" and entry["actor"] == "alice"
    assert entry["at"].endswith("+08:00")  # local (Beijing) time
    changes = {c["field"]: (c["label"], c["old"], c["new"]) for c in entry["changes"]}
    assert changes == {
        "phone": ("联系电话", "", "13655556666"),
        "professional_title": ("专业技术职务", "intermediate", "senior_deputy"),
        "group": ("党小组", "第一党小组", None),
    }


def test_bad_input_is_422_in_chinese_naming_the_field_and_changes_nothing(world, client):
    bad_id = make_id("330203", BORN, 21, "female")[:-1] + (
        "0" if make_id("330203", BORN, 21, "female")[-1] != "0" else "1"
    )
    cases = [
        (new_member(id_number=bad_id), "id_number", "公民身份号码"),
        (new_member(birth_date="1992-07-16"), "birth_date", "出生日期与身份证号不一致"),
        (new_member(birth_date="1992/7/15"), "birth_date", "出生日期：日期格式不正确"),
        (new_member(status="member"), "status", "人员类别：取值无效"),
        (new_member(name=""), "name", "姓名：不能为空"),
        (new_member(id_number=world.person_a.id_number, birth_date="1985-04-12"), "id_number", "重复"),
        (new_member(group="NOPE"), "group", "党小组“NOPE”不存在"),
        (new_member(org="BRA-G1", group=None), "org", "只能加入党支部"),
        (new_member(confirmation_date="2025-01-01"), "confirmation_date", "转正时间"),
    ]
    before = Person.objects.count()
    for body, field, text in cases:
        r = call(client, "POST", "/api/v1/members/", world.alice, body)
        assert r.status_code == 422, (body, r.content)
        assert field in [e["field"] for e in r.json()["errors"]], r.json()
        assert text in r.json()["detail"], r.json()
    assert Person.objects.count() == before
    missing = {k: v for k, v in new_member().items() if k != "gender"}
    r = call(client, "POST", "/api/v1/members/", world.alice, missing)
    assert r.status_code == 422 and "性别：必填" in r.json()["detail"]


def test_bad_patch_and_filters_are_422(world, client):
    pk = world.person_a.pk
    r = call(
        client, "PATCH", f"/api/v1/members/{pk}", world.alice, {"join_date": "2000-01-01", "birth_date": "1985-04-12"}
    )
    assert r.status_code == 422 and "入党时未满18周岁" in r.json()["detail"]
    world.person_a.refresh_from_db()
    assert world.person_a.join_date == datetime.date(2010, 6, 20)
    # Moving someone to a branch outside the caller's scope is a transfer (the other side accepts), not a
    # field edit: refused, naming the field and the way to do it (issue 17).
    r = call(client, "PATCH", f"/api/v1/members/{pk}", world.alice, {"org": "BRB", "phone": "1"})
    assert r.status_code == 422 and "组织关系转接" in r.json()["detail"] and r.json()["errors"][0]["field"] == "org"
    r = call(client, "GET", "/api/v1/members/?org=BRA&page_size=1000", world.alice)
    assert r.status_code == 422 and "每页条数：不能大于 200" in r.json()["detail"]
    r = call(client, "GET", "/api/v1/members/?org=BRA&status=boss", world.alice)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "status"


def test_history_reads_like_the_person_page_with_raw_codes_kept(world, client):
    """Issue #19: the API's history carries the labels the person page shows, beside the stored codes."""
    pk = world.person_a.pk
    call(
        client,
        "PATCH",
        f"/api/v1/members/{pk}",
        world.alice,
        {"professional_title": "senior_deputy", "is_mobile": True, "mobile_since": "2026-03-01"},
    )
    entry = call(client, "GET", f"/api/v1/members/{pk}/history", world.alice).json()[0]
    assert entry["kind"] == "person.update" and entry["kind_zh"] == "修改信息"
    assert entry["actor_role"] == "支部书记" and entry["day_zh"] == "2026年11月22日"  # the suite's day, China time
    changes = {c["field"]: c for c in entry["changes"]}
    title = changes["professional_title"]
    # Raw codes for clients, and the national standard's names (GB/T 8561 titles: 中级, 副高级) for people.
    assert (title["old"], title["new"], title["old_zh"], title["new_zh"]) == (
        "intermediate",
        "senior_deputy",
        "中级",
        "副高级",
    )
    assert (changes["is_mobile"]["old_zh"], changes["is_mobile"]["new_zh"]) == ("否", "是")
    assert changes["mobile_since"]["new_zh"] == "2026年3月1日"
    # Every readable value is what the person page shows for the same change.
    client.force_login(world.alice)
    page = client.get(f"/people/{pk}/").content.decode()
    for text in ("修改信息", "副高级", "2026年3月1日"):
        assert text in page
    for raw in ("senior_deputy", "person.update"):
        assert raw not in page
