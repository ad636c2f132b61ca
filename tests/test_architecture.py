"""The floors of the house (docs/ARCHITECTURE.md), enforced over the import graph of dangjian/ read with `ast`.

    lib, rules  →  core (and jobs)  →  orgs, accounts, members  →  work apps  →  reports, assessment, rectification
    →  site, api, urls (the top floor)

An arrow may only point down (or sideways inside a floor where the rule allows). Every import counts, also one
inside a function: a late import is still a dependency, it only hides it.

Measured with this file's own reading of the graph (issue #15), before and after the step that introduced it:

                                                          before   after
    imports breaking the floors (module → app pairs)         56       0 (+1 listed exemption)
      core → an app or the top floor                         52       0   to-do centre, start page, demo, backup,
                                                                          scale data, audit pages, `serve` and the
                                                                          nav context moved to site/; audit labels
                                                                          down to core.events; the org-page check
                                                                          passed in by site.context
      accounts → api, dues.forms → api                        3       0   token_for → accounts.tokens,
                                                                          MIN_YEAR → lib.clock
      members → reports (CLI `stats --year`)                  1       0 + 1 exemption below
    circles between apps                                      1       0   api.auth ↔ accounts.services
    circles inside one app (not enforced but in reports)      3       3   core.audit ↔ core.models,
                                                                          relations.internal ↔ relations.services,
                                                                          site.backup.crypto ↔ site.backup.reader
    view/API modules with ORM reads (reads)            43 (222) 43 (216)  not this step's aim; counted as
                                                                          `.objects.`/`.filter(`/`*_related` in
                                                                          modules named views or api
    modules over 300 lines (settings.py among them)           6       5   reports.partystats.facts split by
                                                                          the facts seam work
    raw `path__startswith` filters                           14       0   all through orgs.models.subtree_q

(The reports circle the issue named, reports.records ↔ reports.study, was already gone when this was measured.)

Then the one-app-shape step (issue #15 item 5), same reading:

                                                          before   after
    circles inside one app (now enforced for every app)       3       0   core.auditchain under core.models/audit,
                                                                          site.backup.errors under crypto/reader;
                                                                          relations by the workflow move
    view/API ORM reads (modules)                       151 (35) 36 (6)    MAX_VIEW_ORM_READS then; accounts,
                                                                          learning, archive, recruitment, orgs,
                                                                          meetings, api.auth at 0 (the other
                                                                          helpers moved theirs at the same time)
    modules over 400 lines (dangjian/ and bench/)             5       1   settings.py left
    modules over 300 lines (dangjian/ and bench/)            23      11   (with the other helpers' splits)

Then the last reads (issue #15 items 4-5), same reading, now also over *_view.py and *_views.py modules:

                                                          before   after
    view/API ORM reads (modules), old selection          36 (6)    0     test_no_orm_reads_in_view_or_api_modules
      *_view.py / *_views.py, not counted before         24 (4)    0     site.selectors, members/dues/relations
                                                                          selectors (dues.selectors.pages)
"""

import ast
import pathlib
import re
from collections import defaultdict

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PKG = ROOT / "dangjian"

GROUND = {"lib", "rules"}
CORE = {"core", "jobs"}
PEOPLE = {"orgs", "accounts", "members"}
WORK = {
    "meetings",
    "dues",
    "recruitment",
    "learning",
    "appraisal",
    "disclosure",
    "relations",
    "plans",
    "elections",
    "archive",
    "rulebook",
}
READERS = {"reports", "assessment", "rectification"}
TOP = {"site", "api", "urls", "settings", "wsgi", "manage"}
ALL = GROUND | CORE | PEOPLE | WORK | READERS | TOP

# What each floor may import, besides itself and the stdlib/third-party packages.
ALLOWED = {
    **{a: GROUND for a in GROUND},
    **{a: GROUND | CORE for a in CORE},
    **{a: GROUND | CORE | PEOPLE for a in PEOPLE},
    # Work apps may read each other (learning counts meeting hours) and rectification (plans lists open cases),
    # but never the readers above them (reports, assessment) nor the top floor.
    **{a: GROUND | CORE | PEOPLE | WORK | {"rectification"} for a in WORK},
    **{a: GROUND | CORE | PEOPLE | WORK | READERS for a in READERS},
    **{a: ALL for a in TOP},
}

# (importing module, imported app): why it may.
EXEMPT = {
    (
        "dangjian.members.management.commands.stats",
        "reports",
    ): "a CLI command is an entry point of the top floor that lives in its app's folder; `dangjian stats --year` "
    "prints the reports' year check (党员数量变化) beside the roster statistics",
}


def module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: pathlib.Path) -> list[str]:
    return imported_as(path, module_name(path))


