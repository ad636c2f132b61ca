"""A meeting's quorum counts those who should be there, not the rows that happen to be marked
(LIFE-01 / LIFE-02 / DEV-14 in regulations.md), and 列席 are shown, never counted.

Worked by hand from the story below (branch A = BRA, secretary alice):
- The committee in office (fixture ``committee``) is 王芳 (书记), 丁伟, 张敏: 3 委员.
  支委会: 王芳 present, 丁伟 and 张敏 never marked, 钱列 and 孙列 (members, not 委员) present as 列席.
  委员 present = 1; LIFE-02 "半数以上委员" (strict reading): 1 > 3/2? no → the meeting cannot be held.
  The old count took the 3 marked rows as 应到 and all 3 present: "应到委员3人，实到3人，超过半数".
- 党员大会: branch A has 7 正式党员 (王芳, 丁伟, 张敏 + 钱列, 孙列, 周员, 吴员) and one 预备党员 (赵预备, no vote).
  Only 王芳, 丁伟, 张敏 marked present; vote with 3 yes. E = 7, A = 3: 3 > 7/2? no → 会议无效;
  Y = 3 > 7/2? no → 未通过. The old count took E from the 3 marked rows: "应到3人，实到3人…通过".
"""

import json

import pytest
from django.utils import timezone

from tests.conftest import add_person


def _call(client, method, url, body=None):
    resp = getattr(client, method)(
        url, data=json.dumps(body) if body is not None else None, content_type="application/json"
    )
    return resp.status_code, resp.json()


def _morning():
    return timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)


@pytest.fixture
def branch(committee):
    w = committee
    w.qian = add_person(w.branch_a, "钱列", actor=w.admin, seq=21)
    w.sun = add_person(w.branch_a, "孙列", actor=w.admin, seq=22)
    w.zhou = add_person(w.branch_a, "周员", actor=w.admin, seq=23)
    w.wu = add_person(w.branch_a, "吴员", actor=w.admin, seq=24)
    w.zhao = add_person(
        w.branch_a,
        "赵预备",
        actor=w.admin,
        seq=25,
        status="probationary_member",
        join_date=timezone.localdate().replace(month=1, day=5),
        confirmation_date=None,
    )
    return w


def test_committee_quorum_counts_committee_members_only_not_those_in_attendance(branch, login):
    w = branch
    client = login(w.alice)
    code, body = _call(
        client,
        "post",
        "/api/v1/meetings/",
        {"org": "BRA", "kind": "committee_meeting", "starts_at": _morning().isoformat(), "topic": "研究发展党员工作"},
    )
    assert code == 201, body
    mid = body["id"]
    code, body = _call(
        client,
        "put",
        f"/api/v1/meetings/{mid}/attendance",
        {
            "rows": [
                {"person_id": w.person_a.pk, "status": "present"},
                {"person_id": w.qian.pk, "status": "present"},
                {"person_id": w.sun.pk, "status": "present"},
            ]
        },
    )
    assert code == 200, body
    [check] = body["quorum"]
    assert check["rule_id"] == "LIFE-02" and check["ok"] is False
    assert check["text"].startswith("应到委员3人，实到1人，未达到半数以上委员到会，会议不能举行")
    assert "列席2人" in check["text"]
    assert (body["counts"]["expected"], body["counts"]["attended"], body["counts"]["observers"]) == (3, 1, 2)
    # the unmarked 委员 are listed, absent until marked
    unmarked = {a["name"] for a in body["attendance"] if a["status"] is None}
    assert unmarked == {"丁伟", "张敏"}
    page = client.get(f"/meetings/{mid}/").content.decode()
    assert "应到委员3人，实到1人，未达到半数以上委员到会，会议不能举行" in page
    assert "丁伟：缺席（未登记）" in page and "钱列：出席" in page


def test_two_of_three_committee_members_make_the_quorum_whoever_else_came(branch, login):
    w = branch
    client = login(w.alice)
    code, body = _call(
        client,
        "post",
        "/api/v1/meetings/",
        {"org": "BRA", "kind": "committee_meeting", "starts_at": _morning().isoformat(), "topic": "研究党费"},
    )
    code, body = _call(
        client,
        "put",
        f"/api/v1/meetings/{body['id']}/attendance",
        {
            "rows": [
                {"person_id": w.person_a.pk, "status": "present"},
                {"person_id": w.zhang.pk, "status": "present"},
                {"person_id": w.person_dave.pk, "status": "absent"},
                {"person_id": w.qian.pk, "status": "present"},
            ]
        },
    )
    assert code == 200, body
    [check] = body["quorum"]
    # 2 > 3/2 → valid; 钱列 is 列席
    assert check["ok"] and check["text"].startswith("应到委员3人，实到2人，超过半数，会议有效")


def test_general_meeting_expects_every_full_member_on_the_roll_not_only_those_marked(branch, login):
    w = branch
    client = login(w.alice)
    code, body = _call(
        client,
        "post",
        "/api/v1/meetings/",
        {
            "org": "BRA",
            "kind": "general_meeting",
            "starts_at": _morning().isoformat(),
            "topic": "讨论接收预备党员",
            "has_vote": True,
            "vote_subject": "接收李明为预备党员",
            "vote_yes": 3,
        },
    )
    assert code == 201, body
    mid = body["id"]
    code, body = _call(
        client,
        "put",
        f"/api/v1/meetings/{mid}/attendance",
        {"rows": [{"person_id": p.pk, "status": "present"} for p in (w.person_a, w.person_dave, w.zhang)]},
    )
    assert code == 200, body
    [check] = body["quorum"]
    assert check["rule_id"] == "DEV-14" and check["ok"] is False
    assert "应到会有表决权党员7人，实到3人，未超过半数，会议无效" in check["text"]
    assert "未超过应到会半数，未通过" in check["text"]
    # 8 people expected (7 正式 + 1 预备), 3 present, 5 never marked
    assert (body["counts"]["expected"], body["counts"]["attended"], body["counts"]["unmarked"]) == (8, 3, 5)
    page = client.get(f"/meetings/{mid}/").content.decode()
    assert "应到会有表决权党员7人，实到3人，未超过半数，会议无效" in page and "未通过" in page


def test_general_meeting_without_vote_needs_more_than_half_of_the_roll(branch, login):
    w = branch
    client = login(w.alice)
    code, body = _call(
        client,
        "post",
        "/api/v1/meetings/",
        {"org": "BRA", "kind": "general_meeting", "starts_at": _morning().isoformat(), "topic": "学习党章"},
    )
    # 4 of 7 正式 + the 预备党员: 4 > 3.5 → enough to vote; the 预备党员 is no voter
    code, body = _call(
        client,
        "put",
        f"/api/v1/meetings/{body['id']}/attendance",
        {
            "rows": [
                {"person_id": p.pk, "status": "present"} for p in (w.person_a, w.person_dave, w.zhang, w.qian, w.zhao)
            ]
        },
    )
    assert code == 200, body
    assert body["quorum"][0]["text"].startswith("应到会有表决权党员7人，实到4人，超过半数，可以进行表决")
