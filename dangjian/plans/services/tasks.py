"""Tasks down, reports up (上传下达), and notices to members with read receipts."""

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.accounts.scope import can_manage
from dangjian.core import workflow
from dangjian.core.audit import record
from dangjian.lib import clock, uploads
from dangjian.members import roll
from dangjian.members.models import Person
from dangjian.orgs.models import BRANCH_KINDS, Org, subtree_q

from ..models import MemberNotice, MemberReceipt, RecipientStatus, Task, TaskFile, TaskRecipient
from ._common import require_manage, required, save

TARGETS = {"all": "下级全部支部", "school": "某一学校（组织及其下级）", "retiree": "离退休支部", "picked": "指定组织"}


def _below(org):
    return Org.objects.filter(subtree_q(org.path), is_active=True).exclude(id=org.id)


def task_targets(*, org, target, school=None, picked=()) -> list[Org]:
    """The orgs a task goes to; each must lie strictly below the sending org."""
    below = _below(org)
    if target == "all":
        orgs = below.filter(kind__in=BRANCH_KINDS)
    elif target == "retiree":
        orgs = below.filter(kind__in=BRANCH_KINDS, is_retiree=True)
    elif target == "school":
        if school is None or not below.filter(id=school.id).exists():
            raise ValidationError({"school": "请选择本组织下级的一个学校（组织）"})
        orgs = below.filter(subtree_q(school.path)).filter(kind__in=[*BRANCH_KINDS, "general_branch"])
        orgs = orgs | below.filter(id=school.id)
    elif target == "picked":
        ids = [o.id for o in picked]
        outside = set(ids) - set(below.filter(id__in=ids).values_list("id", flat=True))
        if outside:
            names = "、".join(o.name for o in picked if o.id in outside)
            raise ValidationError({"orgs": f"{names} 不是本组织的下级组织"})
        orgs = below.filter(id__in=ids)
    else:
        raise ValidationError({"target": f"未知的发送范围：{target}"})
    orgs = list(orgs.distinct().order_by("path"))
    if not orgs:
        raise ValidationError({"target": "所选范围内没有可接收的组织"})
    return orgs


@transaction.atomic
def task_send(
    *, actor, org, kind="task", title, body="", deadline=None, target="picked", school=None, picked=(), files=()
) -> Task:
    require_manage(actor, org)
    required(title, "标题")
    files = uploads.accept_all(files, field="attachment")
    task = save(
        Task(
            bureau=org.bureau or org,
            org=org,
            kind=kind,
            title=title.strip(),
            body=body,
            deadline=deadline,
            target=target,
            created_by=actor,
        )
    )
    orgs = task_targets(org=org, target=target, school=school, picked=picked)
    TaskRecipient.objects.bulk_create([TaskRecipient(task=task, org=o) for o in orgs])
    for f in files:
        TaskFile.objects.create(task=task, file=f.file, name=f.name)
    record(
        actor=actor,
        org=org,
        kind="plans.task_send",
        subject=task,
        data={"title": task.title, "to": [o.code for o in orgs], "deadline": str(deadline or "")},
    )
    return task


def task_open(*, actor, recipient: TaskRecipient) -> TaskRecipient:
    """A manager of the receiving org opens the task: the first opening is the read receipt."""
    # Only the receiving side's opening counts; the sender (who also manages the subtree) leaves it unread.
    if recipient.read_at is None and can_manage(actor, recipient.org) and not can_manage(actor, recipient.task.org):
        TaskRecipient.objects.filter(pk=recipient.pk, read_at__isnull=True).update(read_at=clock.now(), read_by=actor)
        recipient.refresh_from_db()
    return recipient


@transaction.atomic
def task_answer(*, actor, recipient: TaskRecipient, answer, files=()) -> TaskRecipient:
    """The receiving org reports (again, after a return); the move is plans/workflows.py RECIPIENT."""
    require_manage(actor, recipient.org)
    if can_manage(actor, recipient.task.org):
        raise ValidationError({"answer": "发文方不能代替接收组织报送"})
    recipient.refresh_from_db(fields=["status"])  # the stored status, not the caller's copy
    if recipient.status not in (RecipientStatus.PENDING, RecipientStatus.RETURNED):
        raise ValidationError({"answer": f"已{recipient.get_status_display()}，不能再次报送"})
    if not (answer or "").strip() and not files:
        raise ValidationError({"answer": "请填写报送内容或上传文件"})
    files = uploads.accept_all(files, field="attachment")
    saved = workflow.set_status(actor=actor, obj=recipient, to=RecipientStatus.ANSWERED, answer=answer, files=files)
    for f in files:
        TaskFile.objects.create(task=saved.task, recipient=saved, file=f.file, name=f.name)
    recipient.refresh_from_db()
    return recipient


@transaction.atomic
def task_review(*, actor, recipient: TaskRecipient, accept: bool, comment="") -> TaskRecipient:
    """The sender accepts a report, or returns it with an opinion."""
    require_manage(actor, recipient.task.org)
    recipient.refresh_from_db(fields=["status"])  # the stored status, not the caller's copy
    if recipient.status != RecipientStatus.ANSWERED:
        raise ValidationError({"status": "只有已报送的材料才能审核"})
    to = RecipientStatus.ACCEPTED if accept else RecipientStatus.RETURNED
    workflow.set_status(actor=actor, obj=recipient, to=to, note=comment or "")
    recipient.refresh_from_db()
    return recipient


@transaction.atomic
def member_notice_send(*, actor, org, title, body="") -> MemberNotice:
    require_manage(actor, org)
    required(title, "标题")
    if org.kind not in BRANCH_KINDS:
        raise ValidationError({"org": "党员通知只能由支部发出"})
    notice = save(MemberNotice(org=org, title=title.strip(), body=body, created_by=actor))
    # 党员 only (正式 + 预备, members.roll): 入党申请人、积极分子、发展对象 are not sent 党员通知 nor counted in "已通知N名党员".
    people = Person.objects.filter(roll.member_q(clock.today()), org=org, on_roll=True).values_list("id", flat=True)
    MemberReceipt.objects.bulk_create([MemberReceipt(notice=notice, person_id=pid) for pid in people])
    record(actor=actor, org=org, kind="plans.notice_send", subject=notice, data={"title": notice.title})
    return notice


def member_notice_open(*, person, receipt: MemberReceipt) -> MemberReceipt:
    if receipt.person_id == person.id and receipt.read_at is None:
        MemberReceipt.objects.filter(pk=receipt.pk, read_at__isnull=True).update(read_at=clock.now())
        receipt.refresh_from_db()
    return receipt
