"""Issue 17 — what the pages do, the API does too: the quiz question bank, a member's notices and their read
receipt, downloading an archived file, and the bureau's visits-per-leader minimum. Each scoped like its page
(outside the caller's orgs: 404)."""

import datetime
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dangjian.learning.models import Question
from tests.api.helpers import call
from tests.sample_files import pdf

D = datetime.date


# --- question bank -------------------------------------------------------------------------------------------


def test_question_bank_list_create_update(world, client):
    url = "/api/v1/learning/questions"
    r = call(
        client,
        "POST",
        url,
        world.alice,
        {
            "org": "BRA",
            "kind": "single",
            "text": "党的最高理想和最终目标是？",
            "options": ["实现共产主义", "全面建成小康社会"],
            "answer": [0],
            "points": 10,
        },
    )
    assert r.status_code == 201, r.content
    q = r.json()
    # The branch's question goes into its bureau's bank (as on the page /learning/bank/BRA/).
    assert q["bureau"] == "BUREAU" and q["answer"] == [0] and q["kind_zh"] == "单选题"
    r = call(
        client,
        "POST",
        url,
        world.alice,
        {"org": "BRA", "kind": "true_false", "text": "党员每年集中学习培训不少于32学时。", "answer": [0]},
    )
    assert r.status_code == 201 and r.json()["options"] == ["正确", "错误"]
    # The same bank as the page shows.
    client.force_login(world.alice)
    page = client.get("/learning/bank/BRA/").content.decode()
    assert "党的最高理想和最终目标是？" in page and "题库（2题）" in page

    bad = [
        ({"org": "BRA", "kind": "single", "text": "x", "options": ["a", "b"], "answer": [0, 1]}, "只能有一个正确答案"),
        ({"org": "BRA", "kind": "multiple", "text": "x", "options": ["a"], "answer": [0]}, "至少需要两个选项"),
        ({"org": "BRA", "kind": "single", "text": "x", "options": ["a", "b"], "answer": [5]}, "请选择正确答案"),
        ({"org": "BRA", "kind": "essay", "text": "x", "options": [], "answer": [0]}, "取值无效"),
        ({"org": "BRA", "kind": "single", "text": "", "options": ["a", "b"], "answer": [0]}, "不能为空"),
    ]
    for body, message in bad:
        r = call(client, "POST", url, world.alice, body)
        assert r.status_code == 422 and message in r.json()["detail"], (body, r.json())
    assert Question.objects.count() == 2

    r = call(
        client,
        "PATCH",
        f"{url}/{q['id']}",
        world.alice,
        {"options": ["实现共产主义", "实现小康", "共同富裕"], "answer": [0]},
    )
    assert r.status_code == 200 and len(r.json()["options"]) == 3
    r = call(client, "PATCH", f"{url}/{q['id']}", world.alice, {"active": False})
    assert r.status_code == 200 and r.json()["active"] is False
    listed = call(client, "GET", f"{url}?org=BRA", world.alice).json()["items"]
    assert [i["kind"] for i in listed] == ["true_false"]
    assert len(call(client, "GET", f"{url}?org=BRA&active=false", world.alice).json()["items"]) == 1

    # Another bureau's secretary neither sees nor edits this bank.
    assert call(client, "GET", f"{url}?org=BRA", world.charlie).status_code == 404
    assert call(client, "PATCH", f"{url}/{q['id']}", world.charlie, {"text": "改"}).status_code == 404
    assert call(client, "PATCH", f"{url}/{q['id']}", world.dave, {"text": "改"}).status_code == 404
    assert call(client, "GET", "/api/v1/learning/questions?org=BRB", world.charlie).json()["items"] == []


