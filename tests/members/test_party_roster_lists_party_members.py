"""The 党员花名册 (print, PDF data, Excel export, CLI) lists 党员 (正式 + 预备) only; 入党申请人、积极分子、发展对象
have their own rosters. Story (branch A): 王芳, 丁伟 (正式), 陈新 (预备), 申请人, 积极分子, 发展对象 → 3 rows."""

import datetime
import io

import openpyxl
import pytest

from tests.conftest import add_person


@pytest.fixture
def mixed(world):
    add_person(
        world.branch_a,
        "陈新",
        actor=world.admin,
        seq=11,
        status="probationary_member",
        join_date=datetime.date(2026, 7, 10),
        confirmation_date=None,
    )
    for seq, (name, status) in enumerate(
        (("申请人", "applicant"), ("积极分子", "activist"), ("发展对象", "candidate")), start=12
    ):
        add_person(
            world.branch_a, name, actor=world.admin, seq=seq, status=status, join_date=None, confirmation_date=None
        )
    return world


def _names_in_sheet(data: bytes) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header = [c.value for c in next(r for r in sheet.iter_rows() if any(c.value == "姓名" for c in r))]
    col = header.index("姓名")
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if "姓名" in r) + 1
    return [r[col] for r in rows[start:] if r[col]]


def test_print_and_export_list_party_members_only(mixed, client):
    client.force_login(mixed.alice)
    html = client.get("/orgs/BRA/roster/print/").content.decode()
    assert "党员花名册" in html
    for name in ("王芳", "丁伟", "陈新"):
        assert name in html
    for name in ("申请人", "积极分子", "发展对象"):
        assert f">{name}<" not in html
    names = _names_in_sheet(client.get("/orgs/BRA/roster/export.xlsx").content)
    assert sorted(names) == sorted(["王芳", "丁伟", "陈新"])
    # the people in development are still on the roster page, with their own filter
    roster = client.get("/orgs/BRA/roster/", {"status": "activist"}).content.decode()
    assert "积极分子" in roster


def test_cli_export_lists_party_members_only(mixed, tmp_path):
    from django.core.management import call_command

    out = io.StringIO()
    path = tmp_path / "roster.xlsx"
    call_command("export-roster", "--org", "BRA", "--out", str(path), stdout=out)
    assert "花名册 3 人" in out.getvalue()
    assert sorted(_names_in_sheet(path.read_bytes())) == sorted(["王芳", "丁伟", "陈新"])
