"""Tasks down, reports up: targets, inbox, read receipts, answers, late list, accept / return."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from dangjian.plans import services
from dangjian.plans.models import TaskRecipient

PAST = datetime.date(2020, 1, 10)


def _send(w, **kw):
    values = dict(
        actor=w.bob,
        org=w.bureau,
        title="报送第一季度党建工作台账",
        body="请于截止日前报送",
        deadline=datetime.date(2099, 1, 1),
        target="all",
    )
    values.update(kw)
    return services.task_send(**values)


def test_all_branches_target_reaches_every_branch_below_not_groups_or_sender(two_schools):
    task = _send(two_schools)
    assert sorted(task.recipients.values_list("org__code", flat=True)) == ["BRA", "BRC", "BRR"]


def test_retiree_target_reaches_only_retiree_branches(two_schools):
    task = _send(two_schools, target="retiree")
    assert list(task.recipients.values_list("org__code", flat=True)) == ["BRR"]


def test_school_target_and_picked_outside_subtree_is_refused(two_schools):
    w = two_schools
    assert [r.org.code for r in _send(w, target="school", school=w.branch_c).recipients.all()] == ["BRC"]
    with pytest.raises(ValidationError) as exc:
        _send(w, target="picked", picked=[w.branch_b])
    assert "不是本组织的下级组织" in str(exc.value)


def test_secretary_cannot_send_for_bureau(two_schools):
    with pytest.raises(Http404):
        _send(two_schools, actor=two_schools.alice)


def test_inbox_open_marks_read_and_answer_then_return_then_answer_again(two_schools, client):
    w = two_schools
    task = _send(w, target="picked", picked=[w.branch_a, w.branch_c])
    r = TaskRecipient.objects.get(task=task, org=w.branch_a)
    client.force_login(w.alice)
    page = client.get("/plans/").content.decode()
    assert "报送第一季度党建工作台账" in page and "未读" in page
    client.get(f"/plans/inbox/{r.pk}/")
    r.refresh_from_db()
    assert r.read_at and r.read_by == w.alice and r.status == "pending"
    resp = client.post(f"/plans/inbox/{r.pk}/", {"answer": "已召开支委会，台账见附件"})
    assert resp.status_code == 302
    r.refresh_from_db()
    assert r.status == "answered" and r.answer.startswith("已召开")
    # the bureau returns it with a comment; alice can answer again
    client.force_login(w.bob)
    client.post(f"/plans/inbox/{r.pk}/review/", {"decision": "return", "comment": "缺少会议记录"})
    r.refresh_from_db()
    assert r.status == "returned" and r.review_comment == "缺少会议记录"
    client.force_login(w.alice)
    assert "缺少会议记录" in client.get(f"/plans/inbox/{r.pk}/").content.decode()
    client.post(f"/plans/inbox/{r.pk}/", {"answer": "已补充会议记录"})
    r.refresh_from_db()
    assert r.status == "answered"


def test_sender_opening_does_not_mark_read_and_late_is_shown(two_schools, client):
    w = two_schools
    task = _send(w, target="picked", picked=[w.branch_a, w.branch_c], deadline=PAST)
    services.task_answer(actor=w.alice, recipient=task.recipients.get(org=w.branch_a), answer="已完成")
    client.force_login(w.bob)
    page = client.get(f"/plans/tasks/{task.pk}/").content.decode()
    assert '逾期未报 <span class="text-danger fw-bold">1</span>' in page
    assert task.recipients.get(org=w.branch_c).read_at is None


def test_return_needs_a_comment_and_only_answered_can_be_reviewed(two_schools):
    w = two_schools
    task = _send(w, target="picked", picked=[w.branch_a])
    r = task.recipients.get()
    with pytest.raises(ValidationError):
        services.task_review(actor=w.bob, recipient=r, accept=True)
    services.task_answer(actor=w.alice, recipient=r, answer="好")
    with pytest.raises(ValidationError) as exc:
        services.task_review(actor=w.bob, recipient=r, accept=False, comment="")
    assert "退回时请填写退回意见" in str(exc.value)
    services.task_review(actor=w.bob, recipient=r, accept=True)
    with pytest.raises(ValidationError):
        services.task_answer(actor=w.alice, recipient=r, answer="再来")


def test_charlie_gets_404_on_the_task_and_the_inbox_row(two_schools, client):
    w = two_schools
    task = _send(w, target="picked", picked=[w.branch_a])
    r = task.recipients.get()
    client.force_login(w.charlie)
    assert client.get(f"/plans/tasks/{task.pk}/").status_code == 404
    assert client.get(f"/plans/inbox/{r.pk}/").status_code == 404
    assert client.post(f"/plans/inbox/{r.pk}/", {"answer": "x"}).status_code == 404


def test_member_notice_receipts(world, client):
    notice = services.member_notice_send(actor=world.alice, org=world.branch_a, title="关于缴纳党费的通知")
    assert notice.receipts.count() == 2
    client.force_login(world.dave)
    page = client.get("/plans/me/").content.decode()
    assert "关于缴纳党费的通知" in page and "未读" in page
    rid = notice.receipts.get(person=world.person_dave).pk
    client.get(f"/plans/me/{rid}/")
    client.force_login(world.alice)
    page = client.get(f"/plans/notices/{notice.pk}/").content.decode()
    assert "已读 1 / 2" in page
    client.force_login(world.charlie)
    assert client.get(f"/plans/notices/{notice.pk}/").status_code == 404
    assert client.get(f"/plans/me/{rid}/").status_code == 404


def test_task_form_sends_with_attachment(two_schools, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import sample_files

    w = two_schools
    client.force_login(w.bob)
    resp = client.post(
        "/plans/tasks/new/",
        {
            "org": w.bureau.pk,
            "kind": "task",
            "title": "报送主题党日照片",
            "deadline": "2099-05-01",
            "target": "all",
            "attachment": SimpleUploadedFile("通知.pdf", sample_files.pdf()),
        },
    )
    assert resp.status_code == 302
    task = w.bureau.sent_tasks.get()
    assert task.recipients.count() == 3 and task.files.get().name == "通知.pdf"
    client.force_login(w.alice)
    f = task.files.get()
    assert client.get(f"/plans/files/{f.pk}/").status_code == 200
    client.force_login(w.charlie)
    assert client.get(f"/plans/files/{f.pk}/").status_code == 404


def test_sender_sees_late_count_on_list_and_cannot_read_or_answer_for_the_branch(two_schools, client):
    w = two_schools
    task = _send(w, target="picked", picked=[w.branch_a, w.branch_c], deadline=PAST)
    r = task.recipients.get(org=w.branch_a)
    client.force_login(w.bob)
    page = client.get("/plans/").content.decode()
    assert '<span class="badge text-bg-danger">2</span>' in page
    assert f"/plans/inbox/{r.pk}/" not in page  # not in bob's inbox: bob's org sent it
    assert 'id="answer-form"' not in client.get(f"/plans/inbox/{r.pk}/").content.decode()
    r.refresh_from_db()
    assert r.read_at is None
    with pytest.raises(ValidationError) as exc:
        services.task_answer(actor=w.bob, recipient=r, answer="代报")
    assert "发文方不能代替接收组织报送" in str(exc.value)
    client.force_login(w.alice)
    assert f"/plans/inbox/{r.pk}/" in client.get("/plans/").content.decode()
