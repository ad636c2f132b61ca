"""The API's edges (issue 17): bounded years, months, ids and counts are refused with a Chinese 422 naming
the field; unknown body fields are refused, not dropped; every schema name in /api/v1/openapi.json means one
class; every input field a 422 can name has a Chinese label."""

import re

import pytest

from tests.api.helpers import call

API = "/api/v1"


def _openapi(client, user):
    r = call(client, "GET", f"{API}/openapi.json", user)
    assert r.status_code == 200
    return r.json()


def _refs(node) -> set[str]:
    """Names of the components a piece of the document points at (directly)."""
    out = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            out.add(ref.rsplit("/", 1)[-1])
        for value in node.values():
            out |= _refs(value)
    elif isinstance(node, list):
        for value in node:
            out |= _refs(value)
    return out


def _closure(names: set[str], components: dict) -> set[str]:
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += list(_refs(components.get(name, {})) - seen)
    return seen


def _input_fields(doc):
    """(router prefix, field name) for every query/path parameter and every property of every request body
    schema (nested rows too): the fields a 422 can name."""
    components = doc["components"]["schemas"]
    for path, methods in doc["paths"].items():
        prefix = path.removeprefix(API + "/").split("/", 1)[0]
        for op in methods.values():
            for param in op.get("parameters", []):
                yield prefix, param["name"]
            for name in _closure(_refs(op.get("requestBody", {})), components):
                for prop in components[name].get("properties", {}):
                    yield prefix, prop


@pytest.mark.django_db
def test_every_input_field_has_a_chinese_label(world, client):
    from dangjian.api.errors import field_label

    doc = _openapi(client, world.admin)
    missing = sorted(
        {
            f"{prefix}: {name}"
            for prefix, name in _input_fields(doc)
            if not re.search(r"[\u4e00-\u9fff]", field_label(name, prefix))
        }
    )
    assert not missing, "缺少中文名称的字段：\n" + "\n".join(missing)


def test_no_two_schema_classes_share_a_name():
    """ninja names a component after its class and silently keeps one of two same-named classes: the
    appraisal vote was documented with the election's VoteIn. Every class an operation uses must be the
    one registered under its name."""
    from pydantic import BaseModel

    from dangjian.api.core import api

    by_name: dict[str, set] = {}

    def visit(tp):
        if (
            isinstance(tp, type)
            and issubclass(tp, BaseModel)
            and tp.__module__.startswith("dangjian.")
            and tp not in by_name.setdefault(tp.__name__, set())
        ):
            by_name[tp.__name__].add(tp)
            for field in tp.model_fields.values():
                visit(field.annotation)
        for arg in getattr(tp, "__args__", ()) or ():
            visit(arg)

    for router_prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for op in path_view.operations:
                for model in op.models:
                    for field in model.model_fields.values():
                        visit(field.annotation)
                for response_model in (op.response_models or {}).values():
                    if response_model is not None:
                        visit(response_model)
    clashes = {
        name: sorted(f"{c.__module__}.{c.__qualname__}" for c in classes)
        for name, classes in by_name.items()
        if len(classes) > 1
    }
    assert not clashes, clashes
    assert {"AppraisalVoteIn", "ElectionVoteIn", "DisclosureItemIn", "PlanItemIn"} <= set(by_name)


@pytest.mark.django_db
def test_each_body_is_documented_with_its_own_class(world, client):
    doc = _openapi(client, world.admin)
    paths = doc["paths"]
    assert _refs(paths[f"{API}/disclosure/items"]["post"]["requestBody"]) == {"DisclosureItemIn"}
    assert "title" in doc["components"]["schemas"]["DisclosureItemIn"]["properties"]
    votes = {
        path.split("/")[3]: _refs(ops["post"]["requestBody"])
        for path, ops in paths.items()
        if path.endswith("/vote") and "post" in ops
    }
    assert votes == {"appraisal": {"AppraisalVoteIn"}, "elections": {"ElectionVoteIn"}}


def _error(r, status=422):
    assert r.status_code == status, r.content.decode()
    body = r.json()
    assert re.search(r"[\u4e00-\u9fff]", body["detail"])
    return body


# The pinned clock says 2026, so the last year the API takes is 2027 (types.py: 2000 … next year).
@pytest.mark.django_db
@pytest.mark.parametrize("year", [0, 1999, 2028, 99999])
def test_a_year_out_of_range_in_the_path_is_a_chinese_422(world, client, year):
    for url in (
        f"/reports/org/BRA/summary/{year}/",
        f"/meetings/calendar/BRA/{year}",
        f"/learning/hours/BRA/{year}",
        f"/dues/BRA/annual?year={year}",
    ):
        body = _error(call(client, "GET", API + url, world.alice))
        assert body["errors"][0]["field"] == "year" and body["errors"][0]["label"] == "年度", url


