"""Every read of meetings, scoped by visible_org_ids (out of scope → 404)."""

from django.db.models import Count, Q
from django.http import Http404

from dangjian.accounts.scope import visible_org_ids
from dangjian.members import roll
from dangjian.members.models import MEMBER_STATUSES, Person, RollSpan, Status
from dangjian.orgs.models import CommitteeMember, CommitteeRole, Org, OrgKind
from dangjian.orgs.selectors import orgs_visible, subtree_ids
from dangjian.rules import votes
from dangjian.rules.findings import citation

from .models import AttendanceStatus, Kind, Meeting, MeetingAttachment, MeetingPlanItem

COMMITTEE_KINDS = (Kind.COMMITTEE_MEETING, Kind.LEADERSHIP_REVIEW)


def meetings_visible(user, *, manage: bool = True):
    return Meeting.objects.filter(org_id__in=visible_org_ids(user, manage=manage))


def meeting_get(user, pk, *, manage: bool = True) -> Meeting:
    meeting = (
        meetings_visible(user, manage=manage)
        .select_related("org", "group", "host", "recorder", "lecturer", "plan_item")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404("会议记录不存在或无权查看")
    return meeting


def attachment_get(user, pk) -> MeetingAttachment:
    att = (
        MeetingAttachment.objects.select_related("meeting")
        .filter(pk=pk, meeting__org_id__in=visible_org_ids(user, manage=True))
        .first()
    )
    if att is None:
        raise Http404("材料不存在或无权查看")
    return att


def plan_item_get(user, pk) -> MeetingPlanItem:
    item = (
        MeetingPlanItem.objects.select_related("org")
        .filter(pk=pk, org_id__in=visible_org_ids(user, manage=True))
        .first()
    )
    if item is None:
        raise Http404("计划不存在或无权查看")
    return item


def _posts(org: Org, on=None):
    """Committee posts of the org: the current term, or the term in office on day ``on`` (the current one when
    no recorded term covers that day — the records do not go back that far)."""
    current = CommitteeMember.objects.filter(term__org=org, term__ended_on__isnull=True)
    if on is None:
        return current
    then = CommitteeMember.objects.filter(term__org=org, term__started_on__lte=on).filter(
        Q(term__ended_on__isnull=True) | Q(term__ended_on__gt=on)
    )
    return then if then.exists() else current


def committee_people(org: Org, on=None):
    """Members of the org's committee (支部委员会): the current one, or the one in office on day ``on``."""
    return Person.objects.filter(id__in=_posts(org, on).values("person_id"))


def secretary_of(org: Org, on=None) -> Person | None:
    post = _posts(org, on).filter(role=CommitteeRole.SECRETARY).select_related("person").first()
    return post.person if post else None


def expected_people(meeting: Meeting) -> list[Person]:
    """Who should attend, as the roll stood on the meeting day (members.roll): the committee then in office for
    a 支委会 / 民主生活会, the 党员 of the group for a 党小组会, the recorded participants of a 谈心谈话, otherwise
    the 党员 (正式 + 预备) on the org's roll — never people admitted or arrived after it, nor gone before it."""
    day = meeting.held_on
    if meeting.kind == Kind.HEART_TO_HEART_TALK:
        qs = Person.objects.filter(meeting_attendances__meeting=meeting)
    elif meeting.kind in COMMITTEE_KINDS:
        on_roll = roll.spans_on(meeting.org, day).values("person_id")
        qs = committee_people(meeting.org, day).filter(roll.member_q(day), id__in=on_roll)
    elif meeting.kind == Kind.GROUP_MEETING:
        in_group = RollSpan.objects.filter(roll.span_q(day), group_id=meeting.group_id).values("person_id")
        qs = Person.objects.filter(roll.member_q(day), id__in=in_group)
    else:
        qs = roll.people_on(meeting.org, day)
    return list(qs.order_by("stroke_key", "id"))


def attendance_rows(meeting: Meeting) -> list[dict]:
    """One row per expected or recorded person: the person, their current mark and reason."""
    recorded = {a.person_id: a for a in meeting.attendances.select_related("person")}
    people = expected_people(meeting)
    ids = {p.id for p in people}
    people += [a.person for pid, a in recorded.items() if pid not in ids]
    rows = []
    for p in people:
        a = recorded.get(p.id)
        rows.append(
            {"person": p, "status": a.status if a else "", "reason": a.reason if a else "", "recorded": a is not None}
        )
    return rows


def voter_ids(meeting: Meeting) -> set:
    """DEV-14 / LIFE-01: the members with a vote at the meeting — the 正式党员 on the org's roll on the meeting
    day, whoever was marked. 停止党籍 members are off the roll; the roster records no 留党察看 or 留置, so
    nobody else is left out (regulations.md DEV-14)."""
    return set(roll.people_on(meeting.org, meeting.held_on).filter(status_on=Status.FULL).values_list("id", flat=True))


def attendance_counts(meeting: Meeting) -> dict:
    """Marks by status, plus the counts against who should attend: ``expected`` (the expected people of
    the day), ``attended`` (of them, present), ``unmarked`` (of them, not marked yet: absent until marked)
    and ``observers`` (present but not expected, e.g. 列席 at a 支委会: shown, never counted)."""
    agg = meeting.attendances.aggregate(
        total=Count("id"),
        present=Count("id", filter=Q(status=AttendanceStatus.PRESENT)),
        leave=Count("id", filter=Q(status=AttendanceStatus.LEAVE)),
        absent=Count("id", filter=Q(status=AttendanceStatus.ABSENT)),
        voters=Count("id", filter=Q(voting=True)),
        voters_present=Count("id", filter=Q(voting=True, status=AttendanceStatus.PRESENT)),
    )
    expected = {p.id for p in expected_people(meeting)}
    marked = set(meeting.attendances.values_list("person_id", flat=True))
    seen = votes.turnout(expected, _present_ids(meeting))
    agg.update(expected=seen.expected, attended=seen.present, observers=seen.observers, unmarked=len(expected - marked))
    return agg


def _present_ids(meeting: Meeting) -> set:
    return set(meeting.attendances.filter(status=AttendanceStatus.PRESENT).values_list("person_id", flat=True))


def quorum_checks(meeting: Meeting, settings=None) -> list[dict]:
    """Quorum shown with its rule: LIFE-02 for a 支委会 (the 委员 in office that day; 列席 never count);
    LIFE-01 / DEV-14 for a 支部党员大会 (the 正式党员 on the roll that day, marked or not)."""
    from .compliance import settings_for

    if not meeting.attendance_recorded or meeting.kind not in (Kind.COMMITTEE_MEETING, Kind.GENERAL_MEETING):
        return []
    settings = settings or settings_for(meeting.bureau_id)
    present = _present_ids(meeting)
    out = []
    if meeting.kind == Kind.COMMITTEE_MEETING:
        seen = votes.turnout((p.id for p in expected_people(meeting)), present)
        if seen.expected == 0:
            out.append(
                {
                    "rule_id": "LIFE-02",
                    "ok": False,
                    "text": "未登记会议当日在任的支部委员会委员，无法核对到会委员人数" + citation("LIFE-02"),
                }
            )
            return out
        ok = votes.committee_quorum(seen.expected, seen.present, settings)
        text = (
            f"应到委员{seen.expected}人，实到{seen.present}人，"
            f"{'超过半数，会议有效' if ok else '未达到半数以上委员到会，会议不能举行'}"
        )
        if seen.observers:
            text += f"（另有列席{seen.observers}人，不计入到会委员人数）"
        out.append({"rule_id": "LIFE-02", "ok": ok, "text": text + citation("LIFE-02")})
    else:
        seen = votes.turnout(voter_ids(meeting), present)
        e, a = seen.expected, seen.present
        if meeting.has_vote:
            try:
                result = votes.branch_vote(e, a, meeting.vote_yes, meeting.vote_written_yes)
            except ValueError:
                out.append(
                    {
                        "rule_id": "DEV-14",
                        "ok": False,
                        "text": f"赞成票{meeting.vote_yes + meeting.vote_written_yes}超过应到会有表决权党员{e}人，请核对"
                        + citation("DEV-14"),
                    }
                )
                return out
            yes = meeting.vote_yes + meeting.vote_written_yes
            text = (
                f"表决“{meeting.vote_subject}”：应到会有表决权党员{e}人，实到{a}人，"
                f"{'超过半数' if result.quorum else '未超过半数，会议无效'}；赞成{yes}票（含书面意见{meeting.vote_written_yes}）"
                f"，{'超过应到会半数，通过' if result.passed else '未超过应到会半数，未通过'}"
            )
            out.append({"rule_id": "DEV-14", "ok": result.quorum and result.passed, "text": text + citation("DEV-14")})
        else:
            ok = e > 0 and votes.more_than_half(a, e)
            text = (
                f"应到会有表决权党员{e}人，实到{a}人，{'超过半数，可以进行表决' if ok else '未超过半数，不能进行表决'}"
            )
            out.append({"rule_id": "LIFE-01", "ok": ok, "text": text + citation("LIFE-01")})
    return out


def chair_checks(meeting: Meeting) -> list:
    """LIFE-04: the 书记 chairs the 党员大会 and 支委会 unless the record says the chair was delegated."""
    from dangjian.rules.org_life import chair_findings

    if meeting.kind not in (Kind.GENERAL_MEETING, Kind.COMMITTEE_MEETING) or not meeting.host_id:
        return []
    secretary = secretary_of(meeting.org, meeting.held_on)
    if secretary is None:
        return []
    role = "secretary" if meeting.host_id == secretary.id else None
    return chair_findings(meeting.kind, role, delegated=meeting.host_delegated, subject=meeting.topic)


def meetings_of_org(user, org: Org, *, year: int | None = None, kind: str | None = None, include_voided: bool = False):
    qs = meetings_visible(user).filter(org_id__in=subtree_ids(org)).select_related("org", "group")
    if year:  # held that year, or held the next year for it (a 组织生活会 in February for the year before)
        qs = qs.filter(Q(year=year) | Q(for_year=year))
    if kind:
        qs = qs.filter(kind=kind)
    if not include_voided:
        qs = qs.filter(voided=False)
    return qs.annotate(
        present=Count("attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)),
        expected=Count("attendances"),
    )


def groups_of(org: Org):
    return Org.objects.filter(parent=org, kind=OrgKind.GROUP, is_active=True).order_by("sort_order", "name")


def members_of(org: Org):
    return Person.objects.filter(org_id__in=subtree_ids(org), on_roll=True, status__in=MEMBER_STATUSES)


def plan_items(org: Org, year: int):
    return MeetingPlanItem.objects.filter(org=org, year=year).annotate(
        held=Count("meetings", filter=Q(meetings__voided=False))
    )


def meetings_counted_in(org_ids, year: int):
    """The non-voided meetings of the orgs that count for ``year`` (Meeting.for_year): a 2025年度组织生活会 held
    on 2026-02-26 is one of 2025's. Reports and statistics read a year's meetings here."""
    return Meeting.objects.filter(org_id__in=org_ids, for_year=year, voided=False)


def recent_meetings(user, limit: int = 15):
    """The latest meetings (not voided) of the orgs the user manages, newest first."""
    return meetings_visible(user).filter(voided=False).select_related("org").order_by("-starts_at")[:limit]


def meeting_fresh(pk) -> Meeting:
    """The meeting as stored now (an edit form starts from the database, not from the checked instance)."""
    return Meeting.objects.get(pk=pk)


def live_attachments(meeting: Meeting):
    """The meeting's attachments that were not removed."""
    return meeting.attachments.filter(voided=False)


def live_plan_items(org: Org, year: int):
    """plan_items without the voided ones (the calendar shows what is still planned)."""
    return plan_items(org, year).filter(voided=False)


def plan_items_with_meetings(org: Org, year: int):
    """plan_items with the meetings held for each (the plan page)."""
    return plan_items(org, year).prefetch_related("meetings")


def member_of(org: Org, pk):
    """One of members_of(org) (None when the id is not one of them)."""
    return members_of(org).filter(pk=pk).first()


def group_of(org: Org, code: str):
    """One of groups_of(org) by its code (None otherwise)."""
    return groups_of(org).filter(code=code).first()


def plan_item_of(org: Org, pk):
    """One of the org's own plan items (None when the id belongs to another org)."""
    return MeetingPlanItem.objects.filter(pk=pk, org=org).first()


def meeting_orgs(user):
    """The orgs the user manages that hold meetings (not 党小组), in tree order (the meetings start page)."""
    return orgs_visible(user, manage=True).exclude(kind=OrgKind.GROUP).order_by("path")