def imported_as(path: pathlib.Path, name: str) -> list[str]:
    """Every dotted name the file imports, relative imports resolved, `from a import b` giving a and a.b."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            out.append(base)
            out += [f"{base}.{alias.name}" for alias in node.names]
    return out


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "dangjian" and len(parts) > 1 else None


def source_files() -> list[pathlib.Path]:
    return sorted(p for p in PKG.rglob("*.py") if "migrations" not in p.parts)


@pytest.fixture(scope="module")
def graph() -> dict[str, list[str]]:
    return {module_name(p): imported(p) for p in source_files()}


def test_every_package_has_a_floor(graph):
    unknown = {app_of(m) for m in graph} - ALL - {None}
    assert not unknown, (
        f"put these packages on a floor in tests/test_architecture.py and docs/ARCHITECTURE.md: {unknown}"
    )


def breaches(graph) -> list[str]:
    out = set()
    for module, names in graph.items():
        app = app_of(module)
        for name in names:
            target = app_of(name)
            if target is None or target == app or target not in ALL:
                continue
            if target not in ALLOWED[app] and (module, target) not in EXEMPT:
                out.add(f"{module} → dangjian.{target}")
    return sorted(out)


def test_no_import_points_up(graph):
    assert breaches(graph) == []


def rules_breaches(graph) -> list[str]:
    """dangjian.rules is the regulations as plain functions: nothing of Django, nothing of the apps."""
    return sorted(
        f"{m} → {n}"
        for m, names in graph.items()
        if app_of(m) == "rules"
        for n in names
        if n.split(".")[0] == "django" or app_of(n) not in (None, "rules")
    )


def lib_breaches(graph) -> list[str]:
    """dangjian.lib knows no domain: Django, the stdlib and third-party packages only."""
    return sorted(
        f"{m} → {n}"
        for m, names in graph.items()
        if app_of(m) == "lib"
        for n in names
        if app_of(n) not in (None, "lib")
    )


def test_rules_are_pure_python(graph):
    assert rules_breaches(graph) == []


def test_lib_knows_no_domain(graph):
    assert lib_breaches(graph) == []


def test_exemptions_are_still_needed(graph):
    """An exemption whose import is gone is removed, so the list stays the truth."""
    used = {(m, app_of(n)) for m, names in graph.items() for n in names}
    assert [e for e in EXEMPT if e not in used] == []


def cycles(graph) -> list[list[str]]:
    """Strongly connected groups of modules. An import of a package's own parent (`from . import x` inside the
    package) is not an edge to that parent: the parent's __init__ only re-exports."""
    modules = set(graph)
    edges = defaultdict(set)
    for module, names in graph.items():
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module and not module.startswith(name + "."):
                edges[module].add(name)
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):  # Tarjan; the graph is a few hundred modules deep at most
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(modules):
        if v not in index:
            visit(v)
    return found


def test_no_circles_between_apps(graph):
    circles = [c for c in cycles(graph) if len({app_of(m) for m in c}) > 1]
    assert circles == []


def test_no_circles_inside_any_app(graph):
    """A circle inside one app (a module importing another that imports it back, even from inside a function)
    means the shared piece belongs one module down: core.auditchain under core.models and core.audit,
    site.backup.errors under site.backup.crypto and site.backup.reader."""
    circles = [c for c in cycles(graph) if len({app_of(m) for m in c}) == 1]
    assert circles == []


def test_a_circle_inside_an_app_is_caught():
    graph = {
        "dangjian.core.models": ["dangjian.core.audit.append"],
        "dangjian.core.audit": ["dangjian.core.models.AuditEvent"],
        "dangjian.core.auditchain": [],
    }
    assert [c for c in cycles(graph) if len({app_of(m) for m in c}) == 1] == [
        ["dangjian.core.audit", "dangjian.core.models"]
    ]


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("dangjian.core.todos", "from dangjian.orgs.models import Org", "dangjian.core.todos → dangjian.orgs"),
        (
            "dangjian.core.context",
            "from dangjian.accounts.models import MANAGING_ROLES",
            "dangjian.core.context → dangjian.accounts",
        ),
        (
            "dangjian.accounts.services",
            "def f():\n    from dangjian.api.auth import token_for",
            "dangjian.accounts.services → dangjian.api",
        ),
        ("dangjian.dues.forms", "from dangjian.api.types import MIN_YEAR", "dangjian.dues.forms → dangjian.api"),
        (
            "dangjian.members.views",
            "from dangjian.site.start import member_summary",
            "dangjian.members.views → dangjian.site",
        ),
        (
            "dangjian.learning.facts",
            "from dangjian.reports import records",
            "dangjian.learning.facts → dangjian.reports",
        ),
        (
            "dangjian.meetings.views",
            "import dangjian.assessment.models",
            "dangjian.meetings.views → dangjian.assessment",
        ),
        (
            "dangjian.orgs.views",
            "from dangjian.meetings.models import Meeting",
            "dangjian.orgs.views → dangjian.meetings",
        ),
    ],
)
def test_a_back_arrow_is_caught(tmp_path, module, source, expected):
    """The test must catch what it is for: today's back-arrows, written as code, are refused."""
    path = tmp_path / (module.rpartition(".")[2] + ".py")
    path.write_text(source, encoding="utf-8")
    names = imported_as(path, module)
    assert breaches({module: names}) == [expected]


