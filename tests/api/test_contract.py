"""The API's contract, checked by schemathesis against every operation of /api/v1/openapi.json (issue 17):
as the administrator and as a branch secretary, generated requests must never get a 500, must get a status
code the document lists or a 4xx, and a documented response must match its schema. Reads change nothing.

Deterministic (hypothesis derandomized, no example database) and bounded: MAX_EXAMPLES per operation.
Run alone: `.venv/bin/python -m pytest -q -p no:cacheprovider tests/api/test_contract.py`.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.specs.openapi import checks

MAX_EXAMPLES = 12
# Main tables whose row counts GET requests must leave as they were.
TABLES = [
    "orgs.Org",
    "members.Person",
    "accounts.RoleAssignment",
    "meetings.Meeting",
    "dues.DuesPayment",
    "appraisal.AppraisalCycle",
    "recruitment.Case",
    "plans.Task",
    "disclosure.DisclosureItem",
    "relations.Transfer",
    "elections.Election",
    "archive.Document",
    "rectification.Rectification",
]


@pytest.fixture
def wsgi_app():
    """Django's own WSGI handler inside the test's transaction: the per-request connection clean-up would
    close the connection the test's transaction lives on (Django's test client switches it off the same way)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _counts() -> dict:
    from django.apps import apps

    out = {}
    for label in TABLES:
        try:
            out[label] = apps.get_model(label).objects.count()
        except LookupError:
            continue
    return out


def _status_documented_or_4xx(case, response) -> str | None:
    documented = set(case.operation.definition.raw.get("responses", {}))
    if response.status_code >= 500:
        return f"{response.status_code}：{response.content[:200].decode(errors='replace')}"
    if str(response.status_code) not in documented and not 400 <= response.status_code < 500:
        return f"未在文档中列出的状态码 {response.status_code}（文档：{sorted(documented)}）"
    return None


def _strategy(op):
    """Random requests (mostly 404s: random org codes and ids find nothing), the same with the org code
    pointing at branch A (so the endpoints reach real rows: the fixture's people, the secretary's own
    branch), and invalid ones (wrong types, out-of-range values), which must be 4xx."""
    path = {p.name for p in op.path_parameters}
    query = {p.name for p in op.query}
    fixed = {
        "path_parameters": {"code": "BRA"} if "code" in path else None,
        "query": {"org": "BRA"} if "org" in query else None,
    }
    strategies = [op.as_strategy(), op.as_strategy(GenerationMode.NEGATIVE)]
    if fixed["path_parameters"] or fixed["query"]:
        strategies.append(op.as_strategy(**fixed))
    return st.one_of(strategies)


def _fuzz(app, user, op) -> tuple[int, dict]:
    """MAX_EXAMPLES requests to one operation; the problems found, each with one request that shows it."""
    from dangjian.api.auth import token_for

    seen: dict = {}
    sent = 0

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_strategy(op))
    def check(case):
        nonlocal sent
        sent += 1
        # Fetched each time: an operation under test may have revoked or rotated the caller's token.
        headers = {"Authorization": f"Bearer {token_for(user)}"}
        response = case.call(app=app, headers=headers)
        problem = _status_documented_or_4xx(case, response)
        if problem is None and 200 <= response.status_code < 300:
            try:
                case.validate_response(
                    response,
                    checks=[checks.response_schema_conformance, checks.content_type_conformance],
                    headers=headers,
                )
            except Exception as exc:  # noqa: BLE001 - a failed check, reported with its request below
                problem = f"响应不符合文档：{str(exc)[:300]}"
        if problem and problem not in seen:
            seen[problem] = f"{case.formatted_path} query={case.query} body={case.body!r:.200}"

    check()
    return sent, seen


def _run(app, user, methods) -> tuple[int, int, list[str]]:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures: list[str] = []
    n_ops = n_requests = 0
    for result in schema.get_all_operations():
        op = result.ok()
        if op.method.upper() not in methods:
            continue
        n_ops += 1
        sent, seen = _fuzz(app, user, op)
        n_requests += sent
        failures += [f"{op.method.upper()} {op.path}: {p}\n    e.g. {req}" for p, req in seen.items()]
    return n_ops, n_requests, failures


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["admin", "alice"])
def test_every_operation_keeps_its_contract(world, wsgi_app, persona):
    user = getattr(world, persona)
    before = _counts()
    n_ops, n, failures = _run(wsgi_app, user, {"GET"})
    assert not failures, f"{len(failures)} 处不符（{n_ops} 个读接口，{n} 个请求）：\n" + "\n".join(failures)
    assert _counts() == before  # reading changes nothing
    n_ops, n, failures = _run(wsgi_app, user, {"POST", "PUT", "PATCH", "DELETE"})
    assert not failures, f"{len(failures)} 处不符（{n_ops} 个写接口，{n} 个请求）：\n" + "\n".join(failures)
