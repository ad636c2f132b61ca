"""应知应会测试 and 学习心得."""

import datetime

from django.utils import timezone

from dangjian.learning import services
from dangjian.learning.models import QuizAttempt, StudyNote


def _bank(world):
    q1 = services.question_create(
        actor=world.alice,
        bureau=world.bureau,
        kind="single",
        text="党的最高理想是？",
        options=["实现共产主义", "其他"],
        answer=[0],
        points=10,
    )
    q2 = services.question_create(
        actor=world.alice,
        bureau=world.bureau,
        kind="multiple",
        text="三会一课包括？",
        options=["支部党员大会", "支委会", "党小组会", "茶话会"],
        answer=[0, 1, 2],
        points=10,
    )
    q3 = services.question_create(
        actor=world.alice,
        bureau=world.bureau,
        kind="true_false",
        text="党员每年学时不少于32？",
        options=[],
        answer=[0],
        points=10,
    )
    return q1, q2, q3


def test_member_answers_on_phone_and_is_auto_scored_once(client, world):
    q1, q2, q3 = _bank(world)
    now = timezone.now()
    quiz = services.quiz_create(
        actor=world.alice,
        org=world.branch_a,
        title="应知应会测试",
        questions=[q1, q2, q3],
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    client.force_login(world.dave)
    assert "应知应会测试" in client.get("/learning/me/").content.decode()
    resp = client.post(
        f"/learning/quiz/{quiz.pk}/take/", {f"q-{q1.pk}": "0", f"q-{q2.pk}": ["0", "1"], f"q-{q3.pk}": "0"}, follow=True
    )
    assert "得分 20/30" in resp.content.decode()  # the incomplete multiple choice scores nothing
    resp = client.post(f"/learning/quiz/{quiz.pk}/take/", {f"q-{q1.pk}": "0"}, follow=True)
    assert "您已经提交过本次测试" in resp.content.decode()
    assert QuizAttempt.objects.get().score == 20


def test_closed_window_and_paper_scores(client, world):
    q1, q2, q3 = _bank(world)
    now = timezone.now()
    quiz = services.quiz_create(
        actor=world.alice,
        org=world.branch_a,
        title="已截止测试",
        questions=[q1],
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now - datetime.timedelta(days=1),
    )
    client.force_login(world.dave)
    resp = client.post(f"/learning/quiz/{quiz.pk}/take/", {f"q-{q1.pk}": "0"}, follow=True)
    assert "不在测试开放时间内" in resp.content.decode()
    client.force_login(world.alice)
    resp = client.post(
        f"/learning/quiz/{quiz.pk}/paper/",
        {f"s-{world.person_a.pk}": "8", f"s-{world.person_dave.pk}": "99"},
        follow=True,
    )
    text = resp.content.decode()
    assert "丁伟：丁伟：得分应在0—10之间" in text or "得分应在0—10之间" in text
    assert "王芳 8/10（纸质）" in text
    client.force_login(world.charlie)
    assert client.get(f"/learning/quiz/{quiz.pk}/").status_code == 404


def test_question_validation(world):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="单选题和判断题只能有一个正确答案"):
        services.question_create(
            actor=world.alice, bureau=world.bureau, kind="single", text="?", options=["a", "b"], answer=[0, 1]
        )


def test_member_submits_note_and_secretary_marks_it_read(client, world):
    client.force_login(world.dave)
    resp = client.post(
        "/learning/me/note/", {"title": "学习心得", "body": "通过学习，我深刻认识到要发挥先锋模范作用。"}, follow=True
    )
    assert "学习心得已提交" in resp.content.decode()
    note = StudyNote.objects.get()
    client.force_login(world.alice)
    assert "先锋模范" in client.get("/learning/notes/BRA/").content.decode()
    client.post(f"/learning/note/{note.pk}/read/", {"comment": "写得好"})
    note.refresh_from_db()
    assert note.read_by == world.alice and note.comment == "写得好"
    client.force_login(world.dave)
    assert "书记已阅：写得好" in client.get("/learning/me/").content.decode()
    client.force_login(world.charlie)
    assert client.post(f"/learning/note/{note.pk}/read/").status_code == 404


def test_quiz_api_create_answer_and_scope(client, world):
    q1, q2, q3 = _bank(world)
    now = timezone.now()
    client.force_login(world.alice)
    resp = client.post(
        "/api/v1/learning/quizzes",
        {
            "org": "BRA",
            "title": "接口测试",
            "opens_at": (now - datetime.timedelta(hours=1)).isoformat(),
            "closes_at": (now + datetime.timedelta(hours=1)).isoformat(),
            "question_ids": [q1.pk, q3.pk],
        },
        content_type="application/json",
    )
    assert resp.status_code == 201, resp.content
    qid = resp.json()["id"]
    client.force_login(world.dave)
    resp = client.post(
        f"/api/v1/learning/quizzes/{qid}/answers",
        {"answers": {q1.pk: [0], q3.pk: [1]}},
        content_type="application/json",
    )
    assert resp.json() == {"score": 10, "max_score": 20}
    client.force_login(world.charlie)
    assert client.get(f"/api/v1/learning/quizzes/{qid}").status_code == 404
    assert (
        client.post(
            f"/api/v1/learning/quizzes/{qid}/answers", {"answers": {}}, content_type="application/json"
        ).status_code
        == 404
    )
