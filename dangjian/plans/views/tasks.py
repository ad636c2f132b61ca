"""Pages for tasks down / reports up and member notices (thin: forms → services, selectors → templates)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.accounts.scope import can_manage
from dangjian.core import workflow
from dangjian.core.forms import apply_errors
from dangjian.core.paging import page_of
from dangjian.lib import clock
from dangjian.orgs.models import BRANCH_KINDS
from dangjian.orgs.selectors import orgs_visible

from .. import selectors, services
from ..forms import AnswerForm, NoticeForm, TaskForm
from ..models import RecipientStatus
from ..workflows import REVIEWED


def _senders(user):
    return selectors.managed_orgs(user, with_children=True)


def _below(user):
    return selectors.managed_orgs(user).order_by("path")


def home(request):
    user = request.user
    managed = orgs_visible(user, manage=True)
    if not managed.exists():
        return redirect("plans:me")
    today = clock.today()
    sent = list(selectors.tasks_sent(user, today)[:50])
    received = list(selectors.inbox(user)[:50])
    for r in received:
        r.late_zh = r.late_label(today)
    return render(
        request,
        "plans/home.html",
        {
            "sent": sent,
            "inbox": received,
            "notices": selectors.notices_sent(user)[:30],
            "today": today,
            "can_send": _senders(user).exists(),
            "can_notice": selectors.managed_orgs(user, kinds=BRANCH_KINDS).exists(),
        },
    )


def task_new(request):
    senders = _senders(request.user)
    if not senders.exists():
        raise Http404
    form = TaskForm(request.POST or None, request.FILES or None, senders=senders, below=_below(request.user))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            task = services.task_send(
                actor=request.user,
                org=d["org"],
                kind=d["kind"],
                title=d["title"],
                body=d["body"],
                deadline=d["deadline"],
                target=d["target"],
                school=d["school"],
                picked=list(d["picked"]),
                files=[d["attachment"]] if d["attachment"] else [],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已发送给{task.recipients.count()}个组织")
            return redirect("plans:task_detail", task.pk)
    return render(request, "plans/form.html", {"form": form, "title": "下发任务/通知", "multipart": True})


def task_detail(request, pk):
    task = selectors.task_get(request.user, pk)
    today = clock.today()
    rows = selectors.recipients_of(task, today)
    for r in rows:  # the sender's moves the workflow allows now: 采纳 / 退回 (plans/workflows.py)
        r.review_next = [s.value for s in workflow.available_statuses(r) if s in REVIEWED]
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "rows": rows,
            "today": today,
            "files": selectors.task_files(task),
            "n_read": sum(1 for r in rows if r.read_at),
            "n_answered": sum(1 for r in rows if r.answered_at),
            "n_late": sum(1 for r in rows if r.late_zh == "逾期未报"),
            "n_answered_late": sum(1 for r in rows if r.late_zh == "逾期上报"),
        },
    )


@require_POST
def task_review(request, pk):
    recipient = selectors.recipient_get(request.user, pk)
    try:
        services.task_review(
            actor=request.user,
            recipient=recipient,
            accept=request.POST.get("decision") == "accept",
            comment=request.POST.get("comment", ""),
        )
        messages.success(request, f"{recipient.org.name}：{recipient.get_status_display()}")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("plans:task_detail", recipient.task_id)


def inbox_detail(request, pk):
    recipient = selectors.recipient_get(request.user, pk)
    recipient = services.task_open(actor=request.user, recipient=recipient)
    form = AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.task_answer(
                actor=request.user,
                recipient=recipient,
                answer=d["answer"],
                files=[d["attachment"]] if d["attachment"] else [],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已报送")
            return redirect("plans:inbox_detail", pk)
    return render(
        request,
        "plans/inbox_detail.html",
        {
            "r": recipient,
            "task": recipient.task,
            "form": form,
            "today": clock.today(),
            "late_zh": recipient.late_label(clock.today()),
            "files": selectors.task_files(recipient.task),
            "answer_files": recipient.files.all(),
            "can_answer": RecipientStatus.ANSWERED in workflow.available_statuses(recipient)
            and not can_manage(request.user, recipient.task.org),
        },
    )


def notice_new(request):
    branches = selectors.managed_orgs(request.user, kinds=BRANCH_KINDS)
    if not branches.exists():
        raise Http404
    form = NoticeForm(request.POST or None, branches=branches)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            notice = services.member_notice_send(actor=request.user, org=d["org"], title=d["title"], body=d["body"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已通知{notice.receipts.count()}名党员")
            return redirect("plans:notice_detail", notice.pk)
    return render(request, "plans/form.html", {"form": form, "title": "给党员发通知"})


def notice_detail(request, pk):
    notice = selectors.notice_get(request.user, pk)
    receipts = selectors.notice_receipts(notice)
    return render(
        request,
        "plans/notice_detail.html",
        {"notice": notice, "receipts": receipts, "n_read": sum(1 for r in receipts if r.read_at)},
    )


def me(request):
    person = getattr(request.user, "person", None)
    page = page_of(request, selectors.my_receipts(person) if person else [])
    return render(request, "plans/me.html", {"receipts": page, "page": page})


def me_notice(request, pk):
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    receipt = selectors.my_receipt_get(person, pk)
    receipt = services.member_notice_open(person=person, receipt=receipt)
    return render(request, "plans/me_notice.html", {"r": receipt, "notice": receipt.notice})