def test_an_answered_question_keeps_its_answer(world, client):
    from dangjian.learning import services
    from dangjian.lib import clock

    q = services.question_create(
        actor=world.alice,
        bureau=world.bureau,
        kind="single",
        text="入党誓词宣誓时面向？",
        options=["党旗", "国旗"],
        answer=[0],
        points=100,
    )
    now = clock.now()
    quiz = services.quiz_create(
        actor=world.alice,
        org=world.branch_a,
        title="应知应会",
        questions=[q],
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    services.quiz_submit(actor=world.dave, quiz=quiz, answers={str(q.pk): [0]})
    r = call(client, "PATCH", f"/api/v1/learning/questions/{q.pk}", world.alice, {"answer": [1]})
    assert r.status_code == 422 and "已有党员作答过此题" in r.json()["detail"]
    assert Question.objects.get(pk=q.pk).answer == [0]
    r = call(client, "PATCH", f"/api/v1/learning/questions/{q.pk}", world.alice, {"text": "入党宣誓时面向？"})
    assert r.status_code == 200 and r.json()["text"] == "入党宣誓时面向？"


# --- member notices and read receipts ------------------------------------------------------------------------


def test_member_reads_own_notices_and_secretary_sees_who_read(world, client):
    r = call(
        client,
        "POST",
        "/api/v1/plans/notices",
        world.alice,
        {"org": "BRA", "title": "本周五下午主题党日", "body": "地点：三楼会议室"},
    )
    assert r.status_code == 201, r.content
    notice_id = r.json()["id"]
    assert r.json()["total"] == 2 and r.json()["read"] == 0  # 王芳 and 丁伟 on branch A's roll

    mine = call(client, "GET", "/api/v1/plans/my-notices", world.dave).json()
    assert mine["unread"] == 1 and [i["title"] for i in mine["items"]] == ["本周五下午主题党日"]
    receipt_id = mine["items"][0]["id"]
    # Reading it over the API does not mark it; the member says so.
    assert call(client, "GET", f"/api/v1/plans/my-notices/{receipt_id}", world.dave).json()["read"] is False
    r = call(client, "POST", f"/api/v1/plans/my-notices/{receipt_id}/read", world.dave)
    assert r.status_code == 200 and r.json()["read"] is True
    first = r.json()["read_at"]
    assert call(client, "POST", f"/api/v1/plans/my-notices/{receipt_id}/read", world.dave).json()["read_at"] == first
    assert call(client, "GET", "/api/v1/plans/my-notices?unread=true", world.dave).json()["items"] == []

    detail = call(client, "GET", f"/api/v1/plans/notices/{notice_id}", world.alice).json()
    assert detail["read"] == 1 and {(x["name"], x["read"]) for x in detail["receipts"]} == {
        ("丁伟", True),
        ("王芳", False),
    }
    listed = call(client, "GET", "/api/v1/plans/notices?org=BRA", world.alice).json()["items"]
    assert [(n["title"], n["total"], n["read"]) for n in listed] == [("本周五下午主题党日", 2, 1)]

    # Someone else's receipt, another branch's notices: 404 / nothing.
    assert call(client, "POST", f"/api/v1/plans/my-notices/{receipt_id}/read", world.charlie).status_code == 404
    assert call(client, "GET", f"/api/v1/plans/notices/{notice_id}", world.charlie).status_code == 404
    assert call(client, "GET", f"/api/v1/plans/notices/{notice_id}", world.dave).status_code == 404
    assert call(client, "GET", "/api/v1/plans/notices", world.charlie).json()["items"] == []


# --- archived file download ----------------------------------------------------------------------------------


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def test_archived_file_downloads_as_attachment_in_scope(world, client, media):
    content = pdf()  # a real PDF written by Pillow
    page = Client()
    page.force_login(world.alice)
    r = page.post(
        "/archive/org/BRA/new/",
        {
            "category": "incoming",
            "number": "江教党〔2026〕3号",
            "date": "2026-03-02",
            "title": "关于开展主题党日的通知",
            "retention": "long",
            "file": SimpleUploadedFile("主题党日通知.pdf", content, content_type="application/pdf"),
        },
    )
    assert r.status_code == 302
    docs = call(client, "GET", "/api/v1/archive/documents?org=BRA&year=2026", world.alice).json()["items"]
    [item] = docs[0]["file_items"]
    assert item["name"] == "主题党日通知.pdf"
    detail = call(client, "GET", f"/api/v1/archive/documents/{docs[0]['id']}", world.alice).json()
    assert detail["file_items"] == [item]

    r = call(client, "GET", item["url"], world.alice)
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == content
    disposition = r["Content-Disposition"]
    assert disposition.startswith("attachment;") and "主题党日通知.pdf" in unquote(disposition)
    assert r["X-Content-Type-Options"] == "nosniff"

    assert call(client, "GET", item["url"], world.bob).status_code == 200  # the bureau above
    for user in (world.charlie, world.dave):
        assert call(client, "GET", item["url"], user).status_code == 404
        assert call(client, "GET", f"/api/v1/archive/documents/{docs[0]['id']}", user).status_code == 404
    assert call(client, "GET", "/api/v1/archive/files/999999", world.alice).status_code == 404


# --- visits-per-leader minimum -------------------------------------------------------------------------------


@pytest.mark.today("2026-11-22")
def test_visits_minimum_is_a_bureau_setting(world, client):
    from dangjian.plans.todos import todos_for

    url = "/api/v1/plans/settings/visits"
    r = call(client, "GET", f"{url}/BRA", world.alice)
    assert r.status_code == 200 and r.json() == {
        "bureau": "BUREAU",
        "bureau_name": "江北区教育局党委",
        "visits_per_leader": 2,
        "default": 2,
    }
    # Only the bureau's own officers change it; a branch secretary below it cannot, another bureau gets 404.
    assert call(client, "PUT", f"{url}/BUREAU", world.alice, {"visits_per_leader": 4}).status_code == 404
    assert call(client, "PUT", f"{url}/BUREAU", world.charlie, {"visits_per_leader": 4}).status_code == 404
    r = call(client, "PUT", f"{url}/BRA", world.bob, {"visits_per_leader": 4})
    assert r.status_code == 422 and "最上级党组织" in r.json()["detail"]
    r = call(client, "PUT", f"{url}/BUREAU", world.bob, {"visits_per_leader": 60})
    assert r.status_code == 422 and "不能大于 52" in r.json()["detail"]
    r = call(client, "PUT", f"{url}/BUREAU", world.bob, {"visits_per_leader": 3})
    assert r.status_code == 200 and r.json()["visits_per_leader"] == 3
    assert call(client, "GET", f"{url}/BRA", world.alice).json()["visits_per_leader"] == 3
    assert call(client, "GET", f"{url}/BRB", world.charlie).json()["visits_per_leader"] == 2  # other bureau

    # It is the number the checks use: bob (no visits this year) is short of 3, reminded from November.
    leaders = call(client, "GET", "/api/v1/plans/visits/leaders/BUREAU/2026", world.bob).json()
    assert leaders["minimum"] == 3 and [row["short"] for row in leaders["leaders"]] == [True]
    assert any("少于3次" in t["title_zh"] for t in todos_for(world.bob, D(2026, 11, 22)))
    from dangjian.core.models import AuditEvent

    assert AuditEvent.objects.filter(kind="plans.visits_minimum").count() == 1
