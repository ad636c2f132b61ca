"""The catalogue covers regulations.md: every rule ID is in catalog.py and in some test here."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dangjian.rules import catalog
from dangjian.rules.findings import citation
from dangjian.rules.settings import LocalSettings, describe_settings

REPO = Path(__file__).resolve().parents[2]
REGULATIONS = Path(__file__).resolve().parents[2].parent / "shared" / "regulations.md"
ID_PATTERN = re.compile(r"\b(?:GEN|DEV|BR|LIFE|FEE|EDU|MGMT|EVAL|STAT|PUB|CON)-\d{2}\b")


def regulation_ids() -> list[str]:
    if not REGULATIONS.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"regulations catalogue missing at {REGULATIONS} (expected ../shared beside the clone)")
        pytest.skip(f"{REGULATIONS} not present outside CI")
    return sorted(set(ID_PATTERN.findall(REGULATIONS.read_text(encoding="utf-8"))))


def test_every_regulation_id_is_in_the_catalogue():
    ids = regulation_ids()
    assert len(ids) >= 80
    missing = [i for i in ids if i not in catalog.rule_ids()]
    assert missing == []


def test_every_regulation_id_is_named_in_a_rules_test():
    ids = regulation_ids()
    me = Path(__file__).resolve()
    text = "".join(p.read_text(encoding="utf-8") for p in me.parent.glob("test_*.py") if p.resolve() != me)
    missing = [i for i in ids if i not in text]
    assert missing == []


def test_catalogue_has_no_ids_unknown_to_regulations():
    ids = set(regulation_ids())
    assert [r.id for r in catalog.RULES if r.id not in ids] == []


def test_catalogue_source_is_data_not_parsed_at_runtime():
    for name in ("catalog.py", "_rule.py", "_catalog_gen_dev.py", "_catalog_br_life_fee.py", "_catalog_misc.py"):
        source = (REPO / "dangjian" / "rules" / name).read_text(encoding="utf-8")
        assert "open(" not in source and "read_text" not in source and "import re" not in source


@pytest.mark.parametrize("rule", catalog.RULES, ids=lambda r: r.id)
def test_rule_entry_is_complete(rule):
    assert rule.title_zh and rule.summary_zh
    assert re.search(r"[\u4e00-\u9fff]", rule.summary_zh)
    assert rule.confidence in "TSRC"
    assert rule.document_zh


@pytest.mark.parametrize("rule", [r for r in catalog.RULES if r.functions], ids=lambda r: r.id)
def test_rule_functions_resolve(rule):
    for dotted in rule.functions:
        module, _, name = dotted.rpartition(".")
        assert hasattr(importlib.import_module(f"dangjian.rules.{module}"), name), dotted


def test_catalogue_only_rules_are_the_documented_ones():
    # LIFE-10 (dual organisational life) and CON-11 (the branch's duties) describe conduct,
    # not dates or counts, so nothing computes them.
    assert [r.id for r in catalog.catalogue_only()] == ["LIFE-10", "CON-11"]


def test_every_setting_bends_a_catalogued_rule_with_a_chinese_label():
    ids = set(catalog.rule_ids())
    for knob in describe_settings():
        assert knob["rule_id"] in ids
        assert re.search(r"[\u4e00-\u9fff]", knob["label_zh"])


def test_rule_lists_the_settings_that_bend_it():
    assert catalog.get_rule("LIFE-05").setting == "lecture_frequency"
    assert set(catalog.get_rule("FEE-13").setting_keys) == {"dues_quantum", "dues_rounding"}
    assert catalog.get_rule("DEV-07").setting is None


def test_citation_names_rule_and_document_and_version():
    assert citation("DEV-07") == "（DEV-07，《中国共产党发展党员工作细则》第十三条）"
    assert citation("DEV-12", "2014") == "（DEV-12，《中国共产党发展党员工作细则》（2014年）第十九条）"
    assert citation("FEE-02").startswith("（FEE-02，《关于中国共产党党费收缴、使用和管理的规定》")


def test_as_rows_feeds_the_rule_library_page():
    rows = catalog.as_rows()
    assert len(rows) == len(catalog.RULES)
    fee01 = next(r for r in rows if r["id"] == "FEE-01")
    assert fee01["settings"] == ["deduct_social_insurance"] and fee01["computable"]


def test_package_imports_without_django():
    code = (
        "import sys, dangjian.rules, dangjian.rules.recruitment, dangjian.rules.catalog; "
        "assert 'django' not in sys.modules; print('ok')"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr


def test_no_django_import_in_rules_source():
    for path in (REPO / "dangjian" / "rules").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+django\b", source, re.M), path


def test_rules_modules_stay_under_300_lines():
    for path in (REPO / "dangjian" / "rules").rglob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 300, path


def test_local_settings_are_frozen():
    with pytest.raises(Exception):
        LocalSettings().lecture_frequency = "yearly"  # type: ignore[misc]