@pytest.mark.django_db
def test_next_year_is_taken_and_the_year_after_is_not(world, client):
    r = call(client, "POST", f"{API}/appraisal/cycles", world.alice, {"org": "BRA", "year": 2028})
    body = _error(r)
    assert "年度" in body["detail"] and "2027" in body["detail"]
    r = call(client, "POST", f"{API}/appraisal/cycles", world.alice, {"org": "BRA", "year": 2027})
    assert r.status_code == 201, r.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["2026-13", "2026-00", "0000-05", "2026-1"])
def test_a_bad_month_is_a_chinese_422(world, client, month):
    body = _error(call(client, "GET", f"{API}/dues/BRA/charges?month={month}", world.alice))
    assert body["errors"][0]["label"] == "月份"


@pytest.mark.django_db
def test_ids_and_counts_beyond_any_column_are_422_not_500(world, client):
    # 2^63 overflows SQLite's and PostgreSQL's integers: it used to reach the query and answer 500
    for url in (f"/meetings/{2**63}", f"/appraisal/cycles/{2**63}", f"/disclosure/items/{2**40}"):
        body = _error(call(client, "GET", API + url, world.admin))
        assert body["errors"][0]["label"] and re.search(r"[\u4e00-\u9fff]", body["errors"][0]["label"]), url
    body = _error(call(client, "POST", f"{API}/elections/", world.alice, {"org": "BRA", "seats": -1, "term_years": 5}))
    assert any(e["field"] == "seats" for e in body["errors"])


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/users?org=BRA", "/members/?org=BRA", "/meetings/grid/BUREAU/2026"])
def test_a_page_number_past_any_offset_is_a_422_and_past_the_end_an_empty_page(world, client, url):
    # the contract test's page=10^21 made an offset SQLite cannot bind: a 500 for the user list
    body = _error(call(client, "GET", f"{API}{url}&page={10**21}".replace("2026&", "2026?"), world.admin))
    assert any(e["field"] == "page" for e in body["errors"]), body
    resp = call(client, "GET", f"{API}{url}&page=99999".replace("2026&", "2026?"), world.admin)
    assert resp.status_code == 200, resp.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url,body",
    [
        ("/appraisal/cycles", {"org": "BRA", "year": 2026, "finished_at": "2026-12-01"}),
        ("/meetings/", {"org": "BRA", "kind": "branch_meeting", "held_on": "2026-11-20", "finished_at": "x"}),
        ("/disclosure/items", {"org": "BRA", "title": "公开", "finished_at": 1}),
    ],
)
def test_an_unknown_field_is_a_422_naming_it_and_nothing_is_saved(world, client, url, body):
    from dangjian.appraisal.models import AppraisalCycle
    from dangjian.meetings.models import Meeting

    r = call(client, "POST", API + url, world.alice, body)
    out = _error(r)
    assert "未知字段：finished_at" in out["detail"]
    assert {"field": "finished_at", "label": "finished_at", "message": "未知字段：finished_at"} in out["errors"]
    assert not AppraisalCycle.objects.exists() and not Meeting.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["0001-03", "2028-01", "2026-13"])
def test_the_dues_base_page_refuses_a_month_out_of_range(world, client, month):
    """The page form takes the same months as the API (2000 … next year, 01–12) and saves nothing else."""
    from dangjian.dues.models import DuesBase

    client.force_login(world.alice)
    r = client.post(
        "/dues/org/BRA/bases/",
        {
            "person": world.person_a.pk,
            "effective_month": month,
            "category": "employed",
            "base": "3000",
            "reduction": "none",
        },
    )
    assert r.status_code == 200
    assert "月份" in r.content.decode()
    assert not DuesBase.objects.exists()


@pytest.mark.django_db
def test_a_nul_in_the_url_is_a_chinese_400_on_every_database(world, client):
    # the contract test's org=%00… reached PostgreSQL, which refuses NUL in any string: a 500 there
    for url in (f"{API}/archive/documents?org=%00BRA&year=2026", "/orgs/BRA%00/roster/"):
        resp = call(client, "GET", url, world.admin)
        assert resp.status_code == 400, url
        assert "控制字符" in resp.content.decode()


@pytest.mark.django_db
def test_a_nul_in_a_json_body_is_a_chinese_400_and_saves_nothing(world, client):
    from dangjian.disclosure.models import DisclosureItem as Item

    before = Item.objects.count()
    body = {"org": "BRA", "title": "公开\u0000事项", "scope": "全校"}
    resp = call(client, "POST", f"{API}/disclosure/items", world.admin, body)
    assert resp.status_code == 400 and "控制字符" in resp.content.decode()
    assert Item.objects.count() == before
