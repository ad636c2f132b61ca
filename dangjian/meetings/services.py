"""Every write to meetings, attendance, attachments and plans; each leaves an AuditEvent in its transaction."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.core import audit, versioning
from dangjian.lib import clock, uploads
from dangjian.members import roll
from dangjian.members.models import Person
from dangjian.orgs.models import OrgKind

from .models import YEARLY_KINDS, Attendance, AttendanceStatus, Kind, Meeting, MeetingAttachment
from .selectors import expected_people

MEETING_FIELDS = [
    "org",
    "group",
    "kind",
    "starts_at",
    "ends_at",
    "for_year",
    "place",
    "host",
    "host_delegated",
    "recorder",
    "lecturer",
    "lecturer_name",
    "topic",
    "agenda",
    "minutes",
    "resolutions",
    "study_hours",
    "has_vote",
    "vote_subject",
    "vote_yes",
    "vote_written_yes",
    "plan_item",
    "voided",
    "void_reason",
]


def _bureau_id(org) -> int:
    return org.bureau_id or org.id


def default_for_year(org_id, kind: str, held_on, *, exclude_pk=None) -> int:
    """The year a meeting counts for when the secretary does not say: the year of its date; for a yearly kind
    (组织生活会、民主评议党员、民主生活会) held in January–March, the year before when that org has no meeting of
    that kind counting for the year before (the common "2025年度组织生活会" held in February 2026)."""
    if kind not in YEARLY_KINDS or held_on.month > 3:
        return held_on.year
    earlier = Meeting.objects.filter(org_id=org_id, kind=kind, for_year=held_on.year - 1, voided=False)
    if exclude_pk is not None:
        earlier = earlier.exclude(pk=exclude_pk)
    return held_on.year if earlier.exists() else held_on.year - 1


def voting_ids(people, day) -> set:
    """Ids of the people who were 正式党员 on ``day`` (DEV-14: 预备党员 do not vote), read from the roll."""
    ids = [p.id for p in people]
    return set(Person.objects.filter(id__in=ids).filter(roll.full_q(day)).values_list("id", flat=True))


def _check(meeting: Meeting) -> None:
    errors: dict[str, list[str]] = {}

    def err(field, text):
        errors.setdefault(field, []).append(text)

    org = meeting.org
    if org.kind == OrgKind.GROUP:
        err("org", "党小组会请在所在支部下登记，并选择党小组")
    if meeting.kind == Kind.GROUP_MEETING:
        if not meeting.group_id:
            err("group", "党小组会须选择党小组")
        elif meeting.group.parent_id != org.id or meeting.group.kind != OrgKind.GROUP:
            err("group", "所选党小组不属于本支部")
    elif meeting.group_id:
        meeting.group = None
    if meeting.kind != Kind.PARTY_LECTURE:
        meeting.lecturer, meeting.lecturer_name = None, ""
    if meeting.kind != Kind.GENERAL_MEETING and meeting.has_vote:
        err("has_vote", "只有支部党员大会进行表决（DEV-14）")
    if not meeting.has_vote:
        meeting.vote_subject, meeting.vote_yes, meeting.vote_written_yes = "", 0, 0
    elif not meeting.vote_subject.strip():
        err("vote_subject", "进行表决时须填写表决事项")
    for field in ("host", "recorder", "lecturer"):
        person = getattr(meeting, field)
        if person is not None and person.bureau_id != _bureau_id(org):
            err(field, f"{person.name}不是本系统内本单位党员")
    if meeting.starts_at:
        local = timezone.localtime(meeting.starts_at)
        if local.date() > clock.today():
            err("starts_at", "会议记录的召开时间不能晚于今天；尚未召开的会议请列入年度计划")
        if meeting.ends_at and meeting.ends_at <= meeting.starts_at:
            err("ends_at", "结束时间应晚于开始时间")
    hours = Decimal(meeting.study_hours or 0)
    if hours < 0 or hours > 40:
        err("study_hours", "学时应在0到40之间")
    if meeting.plan_item_id and meeting.plan_item.org_id != org.id:
        err("plan_item", "所选计划不属于本组织")
    if meeting.starts_at and meeting.kind in YEARLY_KINDS and meeting.for_year not in (meeting.year, meeting.year - 1):
        err("for_year", f"所属年度应为召开当年（{meeting.year}年）或上一年（{meeting.year - 1}年）")
    if errors:
        raise ValidationError(errors)


def _prepare(meeting: Meeting) -> None:
    meeting.topic = (meeting.topic or "").strip()
    meeting.bureau_id = _bureau_id(meeting.org)
    if meeting.starts_at:
        day = timezone.localtime(meeting.starts_at).date()
        meeting.held_on, meeting.year, meeting.month = day, day.year, day.month
        if meeting.kind not in YEARLY_KINDS:
            meeting.for_year = day.year
        elif meeting.for_year in (None, ""):
            meeting.for_year = default_for_year(meeting.org_id, meeting.kind, day, exclude_pk=meeting.pk)
        else:
            try:
                meeting.for_year = int(meeting.for_year)
            except (TypeError, ValueError):
                raise ValidationError({"for_year": "所属年度应为四位数年份"}) from None


@transaction.atomic
def meeting_create(*, actor, org, kind: str, starts_at, topic: str, participants=(), **fields) -> Meeting:
    """Record a meeting held by ``org``. For a 谈心谈话 the ``participants`` are recorded as present."""
    meeting = Meeting(org=org, kind=kind, starts_at=starts_at, topic=topic, created_by=actor, **fields)
    _prepare(meeting)
    meeting.full_clean(exclude=["bureau", "held_on", "year", "month", "created_by"])
    _check(meeting)
    if kind == Kind.HEART_TO_HEART_TALK and not participants:
        raise ValidationError({"participants": "谈心谈话须选择谈话对象"})
    meeting.save()
    if kind == Kind.HEART_TO_HEART_TALK:
        people = list(participants)
        if meeting.host_id and meeting.host not in people:
            people.insert(0, meeting.host)
        voters = voting_ids(people, meeting.held_on)
        for person in people:
            Attendance.objects.create(
                meeting=meeting,
                bureau_id=meeting.bureau_id,
                person=person,
                status=AttendanceStatus.PRESENT,
                voting=person.id in voters,
            )
        meeting.attendance_recorded = True
        meeting.save(update_fields=["attendance_recorded"])
    audit.record(
        actor=actor,
        org=org,
        kind="meeting.create",
        subject=meeting,
        data={
            "changes": {
                k: [None, v]
                for k, v in audit.snapshot(meeting, MEETING_FIELDS).items()
                if v not in (None, "", False, "0.0", 0)
            }
        },
    )
    return meeting


@transaction.atomic
def meeting_update(
    *, actor, meeting: Meeting, kind: str = "meeting.update", version: int | None = None, **fields
) -> Meeting:
    """Correct a record; the previous values stay in the history. `version`: what the editor loaded (form
    hidden field, API If-Match); stale → versioning.StaleEdit, nothing changed."""
    versioning.claim(meeting, version)
    before = audit.snapshot(meeting, MEETING_FIELDS)
    was = (meeting.org_id, meeting.kind, meeting.held_on)
    for k, v in fields.items():
        setattr(meeting, k, v)
    # Moved to another day, kind or org without saying the year: the year it counts for follows the default.
    if (
        "for_year" not in fields
        and meeting.starts_at
        and (meeting.org_id, meeting.kind, timezone.localtime(meeting.starts_at).date()) != was
    ):
        meeting.for_year = None
    _prepare(meeting)
    meeting.full_clean(exclude=["bureau", "held_on", "year", "month", "created_by"])
    if not meeting.voided:
        _check(meeting)
    meeting.save()
    changes = audit.diff(before, audit.snapshot(meeting, MEETING_FIELDS))
    if changes:
        audit.record(actor=actor, org=meeting.org, kind=kind, subject=meeting, data={"changes": changes})
    return meeting


def meeting_void(*, actor, meeting: Meeting, reason: str) -> Meeting:
    if meeting.voided:
        raise ValidationError("该记录已作废")
    if not (reason or "").strip():
        raise ValidationError({"void_reason": "请填写作废原因"})
    return meeting_update(actor=actor, meeting=meeting, kind="meeting.void", voided=True, void_reason=reason.strip())


def meeting_restore(*, actor, meeting: Meeting) -> Meeting:
    if not meeting.voided:
        raise ValidationError("该记录未作废")
    return meeting_update(actor=actor, meeting=meeting, kind="meeting.restore", voided=False, void_reason="")


@transaction.atomic
def attendance_set(*, actor, meeting: Meeting, rows: list[dict]) -> list[Attendance]:
    """Mark each person present / leave (with a reason) / absent, all on one screen.

    ``rows``: [{"person_id", "status", "reason"}]. People must be expected attendees or on the roll of
    the meeting's org. Any bad row rejects the whole save with a message naming the row and person.
    """
    if meeting.voided:
        raise ValidationError("已作废的会议不能登记出席情况")
    allowed = {p.id: p for p in expected_people(meeting)}
    existing = {a.person_id: a for a in meeting.attendances.select_related("person")}
    extra_ids = (
        {int(r["person_id"]) for r in rows if str(r.get("person_id", "")).isdigit()} - set(allowed) - set(existing)
    )
    if extra_ids:
        # Others may be marked too (e.g. 积极分子 invited), but only people on the org's roll on the meeting day.
        for p in roll.people_on(meeting.org, meeting.held_on, members_only=False).filter(id__in=extra_ids):
            allowed[p.id] = p
    # Names for the message, of this org's own people only (others stay "编号N": no names across scopes).
    from dangjian.orgs.selectors import subtree_ids

    known = (
        dict(
            Person.objects.filter(id__in=extra_ids - set(allowed), org_id__in=subtree_ids(meeting.org)).values_list(
                "id", "name"
            )
        )
        if extra_ids
        else {}
    )
    errors, seen = [], set()
    for n, row in enumerate(rows, start=1):
        pid = int(row["person_id"]) if str(row.get("person_id", "")).isdigit() else None
        person = allowed.get(pid) or (existing[pid].person if pid in existing else None)
        status, reason = row.get("status") or "", (row.get("reason") or "").strip()
        who = person.name if person else known.get(pid, f"编号{row.get('person_id')}")
        if person is None:
            errors.append(f"第{n}行 {who}：会议召开时（{meeting.held_on.isoformat()}）不在本组织名册上")
        elif pid in seen:
            errors.append(f"第{n}行 {who}：重复登记")
        elif status not in AttendanceStatus.values:
            errors.append(f"第{n}行 {who}：请选择出席、请假或缺席")
        elif status == AttendanceStatus.LEAVE and not reason:
            errors.append(f"第{n}行 {who}：请假须填写原因")
        seen.add(pid)
    if errors:
        raise ValidationError(errors)
    changes, saved = {}, []
    voters = voting_ids([allowed[int(r["person_id"])] for r in rows if int(r["person_id"]) in allowed], meeting.held_on)
    for row in rows:
        pid = int(row["person_id"])
        status, reason = row["status"], (row.get("reason") or "").strip()
        if status == AttendanceStatus.PRESENT:
            reason = ""
        att = existing.get(pid)
        if att is None:
            person = allowed[pid]
            att = Attendance.objects.create(
                meeting=meeting,
                bureau_id=meeting.bureau_id,
                person=person,
                status=status,
                reason=reason,
                voting=person.id in voters,
            )
            changes[person.name] = [None, att.get_status_display() + (f"（{reason}）" if reason else "")]
        elif (att.status, att.reason) != (status, reason):
            old = att.get_status_display() + (f"（{att.reason}）" if att.reason else "")
            att.status, att.reason = status, reason
            att.full_clean(exclude=["meeting", "person"])
            att.save(update_fields=["status", "reason"])
            changes[att.person.name] = [old, att.get_status_display() + (f"（{reason}）" if reason else "")]
        saved.append(att)
    if not meeting.attendance_recorded:
        meeting.attendance_recorded = True
        meeting.save(update_fields=["attendance_recorded", "updated_at"])
    if changes:
        audit.record(
            actor=actor, org=meeting.org, kind="meeting.attendance", subject=meeting, data={"changes": changes}
        )
    return saved


@transaction.atomic
def attachment_add(*, actor, meeting: Meeting, file, kind: str = "photo", title: str = "") -> MeetingAttachment:
    if meeting.voided:
        raise ValidationError("已作废的会议不能上传材料")
    if file is None:
        raise ValidationError({"file": "请选择文件"})
    # Content checked by its bytes (a 活动照片 must be a picture); stored as <random>/<uploader's name>.
    checked = uploads.accept(file, field="file", images_only=kind == "photo", keep_name_in_path=True)
    att = MeetingAttachment(meeting=meeting, kind=kind, title=title.strip(), file=checked.file, uploaded_by=actor)
    att.full_clean(exclude=["uploaded_by"])
    att.save()
    audit.record(
        actor=actor,
        org=meeting.org,
        kind="meeting.attachment",
        subject=meeting,
        data={"attachment": att.pk, "name": checked.name, "title": att.title, "kind": kind},
    )
    return att


@transaction.atomic
def attachment_void(*, actor, attachment: MeetingAttachment) -> MeetingAttachment:
    attachment.voided = True
    attachment.save(update_fields=["voided"])
    audit.record(
        actor=actor,
        org=attachment.meeting.org,
        kind="meeting.attachment_void",
        subject=attachment.meeting,
        data={"attachment": attachment.pk, "name": attachment.file.name},
    )
    return attachment
