"""The reports read the work apps only through their facts modules (issue 15, item 2): no work app imports
the reports app, and the document builders import no other app's models (only the org tree's)."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "dangjian"
WORK_APPS = ["meetings", "members", "recruitment", "dues", "learning", "appraisal", "disclosure", "relations", "plans",
             "rectification", "orgs", "archive", "elections"]
BUILDERS = ["reports/drafting", "reports/records.py", "reports/records_assess.py", "reports/records_plans.py",
            "reports/problems.py", "reports/years.py", "reports/asof.py", "reports/study.py"]


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    pkg = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = pkg.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names}
    return out


def files(rel: str):
    p = ROOT / rel
    return [p] if p.is_file() else sorted(p.rglob("*.py"))


@pytest.mark.parametrize("app", WORK_APPS)
def test_no_work_app_imports_the_reports(app):
    # a management command is an entry point (the top floor), not part of the app's code
    bad = [(str(f.relative_to(ROOT)), m) for f in files(app) if "management" not in f.parts
           for m in imports(f) if m.startswith("dangjian.reports")]
    assert not bad, bad


def test_the_document_builders_read_facts_not_models():
    bad = []
    for rel in BUILDERS:
        for f in files(rel):
            for m in imports(f):
                parts = m.split(".")
                if (len(parts) > 2 and parts[0] == "dangjian" and parts[1] not in ("reports", "orgs", "lib")
                        and parts[2] in ("models", "selectors", "services", "compliance")):
                    bad.append((str(f.relative_to(ROOT)), m))
    assert not bad, bad


def test_the_records_study_circle_is_gone():
    assert not any(m.startswith("dangjian.reports.records") for m in imports(ROOT / "reports" / "study.py"))
    assert not any(m.startswith("dangjian.reports.study") for m in imports(ROOT / "reports" / "records.py"))
