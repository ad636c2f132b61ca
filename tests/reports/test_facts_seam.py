"""The reports read the work apps only through their facts modules (issue 15, item 2): no work app imports
the reports app, and the document builders import no other app's models (only the org tree's)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "dangjian"
WORK_APPS = [
    "meetings",
    "members",
    "recruitment",
    "dues",
    "learning",
    "appraisal",
    "disclosure",
    "relations",
    "plans",
    "rectification",
    "orgs",
    "archive",
    "elections",
]
BUILDERS = [
    "reports/drafting",
    "reports/records.py",
    "reports/records_assess.py",
    "reports/records_plans.py",
    "reports/records_orgs.py",
    "reports/problems.py",
    "reports/years.py",
]


def imports(path: Path, root: Path = ROOT) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    pkg = ".".join(path.relative_to(root.parent).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = pkg.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names}
    return out


def files(rel: str):
    p = ROOT / rel
    return [p] if p.is_file() else sorted(p.rglob("*.py"))


@pytest.mark.parametrize("app", WORK_APPS)
def test_no_work_app_imports_the_reports(app):
    # a management command is an entry point (the top floor), not part of the app's code
    bad = [
        (str(f.relative_to(ROOT)), m)
        for f in files(app)
        if "management" not in f.parts
        for m in imports(f)
        if m.startswith("dangjian.reports")
    ]
    assert not bad, bad


def test_the_document_builders_read_facts_not_models():
    bad = []
    for rel in BUILDERS:
        for f in files(rel):
            for m in imports(f):
                parts = m.split(".")
                if (
                    len(parts) > 2
                    and parts[0] == "dangjian"
                    and parts[1] not in ("reports", "orgs", "lib")
                    and parts[2] in ("models", "selectors", "services", "compliance")
                ):
                    bad.append((str(f.relative_to(ROOT)), m))
    assert not bad, bad


# Every module of the reports and assessment apps reads the other apps only through their facts modules
# (issue 15 item 2), the org tree's selectors and the roll (members.roll), plus the ground (lib, core).
READERS = ["reports", "assessment"]
FORBIDDEN = ("models", "selectors", "services", "stats", "compliance")
ALLOWED = {("orgs", "selectors"), ("members", "roll")}
# The org tree's type, kinds and subtree filter are the ground every app stands on (a page's org, a branch
# test, the one subtree idiom): these names only, never another org model (committee terms: orgs.facts).
ORG_TREE_NAMES = {"Org", "OrgKind", "BRANCH_KINDS", "subtree_q"}
EXEMPT = {
    # a write, not a read: an assessment's lost points raise 整改 items through rectification's own service
    ("assessment/services/assessments.py", "dangjian.rectification.services"),
}


def reader_violations(root: Path = ROOT) -> list[tuple[str, str]]:
    bad = []
    for top in READERS:
        for f in sorted((root / top).rglob("*.py")):
            rel = str(f.relative_to(root))
            for m in sorted(imports(f, root)):
                parts = m.split(".")
                if len(parts) < 3 or parts[0] != "dangjian" or parts[1] == top or parts[1] not in WORK_APPS + READERS:
                    continue
                module = parts[2]
                if module not in FORBIDDEN or (parts[1], module) in ALLOWED:
                    continue
                if (parts[1], module) == ("orgs", "models") and (len(parts) == 3 or parts[3] in ORG_TREE_NAMES):
                    continue
                if (rel, ".".join(parts[:3])) in EXEMPT:
                    continue
                bad.append((rel, m))
    return bad


def test_reports_and_assessment_read_other_apps_only_through_facts():
    assert reader_violations() == []


def test_the_assessment_never_imports_the_reports():
    bad = [
        (str(f.relative_to(ROOT)), m)
        for f in files("assessment")
        for m in imports(f)
        if m.startswith("dangjian.reports")
    ]
    assert not bad, bad


def test_the_reader_check_catches_a_model_read(tmp_path):
    # the check itself: a reader that reaches into another app's models, selectors or services is caught,
    # an import of that app's facts is not, and an exemption covers only its own file
    pkg = tmp_path / "dangjian"
    for top in READERS:
        (pkg / top).mkdir(parents=True)
    (pkg / "reports" / "bad.py").write_text(
        "from dangjian.dues.models import DuesCharge\nfrom dangjian.members.selectors import x\n"
        "from dangjian.orgs.models import CommitteeTerm\nfrom dangjian.dues.facts import year_facts\n"
        "from dangjian.orgs.models import Org\n",
        encoding="utf-8",
    )
    (pkg / "assessment" / "v.py").write_text(
        "from dangjian.rectification import services\nimport dangjian.meetings.compliance\n", encoding="utf-8"
    )
    found = reader_violations(pkg)
    assert ("reports/bad.py", "dangjian.dues.models.DuesCharge") in found
    assert ("reports/bad.py", "dangjian.members.selectors.x") in found
    assert ("reports/bad.py", "dangjian.orgs.models.CommitteeTerm") in found
    assert ("assessment/v.py", "dangjian.rectification.services") in found
    assert ("assessment/v.py", "dangjian.meetings.compliance") in found
    assert not [m for _, m in found if ".facts" in m or m.endswith("orgs.models.Org")]


def test_the_records_study_circle_is_gone():
    """The reports read learning.facts (and members/recruitment.facts) directly: no re-exporting shim in between."""
    assert not (ROOT / "reports" / "study.py").exists() and not (ROOT / "reports" / "asof.py").exists()
    assert not any(
        m.startswith(("dangjian.reports.study", "dangjian.reports.asof")) for p in files("reports") for m in imports(p)
    )
