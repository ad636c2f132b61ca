"""Recording a meeting and its attendance through the pages, as a secretary does."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from dangjian.core.models import AuditEvent
from dangjian.meetings.models import Attendance, Meeting
from tests import sample_files
from tests.conftest import add_person

from .conftest import hold


def _now_str():
    return timezone.localtime().replace(hour=9, minute=0).strftime("%Y-%m-%dT%H:%M")


def test_secretary_records_committee_meeting_and_marks_one_member_on_leave(committee, login):
    w = committee
    client = login(w.alice)
    resp = client.post(
        "/meetings/org/BRA/new/",
        {
            "kind": "committee_meeting",
            "starts_at": _now_str(),
            "topic": "研究发展党员工作",
            "place": "会议室",
            "host": w.person_a.pk,
            "recorder": w.zhang.pk,
            "study_hours": "1",
        },
    )
    meeting = Meeting.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/meetings/{meeting.pk}/attendance/"
    page = client.get(f"/meetings/{meeting.pk}/attendance/").content.decode()
    for name in ("王芳", "丁伟", "张敏"):
        assert name in page
    assert "李强" not in page  # branch B's member is never expected here
    resp = client.post(
        f"/meetings/{meeting.pk}/attendance/",
        {
            "person": [w.person_a.pk, w.person_dave.pk, w.zhang.pk],
            f"status_{w.person_a.pk}": "present",
            f"status_{w.person_dave.pk}": "leave",
            f"reason_{w.person_dave.pk}": "外出培训",
            f"status_{w.zhang.pk}": "present",
        },
    )
    assert resp.status_code == 302
    detail = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "丁伟：请假（外出培训）" in detail
    assert "应到委员3人，实到2人，超过半数，会议有效" in detail and "LIFE-02" in detail
    assert AuditEvent.objects.filter(kind="meeting.attendance", subject_id=meeting.pk).exists()


def test_leave_without_reason_is_refused_and_nothing_is_saved(committee, login):
    w = committee
    meeting = hold(w.branch_a, "committee_meeting", timezone.localdate())
    resp = login(w.alice).post(
        f"/meetings/{meeting.pk}/attendance/",
        {
            "person": [w.person_a.pk, w.person_dave.pk, w.zhang.pk],
            f"status_{w.person_a.pk}": "present",
            f"status_{w.person_dave.pk}": "leave",
            f"status_{w.zhang.pk}": "present",
        },
    )
    assert resp.status_code == 200
    assert "第2行 丁伟：请假须填写原因" in resp.content.decode()
    assert not Attendance.objects.exists()
    meeting.refresh_from_db()
    assert not meeting.attendance_recorded


def test_committee_meeting_with_only_one_of_three_present_is_shown_invalid(committee, login):
    w = committee
    meeting = hold(w.branch_a, "committee_meeting", timezone.localdate())
    login(w.alice).post(
        f"/meetings/{meeting.pk}/attendance/",
        {
            "person": [w.person_a.pk, w.person_dave.pk, w.zhang.pk],
            f"status_{w.person_a.pk}": "present",
            f"status_{w.person_dave.pk}": "absent",
            f"status_{w.zhang.pk}": "leave",
            f"reason_{w.zhang.pk}": "病假",
        },
    )
    detail = login(w.alice).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "应到委员3人，实到1人，未达到半数以上委员到会，会议不能举行" in detail


def test_group_meeting_expects_only_the_members_of_that_group(world, login):
    meeting = hold(world.branch_a, "group_meeting", timezone.localdate(), group=world.group_a)
    page = login(world.alice).get(f"/meetings/{meeting.pk}/attendance/").content.decode()
    assert "王芳" in page and "丁伟" not in page


def test_general_meeting_vote_counts_only_full_members_as_expected_dev14(world, login):
    add_person(world.branch_a, "赵预备", actor=world.admin, seq=5, status="probationary_member", confirmation_date=None)
    meeting = hold(
        world.branch_a,
        "general_meeting",
        timezone.localdate(),
        has_vote=True,
        vote_subject="接收张三为预备党员",
        vote_yes=2,
    )
    client = login(world.alice)
    page = client.get(f"/meetings/{meeting.pk}/attendance/").content.decode()
    assert "赵预备" in page  # 预备党员 attend, without a vote
    ids = [p for p in world.branch_a.people.values_list("pk", flat=True)]
    client.post(f"/meetings/{meeting.pk}/attendance/", {"person": ids, **{f"status_{i}": "present" for i in ids}})
    detail = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "应到会有表决权党员2人，实到2人，超过半数；赞成2票" in detail
    assert "DEV-14" in detail and "通过" in detail


def test_a_meeting_in_the_future_is_refused_with_a_pointer_to_the_plan(world, login):
    tomorrow = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    resp = login(world.alice).post(
        "/meetings/org/BRA/new/", {"kind": "theme_day", "starts_at": tomorrow, "topic": "主题党日", "study_hours": "0"}
    )
    assert resp.status_code == 200
    assert "尚未召开的会议请列入年度计划" in resp.content.decode()
    assert not Meeting.objects.exists()


def test_corrections_are_edits_kept_in_history(world, login):
    meeting = hold(world.branch_a, "theme_day", timezone.localdate(), topic="旧主题")
    client = login(world.alice)
    resp = client.post(
        f"/meetings/{meeting.pk}/edit/",
        {
            "kind": "theme_day",
            "starts_at": _now_str(),
            "topic": "新主题",
            "study_hours": "2",
            "version": meeting.version,
        },
    )
    assert resp.status_code == 302
    detail = client.get(f"/meetings/{meeting.pk}/").content.decode()
    # The history reads in Chinese (issue #19): the field's own label, never its code name.
    assert "新主题" in detail and "主题：旧主题 → 新主题" in detail and "topic:" not in detail


def test_void_takes_a_meeting_out_of_the_count_and_restore_brings_it_back(world, login):
    meeting = hold(world.branch_a, "theme_day", timezone.localdate())
    client = login(world.alice)
    client.post(f"/meetings/{meeting.pk}/void/", {"reason": "重复登记"})
    meeting.refresh_from_db()
    assert meeting.voided and meeting.void_reason == "重复登记"
    month = timezone.localdate().month
    cal = client.get(f"/meetings/org/BRA/calendar/{meeting.year}/").content.decode()
    assert _cell(cal, month, "theme_day") != "met"
    client.post(f"/meetings/{meeting.pk}/restore/")
    cal = client.get(f"/meetings/org/BRA/calendar/{meeting.year}/").content.decode()
    assert _cell(cal, month, "theme_day") == "met"
    assert Meeting.objects.count() == 1  # nothing is ever hard-deleted


def test_void_needs_a_reason(world, login):
    meeting = hold(world.branch_a, "theme_day", timezone.localdate())
    login(world.alice).post(f"/meetings/{meeting.pk}/void/", {"reason": " "})
    meeting.refresh_from_db()
    assert not meeting.voided


def test_sign_in_sheet_is_uploaded_and_only_in_scope_users_can_download_it(world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = hold(world.branch_a, "general_meeting", timezone.localdate())
    client = login(world.alice)
    client.post(
        f"/meetings/{meeting.pk}/attachments/",
        {
            "kind": "sign_in",
            "title": "签到表",
            "file": SimpleUploadedFile("sign.jpg", sample_files.jpeg((64, 48)), "image/jpeg"),
        },
    )
    att = meeting.attachments.get()
    assert att.file.name.startswith("meetings/")
    assert (tmp_path / att.file.name).exists()
    # Stored re-encoded (lib/uploads): the same picture, not the same bytes.
    served = b"".join(client.get(f"/meetings/attachment/{att.pk}/").streaming_content)
    assert Image.open(io.BytesIO(served)).size == (64, 48)
    assert login(world.charlie).get(f"/meetings/attachment/{att.pk}/").status_code == 404


def test_charlie_gets_404_on_branch_a_meeting_pages(world, login):
    meeting = hold(world.branch_a, "theme_day", timezone.localdate())
    client = login(world.charlie)
    year = meeting.year
    for url in (
        f"/meetings/{meeting.pk}/",
        f"/meetings/{meeting.pk}/attendance/",
        f"/meetings/{meeting.pk}/edit/",
        "/meetings/org/BRA/",
        "/meetings/org/BRA/new/",
        f"/meetings/org/BRA/calendar/{year}/",
        f"/meetings/org/BUREAU/grid/{year}/",
        f"/meetings/org/BRA/participation/{year}/",
        f"/meetings/org/BRA/plan/{year}/",
        f"/meetings/org/BRA/book/{year}.docx",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/meetings/{meeting.pk}/void/", {"reason": "x"}).status_code == 404


def _cell(html: str, month: int, kind: str) -> str:
    """data-status of the calendar cell for (month, kind)."""
    import re

    head = re.search(r"<thead>(.*?)</thead>", html, re.S).group(1)
    kinds = re.findall(r'data-kind="([a-z_]+)"', head)
    row = re.search(rf'<tr data-month="{month}">(.*?)</tr>', html, re.S).group(1)
    statuses = re.findall(r'data-status="([a-z_]+)"', row)
    return statuses[kinds.index(kind)]


def test_committee_meeting_chaired_by_someone_else_needs_a_delegation_life04(committee, login):
    w = committee
    meeting = hold(w.branch_a, "committee_meeting", timezone.localdate(), host=w.person_dave)
    client = login(w.alice)
    assert "应由书记召集并主持，或记录委托情况" in client.get(f"/meetings/{meeting.pk}/").content.decode()
    client.post(
        f"/meetings/{meeting.pk}/edit/",
        {
            "kind": "committee_meeting",
            "starts_at": _now_str(),
            "topic": meeting.topic,
            "host": w.person_dave.pk,
            "host_delegated": "on",
            "version": meeting.version,
        },
    )
    assert "应由书记召集并主持" not in client.get(f"/meetings/{meeting.pk}/").content.decode()