def test_rules_and_lib_breaches_are_caught(tmp_path):
    rules = tmp_path / "recruitment.py"
    rules.write_text("from django.conf import settings\nfrom dangjian.lib import clock\n", encoding="utf-8")
    lib = tmp_path / "word.py"
    lib.write_text("def f():\n    from dangjian.orgs.models import Org\n", encoding="utf-8")
    assert rules_breaches({"dangjian.rules.recruitment": imported_as(rules, "dangjian.rules.recruitment")}) == [
        "dangjian.rules.recruitment → dangjian.lib",
        "dangjian.rules.recruitment → dangjian.lib.clock",
        "dangjian.rules.recruitment → django.conf",
        "dangjian.rules.recruitment → django.conf.settings",
    ]
    assert lib_breaches({"dangjian.lib.office.word": imported_as(lib, "dangjian.lib.office.word")}) == [
        "dangjian.lib.office.word → dangjian.orgs.models",
        "dangjian.lib.office.word → dangjian.orgs.models.Org",
    ]


def test_a_circle_is_caught():
    assert cycles(
        {
            "dangjian.reports.records": ["dangjian.reports.study.hours"],
            "dangjian.reports.study": ["dangjian.reports.records"],
        }
    ) == [["dangjian.reports.records", "dangjian.reports.study"]]


# No ORM reads in view and API modules (issue #15 item 4): reads belong in `<app>/selectors.py` (or a selectors/
# package), writes in services. Once a ratchet (MAX_VIEW_ORM_READS, 222 → 36 → 0); now a plain rule.
ORM_READ = re.compile(r"\.objects\.|\.filter\(|_related\(")


def is_view_module(path: pathlib.Path) -> bool:
    """A module that renders or answers a request: dangjian/api/*, views*.py (views_board.py), *_view.py and
    *_views.py (members/history_view.py, site/audit_views.py) and any module of a views/ package."""
    stem, parts = path.stem, path.relative_to(PKG).parts
    return parts[0] == "api" or stem.startswith("views") or stem.endswith(("_view", "_views")) or "views" in parts[:-1]


def view_modules() -> list[pathlib.Path]:
    return [p for p in source_files() if is_view_module(p)]


def orm_read_lines(text: str) -> list[tuple[int, str]]:
    """(line number, code) for each line that reads the ORM."""
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if ORM_READ.search(line)]


def test_no_orm_reads_in_view_or_api_modules():
    reads = [
        f"{p.relative_to(ROOT)}:{n}: {code}"
        for p in view_modules()
        for n, code in orm_read_lines(p.read_text(encoding="utf-8"))
    ]
    assert reads == [], "move these reads to the app's selectors (views parse input, call, render):\n" + "\n".join(
        reads
    )


@pytest.mark.parametrize(
    ("path", "is_view"),
    [
        ("api/members.py", True),
        ("dues/views/payments.py", True),
        ("members/views.py", True),
        ("recruitment/views_board.py", True),
        ("site/audit_views.py", True),
        ("members/io_views.py", True),
        ("members/history_view.py", True),
        ("members/selectors.py", False),
        ("dues/selectors/pages.py", False),
        ("site/todos.py", False),
        ("relations/internal.py", False),
    ],
)
def test_view_modules_are_found_by_name(path, is_view):
    assert is_view_module(PKG / path) is is_view


def test_a_read_in_a_view_module_is_reported_with_its_line():
    source = (
        "def page(request):\n    org = selectors.org_by_code(code)\n    return Org.objects.filter(code='X').first()\n"
    )
    assert orm_read_lines(source) == [(3, "return Org.objects.filter(code='X').first()")]


def test_a_view_orm_read_is_counted():
    # `.objects.filter(` counts once (the manager and its first call are one read), each further call once more
    assert len(ORM_READ.findall("Person.objects.filter(org=o).select_related('org')")) == 2
    assert len(ORM_READ.findall("qs.filter(year=y).filter(kind=k)")) == 2
    assert len(ORM_READ.findall("selectors.people_of(org)")) == 0


def test_every_todo_module_is_registered_on_its_app():
    """The to-do centre reads `todo_module` from each AppConfig: a `<app>/todos.py` on disk that its apps.py does
    not name would silently never reach anyone's to-do list."""
    from django.apps import apps

    on_disk = {f"dangjian.{p.parent.name}.todos" for p in PKG.glob("*/todos.py") if p.parent.name != "site"}
    registered = {getattr(cfg, "todo_module", None) for cfg in apps.get_app_configs()} - {None}
    assert registered == on_disk
    assert all(getattr(cfg, "todo_label", "") for cfg in apps.get_app_configs() if getattr(cfg, "todo_module", None))


def test_subtrees_use_the_one_idiom():
    """A subtree is `orgs.models.subtree_q(path, field)` (it picks an index-friendly range on SQLite), never a raw
    `path__startswith` filter written again in some app."""
    raw = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in source_files()
        if p != PKG / "orgs" / "models.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "path__startswith" in line
    ]
    assert raw == []
