"""Demo rectification items (整改台账) raised from the demo schools' real findings, through the services:
one overdue (飞龙中学's missed meeting, when the system finds it), one reported done and waiting for the
bureau's acceptance (from a supervision visit), one closed (销号), and one within its time limit (a branch finding)."""

import datetime

from django.core.files.base import ContentFile

from dangjian.members.models import Person

from .timeline import story_year

DAY = datetime.timedelta(days=1)


def _note_docx(text: str, name: str) -> ContentFile:
    """A one-line Word document: uploads accept photos, PDF and Office files only (dangjian.lib.uploads)."""
    import io

    from docx import Document

    doc = Document()
    doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return ContentFile(buf.getvalue(), name=name)


def _owner(org):
    return Person.objects.filter(org=org, on_roll=True, status="full_member").order_by("id").first()


def build_rectification(actor, orgs: dict, today: datetime.date) -> int:
    from dangjian.meetings.facts import gaps as meeting_gaps
    from dangjian.plans.services.records import visit_create
    from dangjian.rectification import services as S
    from dangjian.rectification.sources import branch_findings, gap_candidates

    year = story_year(today)  # findings of the story year; in January–March, last year's
    start = max(datetime.date(year, 1, 2), today - 60 * DAY)  # raised within the last two months
    made = 0
    feilong, shiyan, kunshan = orgs["FLZX"], orgs["JBSX"], orgs["KSEZ-1"]

    # 1. Overdue: 飞龙中学's missed meeting (a real gap of the demo year), else a plain item.
    gaps = gap_candidates(meeting_gaps(feilong, year, today) or [], year)
    c = (
        gaps[0]
        if gaps
        else {
            "source": "manual",
            "source_ref": "",
            "rule_id": "",
            "problem": "党员活动室学习资料更新不及时",
            "measure": "按月更新学习资料",
        }
    )
    S.rectification_raise(
        actor=actor,
        org=feilong,
        source=c["source"],
        source_ref=c["source_ref"],
        rule_id=c["rule_id"],
        problem=c["problem"],
        measure=c["measure"],
        owner=_owner(feilong),
        raised_on=start,
        due_date=min(today - 5 * DAY, start + 30 * DAY),
        year=start.year,
    )
    made += 1

    # 2. Reported done, waiting for the bureau's acceptance: a problem found on a supervision visit.
    visit = visit_create(
        actor=actor,
        org=shiyan,
        visited_on=start,
        checked="“三会一课”记录、党员活动室、党费收缴台账",
        problems=[
            {"text": "支部委员会会议记录未写明议题和表决情况", "owner": _owner(shiyan), "due_date": start + 30 * DAY}
        ],
    )
    problem = visit.problems.get()
    item = S.rectification_raise(
        actor=actor,
        org=shiyan,
        source="visit",
        source_ref=f"visit:{problem.pk}",
        problem=f"{start:%Y-%m-%d}调研指导发现：{problem.text}",
        owner=problem.owner,
        measure="组织委员对照记录规范补全近三个月支委会记录，今后每次会议当场记录议题和表决情况",
        raised_on=start,
        due_date=problem.due_date,
        year=start.year,
    )
    S.rectification_report_done(
        actor=actor,
        item=item,
        reported_on=min(today, start + 20 * DAY),
        closure_note="已补全近三个月支委会会议记录，逐次写明议题、参会人员和表决情况；组织委员负责每次会议当场记录。",
        files=[_note_docx("支委会记录整改情况说明（演示）", name="整改情况说明.docx")],
    )
    made += 1

    # 3. Closed (销号): a problem of 昆山二中第一支部 found and put right earlier in the year.
    item = S.rectification_raise(
        actor=actor,
        org=kunshan,
        source="manual",
        source_ref="",
        owner=_owner(kunshan),
        problem="党员学习笔记记录不够规范，部分党员未记录集中学习内容",
        measure="统一学习笔记格式，支部每季度检查一次并通报",
        raised_on=start,
        due_date=start + 40 * DAY,
        year=start.year,
    )
    S.rectification_report_done(
        actor=actor,
        item=item,
        reported_on=min(today, start + 25 * DAY),
        closure_note="已统一学习笔记格式，组织委员逐一检查并督促补记，检查情况已在支部党员大会上通报。",
    )
    S.rectification_accept(
        actor=actor, item=item, closed_on=min(today, start + 30 * DAY), note="经核查，整改到位，同意销号"
    )
    made += 1

    # 4. Open and within its time limit: a branch finding (昆山二中第三支部 has no 支部委员会), else a plain item.
    third = orgs["KSEZ-3"]
    found, _ = branch_findings(third, today)
    c = (
        found[0]
        if found
        else {
            "source": "manual",
            "source_ref": "",
            "rule_id": "",
            "problem": "党员先锋岗公示牌信息未随人员调整及时更新",
            "measure": "每学期开学初核对一次",
        }
    )
    S.rectification_raise(
        actor=actor,
        org=third,
        source=c["source"],
        source_ref=c["source_ref"],
        rule_id=c["rule_id"],
        problem=c["problem"],
        owner=_owner(third),
        measure=c["measure"] or "按规定召开支部党员大会选举产生支部委员会，报上级党组织审批",
        raised_on=today,
        due_date=today + 10 * DAY,
        year=today.year,
    )
    return made + 1
