"""Pages for recording meetings: list, create, edit, attendance on one screen, attachments, void/restore."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangjian.core import versioning
from dangjian.core.audit import history
from dangjian.core.forms import apply_errors
from dangjian.core.paging import page_of
from dangjian.lib import clock
from dangjian.orgs.models import BRANCH_KINDS
from dangjian.orgs.selectors import org_get

from . import services
from .forms import AttachmentForm, MeetingForm, VoidForm
from .models import AttendanceStatus, Kind
from .selectors import (
    attachment_get,
    attendance_counts,
    attendance_rows,
    chair_checks,
    live_attachments,
    meeting_fresh,
    meeting_get,
    meeting_orgs,
    meetings_of_org,
    plan_item_get,
    quorum_checks,
    recent_meetings,
)


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or clock.today().year)
    except ValueError:
        return clock.today().year


def home(request):
    managed = meeting_orgs(request.user)
    orgs = list(managed[:200])
    recent = recent_meetings(request.user)
    base = min((o.depth for o in orgs), default=0)
    return render(
        request,
        "meetings/home.html",
        {
            "orgs": orgs,
            "more": max(0, managed.count() - len(orgs)),
            "recent": recent,
            "year": clock.today().year,
            "base_depth": base,
            "branch_kinds": [str(k) for k in BRANCH_KINDS],
        },
    )


def org_meetings(request, code):
    org = org_get(request.user, code=code, manage=True)
    year = _year(request)
    kind = request.GET.get("kind") or None
    show_voided = request.GET.get("voided") == "1"
    meetings = meetings_of_org(request.user, org, year=year, kind=kind, include_voided=show_voided).order_by(
        "-starts_at"
    )
    return render(
        request,
        "meetings/list.html",
        {
            "org": org,
            "year": year,
            "meetings": page_of(request, meetings),  # 50 a page
            "kind": kind,
            "kinds": Kind.choices,
            "show_voided": show_voided,
        },
    )


def create(request, code):
    org = org_get(request.user, code=code, manage=True)
    initial = {
        "kind": request.GET.get("kind") or Kind.COMMITTEE_MEETING,
        "starts_at": timezone.localtime().replace(second=0, microsecond=0),
    }
    if request.GET.get("plan"):
        item = plan_item_get(request.user, request.GET["plan"])
        if item.org_id == org.id:
            initial.update(kind=item.kind, topic=item.topic, plan_item=item.pk)
    form = MeetingForm(request.POST or None, org=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        participants = data.pop("participants", None) or []
        try:
            meeting = services.meeting_create(actor=request.user, org=org, participants=participants, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "会议记录已保存，请登记出席情况")
            if meeting.kind == Kind.HEART_TO_HEART_TALK:
                return redirect("meetings:detail", meeting.pk)
            return redirect("meetings:attendance", meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "org": org, "title": f"登记会议 · {org.name}"})


def edit(request, pk):
    meeting = meeting_get(request.user, pk)
    form = MeetingForm(request.POST or None, org=meeting.org, creating=False, instance=meeting_fresh(pk))
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        except versioning.StaleEdit as exc:
            # Show what the other officer saved, with its version, to redo the change on top of it.
            stale = exc.message
            form = MeetingForm(org=meeting.org, creating=False, instance=meeting_fresh(pk))
        else:
            messages.success(request, "已保存修改，原记录保留在变更记录中")
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "org": meeting.org,
            "meeting": meeting,
            "stale": stale,
            "title": f"修改会议记录 · {meeting.topic}",
        },
        status=409 if stale else 200,
    )


def detail(request, pk):
    meeting = meeting_get(request.user, pk)
    # Everyone expected is listed once attendance is recorded: people not marked are absent until marked.
    rows = attendance_rows(meeting) if meeting.attendance_recorded else []
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "rows": rows,
            "counts": attendance_counts(meeting),
            "checks": quorum_checks(meeting),
            "findings": chair_checks(meeting),
            "attachments": live_attachments(meeting),
            "history": history(meeting)[:30],
            "attachment_form": AttachmentForm(),
            "void_form": VoidForm(),
        },
    )


def attendance(request, pk):
    meeting = meeting_get(request.user, pk)
    rows = attendance_rows(meeting)
    errors = []
    if request.method == "POST":
        posted = [
            {
                "person_id": pid,
                "status": request.POST.get(f"status_{pid}", ""),
                "reason": request.POST.get(f"reason_{pid}", ""),
            }
            for pid in request.POST.getlist("person")
        ]
        try:
            services.attendance_set(actor=request.user, meeting=meeting, rows=posted)
        except ValidationError as exc:
            errors = exc.messages
            marks = {str(r["person_id"]): r for r in posted}
            for r in rows:
                m = marks.get(str(r["person"].id))
                if m:
                    r["status"], r["reason"] = m["status"], m["reason"]
        else:
            messages.success(request, "出席情况已保存")
            return redirect("meetings:detail", meeting.pk)
    for r in rows:
        if not r["status"] and not errors:
            r["status"] = AttendanceStatus.PRESENT
    return render(
        request,
        "meetings/attendance.html",
        {"meeting": meeting, "rows": rows, "errors": errors, "statuses": AttendanceStatus.choices},
    )


@require_POST
def void(request, pk):
    meeting = meeting_get(request.user, pk)
    try:
        services.meeting_void(actor=request.user, meeting=meeting, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "记录已作废（可恢复），不再计入组织生活统计")
    return redirect("meetings:detail", meeting.pk)


@require_POST
def restore(request, pk):
    meeting = meeting_get(request.user, pk)
    try:
        services.meeting_restore(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "记录已恢复")
    return redirect("meetings:detail", meeting.pk)


@require_POST
def attachment_upload(request, pk):
    meeting = meeting_get(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "材料已上传")
    else:
        messages.error(request, "请选择要上传的文件")
    return redirect("meetings:detail", meeting.pk)


@require_POST
def attachment_remove(request, pk):
    att = attachment_get(request.user, pk)
    services.attachment_void(actor=request.user, attachment=att)
    messages.success(request, "材料已移除（文件保留，可由管理员恢复）")
    return redirect("meetings:detail", att.meeting_id)
