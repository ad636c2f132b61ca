"""Pages through the test client: rubric editor, assessment page, results with stage filter and .xlsx, 列入整改,
home and to-dos."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dangjian.assessment.models import Assessment, EvidenceFile, Rubric
from dangjian.site.todos import todos_for
from tests import sample_files
from tests.lib.office_checks import assert_bordered, assert_prints, download_filename

from .conftest import TODAY, YEAR, make_rubric

pytestmark = pytest.mark.django_db


def _editor_post(org_id, rows, total="100", **extra):
    data = {
        "org": org_id,
        "year": YEAR,
        "title": f"{YEAR}年度考核细则",
        "total": total,
        "items-TOTAL_FORMS": len(rows),
        "items-INITIAL_FORMS": 0,
        "stars-TOTAL_FORMS": 2,
        "stars-INITIAL_FORMS": 0,
        "stars-0-name": "五星",
        "stars-0-min": "95",
        "stars-1-name": "四星",
        "stars-1-min": "85",
    }
    for i, (cat, title, weight, mode, ind) in enumerate(rows):
        data.update(
            {
                f"items-{i}-category": cat,
                f"items-{i}-title": title,
                f"items-{i}-weight": weight,
                f"items-{i}-mode": mode,
                f"items-{i}-indicator": ind,
            }
        )
    data.update(extra)
    return data


def test_officer_writes_a_rubric_in_the_editor_and_a_wrong_total_saves_nothing(world, client):
    client.force_login(world.bob)
    assert client.get("/assessment/rubrics/new/").status_code == 200
    rows = [("组织生活", "三会一课", "60", "auto", "meetings_held"), ("阵地建设", "党员活动室", "30", "manual", "")]
    resp = client.post("/assessment/rubrics/new/", _editor_post(world.bureau.pk, rows))
    assert resp.status_code == 200 and "各项“分值”合计 90 分，与“总分” 100 分不符" in resp.content.decode()
    assert not Rubric.objects.exists()
    rows[1] = ("阵地建设", "党员活动室", "40", "manual", "")
    resp = client.post(
        "/assessment/rubrics/new/", _editor_post(world.bureau.pk, rows, **{"items-1-evidence_required": "on"})
    )
    rubric = Rubric.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/assessment/rubrics/{rubric.pk}/"
    assert [(i.title, i.weight, i.evidence_required) for i in rubric.items.all()] == [
        ("三会一课", Decimal("60.0"), False),
        ("党员活动室", Decimal("40.0"), True),
    ]
    assert client.post(f"/assessment/rubrics/{rubric.pk}/publish/").status_code == 302
    assert client.post(f"/assessment/rubrics/{rubric.pk}/open/").status_code == 302
    assert Assessment.objects.filter(rubric=rubric).count() == 1
    page = client.get(f"/assessment/rubrics/{rubric.pk}/").content.decode()
    assert "已发布" in page and "五星 ≥ 95 分" in page
    # frozen: the editor sends the officer back
    assert client.get(f"/assessment/rubrics/{rubric.pk}/edit/").status_code == 302


def test_secretary_self_assesses_with_an_upload_and_officer_finalizes(world, client, rubric):
    a = rubric.assessments.get(org=world.branch_a)
    items = {i.title: i for i in rubric.items.all()}
    client.force_login(world.alice)
    page = client.get(f"/assessment/a/{a.pk}/").content.decode()
    assert f'name="points-{items["阵地建设"].pk}"' in page and "应开 " in page  # auto evidence is shown live
    photo = SimpleUploadedFile("活动室.jpg", sample_files.jpeg(), content_type="image/jpeg")
    resp = client.post(
        f"/assessment/a/{a.pk}/",
        {
            f"points-{items['阵地建设'].pk}": "29",
            f"comment-{items['阵地建设'].pk}": "活动室已建成",
            f"note-{items['阵地建设'].pk}": "",
            f"files-{items['阵地建设'].pk}": photo,
            f"points-{items['特色活动'].pk}": "10",
            f"comment-{items['特色活动'].pk}": "",
            "action": "submit",
        },
    )
    assert resp.status_code == 302
    a.refresh_from_db()
    assert a.stage == "bureau" and a.total_self == Decimal("39.0")
    f = EvidenceFile.objects.get()
    assert f.name == "活动室.jpg" and client.get(f"/assessment/files/{f.pk}/").status_code == 200
    # alice can no longer post: the bureau's level is not hers
    assert client.post(f"/assessment/a/{a.pk}/", {"action": "submit"}).status_code == 403
    client.force_login(world.bob)
    page = client.get(f"/assessment/a/{a.pk}/").content.decode()
    assert 'value="29.0"' in page  # the bureau's inputs start from the level below
    resp = client.post(
        f"/assessment/a/{a.pk}/",
        {
            f"points-{items['阵地建设'].pk}": "28",
            f"comment-{items['阵地建设'].pk}": "台账欠完整",
            f"points-{items['特色活动'].pk}": "10",
            "action": "submit",
        },
    )
    a.refresh_from_db()
    assert a.stage == "done" and a.total_bureau == Decimal("38.0")
    page = client.get(f"/assessment/a/{a.pk}/").content.decode()
    assert 'id="final-total" class="fw-bold">38.0' in page and "列入整改" in page


def test_lost_points_go_to_the_rectification_ledger(world, client, rubric):
    from dangjian.assessment import services
    from dangjian.rectification.models import Rectification

    a = rubric.assessments.get(org=world.branch_a)
    items = {i.title: i for i in rubric.items.all()}
    entries = [
        {"item": items["阵地建设"].pk, "points": "20", "evidence_note": "照片"},
        {"item": items["特色活动"].pk, "points": "10"},
    ]
    a = services.scores_save(actor=world.alice, assessment=a, level="self", entries=entries, submit=True, today=TODAY)
    a = services.scores_save(actor=world.bob, assessment=a, level="bureau", entries=entries, submit=True, today=TODAY)
    client.force_login(world.bob)
    resp = client.post(
        f"/assessment/a/{a.pk}/rectify/{items['阵地建设'].pk}/", {"owner": world.person_a.pk, "due_date": "2027-01-31"}
    )
    assert resp.status_code == 302
    r = Rectification.objects.get()
    assert (r.org, r.source, r.owner, str(r.due_date)) == (world.branch_a, "assessment", world.person_a, "2027-01-31")
    assert (
        r.source_ref == f"assessment:{a.pk}:{items['阵地建设'].pk}"
        and "阵地建设" in r.problem
        and "失分10" in r.problem
    )
    client.post(f"/assessment/a/{a.pk}/rectify/{items['阵地建设'].pk}/", {"due_date": "2027-01-31"})
    assert Rectification.objects.count() == 1  # idempotent
    page = client.get(f"/assessment/a/{a.pk}/").content.decode()
    assert "已列入整改" in page and f'href="/rectification/{r.pk}/"' in page
    resp = client.post(f"/assessment/a/{a.pk}/rectify/{items['特色活动'].pk}/", {"due_date": "2027-01-31"}, follow=True)
    assert "未失分，无需整改" in resp.content.decode()


def _finish(world, rubric, org, points):
    from dangjian.assessment import services

    a = rubric.assessments.get(org=org)
    items = {i.title: i for i in rubric.items.all()}
    entries = [
        {"item": items["阵地建设"].pk, "points": points, "evidence_note": "照片"},
        {"item": items["特色活动"].pk, "points": "10"},
    ]
    a = services.scores_save(actor=world.admin, assessment=a, level="self", entries=entries, submit=True, today=TODAY)
    return services.scores_save(
        actor=world.admin, assessment=a, level="bureau", entries=entries, submit=True, today=TODAY
    )


def test_results_filter_export_and_optional_ranking(world, client):
    from dangjian.orgs.services import org_create

    b2 = org_create(actor=world.admin, kind="branch", name="第二支部", code="BR2", parent=world.bureau)
    org_create(actor=world.admin, kind="branch", name="第三支部", code="BR3", parent=world.bureau)
    rubric = make_rubric(world)
    _finish(world, rubric, world.branch_a, "25")
    _finish(world, rubric, b2, "30")
    client.force_login(world.bob)
    resp = client.get(f"/assessment/rubrics/{rubric.pk}/results/?stage=done")
    rows = resp.context["rows"]
    assert [r["org__code"] for r in rows] == ["BRA", "BR2"]
    assert "排名" not in resp.content.decode()  # rankings are off by default
    assert len(client.get(f"/assessment/rubrics/{rubric.pk}/results/").context["rows"]) == 3
    x = client.get(f"/assessment/rubrics/{rubric.pk}/results.xlsx")
    assert x["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(x.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert values[0][:7] == ["支部", "学校党组织", "支部自评", "学校审核", "局党委考核", "星级", "环节"]
    by_name = {v[0]: v for v in values[1:]}
    assert by_name["飞龙中学党支部"][4] == 35 and by_name["第二支部"][4] == 40
    assert by_name["第三支部"][6] == "未开始" and by_name["第三支部"][4] is None
    # issue #16: prints on A4 with the header repeated; a Chinese file name (org + year + what)
    ws = assert_prints(x.content).active
    assert ws.print_title_rows == "$3:$3" and sheet["A1"].value == f"江北区教育局党委{rubric.title}结果"
    assert_bordered(ws, 4, 1)
    assert download_filename(x) == f"江北区教育局党委{rubric.title}结果.xlsx"
    Rubric.objects.filter(pk=rubric.pk).update(show_ranking=True)
    resp = client.get(f"/assessment/rubrics/{rubric.pk}/results/?stage=done")
    assert "排名" in resp.content.decode()
    assert {r["org__code"]: r["rank"] for r in resp.context["rows"]} == {"BR2": 1, "BRA": 2}
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/assessment/rubrics/{rubric.pk}/results.xlsx?stage=done").content)
    ).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert rows[0][-1] == "排名" and sorted((r[0], r[-1]) for r in rows[1:]) == [("第二支部", 1), ("飞龙中学党支部", 2)]


def test_home_lists_waiting_work_and_todos(world, client, rubric):
    client.force_login(world.alice)
    page = client.get("/assessment/").content.decode()
    assert "飞龙中学党支部" in page and "待支部自评" in page and "/rectification/" in page
    todo = [t for t in todos_for(world.alice, TODAY) if "支部自评" in t["title_zh"]]
    assert len(todo) == 1 and str(todo[0]["due_date"]) == "2026-12-10" and todo[0]["rule_id"] == ""
    assert not [t for t in todos_for(world.bob, TODAY) if "考核" in t["title_zh"]]  # nothing waits for bob yet
    _a = rubric.assessments.get(org=world.branch_a)
    from dangjian.assessment import services

    items = {i.title: i for i in rubric.items.all()}
    services.scores_save(
        actor=world.alice,
        assessment=_a,
        level="self",
        submit=True,
        today=TODAY,
        entries=[
            {"item": items["阵地建设"].pk, "points": "30", "evidence_note": "照片"},
            {"item": items["特色活动"].pk, "points": "10"},
        ],
    )
    bob_todos = [t for t in todos_for(world.bob, TODAY) if "考核" in t["title_zh"]]
    assert len(bob_todos) == 1 and "1个支部待局党委考核" in bob_todos[0]["title_zh"]
    assert not [t for t in todos_for(world.alice, TODAY) if "支部自评" in t["title_zh"]]


def test_editing_a_draft_deletes_and_changes_rows(world, client):
    rubric = make_rubric(world, publish=False)
    client.force_login(world.bob)
    form = client.get(f"/assessment/rubrics/{rubric.pk}/edit/").context["items"]
    assert form.initial_form_count() == 4
    data = _editor_post(
        world.bureau.pk,
        [
            ("组织生活", "三会一课", "40", "auto", "meetings_held"),
            ("党费", "党费收缴", "20", "auto", "dues_on_time"),
            ("阵地建设", "阵地建设", "40", "manual", ""),
            ("特色", "特色活动", "10", "manual", ""),
        ],
        **{"items-INITIAL_FORMS": 4, "items-3-DELETE": "on"},
    )
    resp = client.post(f"/assessment/rubrics/{rubric.pk}/edit/", data)
    assert resp.status_code == 302
    assert [(i.title, int(i.weight)) for i in rubric.items.all()] == [
        ("三会一课", 40),
        ("党费收缴", 20),
        ("阵地建设", 40),
    ]
    client.post(f"/assessment/rubrics/{rubric.pk}/copy/")
    assert Rubric.objects.filter(year=YEAR + 1, status="draft").count() == 1
