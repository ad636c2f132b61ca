"""Closure: the branch reports done with evidence, the superior accepts (销号) or returns it (退回); a mistaken
item is cancelled with a reason and kept; overdue marks. All through the pages."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from dangjian.core.models import AuditEvent
from dangjian.rectification import services
from dangjian.rectification.models import Rectification
from tests import sample_files

from .conftest import DUE, TODAY

D = datetime.date


def _item(w, org=None, actor=None, **kw):
    values = dict(
        actor=actor or w.bob,
        org=org or w.branch_a,
        source="manual",
        source_ref="",
        problem="支部党员大会记录缺少表决情况",
        owner=w.person_a,
        due_date=DUE,
    )
    values.update(kw)
    return services.rectification_raise(**values)


def _page(client, item):
    return client.get(f"/rectification/{item.pk}/").content.decode()


def test_report_return_report_accept(world, client):
    w = world
    item = _item(w)
    client.force_login(w.alice)
    assert "报告整改完成" in _page(client, item)
    resp = client.post(
        f"/rectification/{item.pk}/report/",
        {
            "closure_note": "已补记表决情况",
            "files": [
                SimpleUploadedFile("会议记录.jpg", sample_files.jpeg()),
                SimpleUploadedFile("说明.pdf", sample_files.pdf()),
            ],
        },
    )
    assert resp.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.reported_on, item.reported_by) == ("done", TODAY, w.alice)
    assert sorted(item.files.values_list("name", flat=True)) == ["会议记录.jpg", "说明.pdf"]
    # alice's branch has a superior (bob on BUREAU): she cannot accept her own branch's item.
    page = _page(client, item)
    assert "等待上级党组织验收" in page and "验收销号</button>" not in page
    client.post(f"/rectification/{item.pk}/accept/", {"note": ""}, follow=True)
    item.refresh_from_db()
    assert item.status == "done"
    # bob returns it with a reason.
    client.force_login(w.bob)
    page = _page(client, item)
    assert "验收销号</button>" in page and "会议记录.jpg" in page
    resp = client.post(f"/rectification/{item.pk}/return/", {"ret-reason": ""}, follow=True)
    assert "退回原因" in resp.content.decode()
    item.refresh_from_db()
    assert item.status == "done"  # no reason, nothing changed
    client.post(f"/rectification/{item.pk}/return/", {"ret-reason": "缺少会议签到表"})
    item.refresh_from_db()
    assert (item.status, item.reported_on) == ("open", None)
    # alice reports again; bob accepts.
    client.force_login(w.alice)
    client.post(f"/rectification/{item.pk}/report/", {"closure_note": "已补签到表"})
    client.force_login(w.bob)
    resp = client.post(f"/rectification/{item.pk}/accept/", {"note": "整改到位"}, follow=True)
    assert "已验收销号" in resp.content.decode()
    item.refresh_from_db()
    assert (item.status, item.closed_on, item.accepted_by) == ("closed", TODAY, w.bob)
    log = [(e.from_status, e.to_status, e.note) for e in item.log.all()]
    assert log == [
        ("", "open", ""),
        ("open", "done", "已补记表决情况"),
        ("done", "open", "缺少会议签到表"),
        ("open", "done", "已补签到表"),
        ("done", "closed", "整改到位"),
    ]
    page = _page(client, item)
    assert "退回重新整改</strong>：缺少会议签到表" in page and "验收销号</strong>：整改到位" in page
    kinds = list(
        AuditEvent.objects.filter(subject_type="rectification", subject_id=item.pk)
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        "rectification.raise",
        "rectification.report_done",
        "rectification.return",
        "rectification.report_done",
        "rectification.accept",
    ]
    ledger = client.get("/rectification/org/BRA/").content.decode()
    assert "已销号" in ledger and TODAY.strftime("%Y-%m-%d") in ledger
    # Closed is final.
    client.post(f"/rectification/{item.pk}/return/", {"ret-reason": "再看看"})
    item.refresh_from_db()
    assert item.status == "closed"


def test_report_needs_the_closure_text(world, client):
    item = _item(world)
    client.force_login(world.alice)
    resp = client.post(f"/rectification/{item.pk}/report/", {"closure_note": ""}, follow=True)
    assert "整改情况：这个字段是必填项" in resp.content.decode()
    item.refresh_from_db()
    assert item.status == "open"


def test_branch_without_a_managed_superior_accepts_its_own(world, client):
    item = _item(world, org=world.branch_b, actor=world.charlie, owner=world.person_b)
    client.force_login(world.charlie)
    client.post(f"/rectification/{item.pk}/report/", {"closure_note": "已整改"})
    client.post(f"/rectification/{item.pk}/accept/", {"note": ""})
    item.refresh_from_db()
    assert item.status == "closed" and item.accepted_by == world.charlie


def test_cancelled_item_is_kept_struck_out(world, client):
    w = world
    item = _item(w, problem="误列入的问题")
    client.force_login(w.alice)  # neither the raiser nor the superior
    client.post(f"/rectification/{item.pk}/cancel/", {"cancel-reason": "重复"})
    item.refresh_from_db()
    assert item.status == "open"
    client.force_login(w.bob)
    client.post(f"/rectification/{item.pk}/cancel/", {"cancel-reason": "与第3项重复"})
    item.refresh_from_db()
    assert (item.status, item.cancel_reason) == ("cancelled", "与第3项重复")
    ledger = client.get("/rectification/org/BRA/").content.decode()
    assert "text-decoration-line-through" in ledger and "撤销：与第3项重复" in ledger
    client.post(f"/rectification/{item.pk}/report/", {"closure_note": "x"})
    item.refresh_from_db()
    assert item.status == "cancelled" and Rectification.objects.count() == 1


def test_overdue_mark_and_filter(world, client):
    w = world
    past = TODAY - datetime.timedelta(days=40)
    late = _item(w, problem="逾期的问题", raised_on=past, due_date=past + datetime.timedelta(days=10))
    _item(w, problem="未到期的问题")
    on_time = _item(w, problem="按期报告待验收", raised_on=past, due_date=past + datetime.timedelta(days=10))
    services.rectification_report_done(
        actor=w.alice, item=on_time, closure_note="x", reported_on=past + datetime.timedelta(days=5)
    )
    client.force_login(w.alice)
    page = client.get("/rectification/org/BRA/").content.decode()
    assert (
        page.count("逾期</span>") == 1
        and '整改中 <strong>3</strong> 项，其中逾期 <strong class="text-danger">1' in page
    )
    only = client.get(f"/rectification/org/BRA/?year={TODAY.year}&overdue=1").content.decode()
    assert "逾期的问题" in only and "未到期的问题" not in only and "按期报告待验收" not in only
    assert "逾期" in _page(client, late)
    by_status = client.get(f"/rectification/org/BRA/?year={TODAY.year}&status=done").content.decode()
    assert "按期报告待验收" in by_status and "逾期的问题" not in by_status


def test_edit_measure_owner_and_due_date(world, client):
    item = _item(world)
    client.force_login(world.alice)
    client.post(
        f"/rectification/{item.pk}/edit/",
        {
            "measure": "新措施",
            "owner": world.person_dave.pk,
            "due_date": (DUE + datetime.timedelta(days=5)).isoformat(),
        },
    )
    item.refresh_from_db()
    assert (item.measure, item.owner, item.due_date) == ("新措施", world.person_dave, DUE + datetime.timedelta(days=5))
    ev = AuditEvent.objects.get(kind="rectification.update")
    assert ev.data["changes"]["measure"] == ["", "新措施"]


def test_ledger_points_to_unclosed_items_of_other_years(world, client):
    last = TODAY.replace(year=TODAY.year - 1, day=1)
    _item(world, problem="去年的问题", raised_on=last, due_date=last + datetime.timedelta(days=20))
    client.force_login(world.alice)
    page = client.get("/rectification/org/BRA/").content.decode()
    assert "去年的问题" not in page and "其他年度还有1项未销号" in page
    page = client.get("/rectification/org/BRA/?year=&status=live").content.decode()
    assert "去年的问题" in page and "逾期</span>" in page


def test_edit_form_shows_the_current_due_date(world, client):
    item = _item(world)
    client.force_login(world.alice)
    page = _page(client, item)
    assert f'name="due_date" value="{DUE.isoformat()}"' in page and "（请选择责任人）" in page
