"""EVAL, STAT, PUB and CON — appraisal grades, statistics year, openness, 党章 articles."""

from datetime import date

import pytest

from dangjian.rules import appraisal, constitution, disclosure, party_statistics
from dangjian.rules.catalog import get_rule
from dangjian.rules.settings import LocalSettings

THREE = LocalSettings(appraisal_grades=3)


@pytest.mark.parametrize(
    "grade,settings,valid",
    [
        pytest.param("良好", LocalSettings(), False, id="EVAL-01-liang-hao-invalid"),
        pytest.param("基本合格", LocalSettings(), True, id="EVAL-01-four-grades"),
        pytest.param("basically_qualified", THREE, False, id="EVAL-01-three-grades"),
        pytest.param("优秀", THREE, True, id="EVAL-01-three-grades-excellent"),
    ],
)
def test_eval01_grade_set(grade, settings, valid):
    """EVAL-01: grade set."""
    assert (appraisal.validate_grade(grade, settings) == []) is valid


def test_eval01_consequences():
    """EVAL-01: consequences."""
    assert "表彰" in appraisal.grade_consequence("优秀")
    assert "改进" in appraisal.grade_consequence("basically_qualified")
    assert "劝退" in appraisal.grade_consequence("不合格")


def test_eval01_unqualified_needs_follow_up():
    """EVAL-01: unqualified needs follow up."""
    args = ("不合格", date(2026, 12, 20), None)
    assert appraisal.unqualified_followup_findings(*args, date(2027, 1, 20)) == []
    found = appraisal.unqualified_followup_findings(*args, date(2027, 1, 21))
    assert [(f.code, f.level) for f in found] == [("UNQUALIFIED_NO_FOLLOWUP", "warning")]
    assert (
        appraisal.unqualified_followup_findings("不合格", date(2026, 12, 20), date(2027, 1, 5), date(2027, 3, 1)) == []
    )


def test_eval01_result_reported_and_told():
    """EVAL-01: result reported and told."""
    found = appraisal.result_notice_findings(reported_upper=True, told_member=False)
    assert [f.code for f in found] == ["RESULT_NOT_TOLD"]


def test_stat01_counted_in_the_approval_year():
    """STAT-01: counted in the approval year."""
    assert party_statistics.snapshot_date(2026) == date(2026, 12, 31)
    assert party_statistics.statistics_year(date(2027, 1, 10)) == 2027
    assert not party_statistics.in_snapshot(date(2026, 12, 20), date(2027, 1, 10), 2026)
    assert party_statistics.in_snapshot(
        date(2026, 12, 20), date(2027, 1, 10), 2026, LocalSettings(stat_membership_basis="meeting")
    )


def test_pub01_topics_and_default_scope():
    """PUB-01: topics and default scope."""
    assert {"recruitment", "election", "appraisal", "dues"} <= set(disclosure.DISCLOSURE_TOPICS)
    assert disclosure.topic_scope("dues") == "internal"
    assert disclosure.topic_scope("self_building", affects_public=True) == "public"


def test_pub02_four_steps_with_records():
    """PUB-02: four steps with records."""
    steps = {
        "propose": date(2026, 3, 1),
        "review": date(2026, 3, 2),
        "approve": date(2026, 3, 3),
        "publish": date(2026, 3, 5),
    }
    assert disclosure.disclosure_findings(steps) == []
    found = disclosure.disclosure_findings({**steps, "review": None})
    assert [(f.code, f.level) for f in found] == [("MISSING_REVIEW", "error")]
    found = disclosure.disclosure_findings({**steps, "publish": date(2026, 2, 1)})
    assert [f.code for f in found] == ["STEP_OUT_OF_ORDER"]


def test_pub03_methods_and_secrets():
    """PUB-03: methods and secrets."""
    assert disclosure.method_findings("internal", "meeting") == []
    assert [f.code for f in disclosure.method_findings("public", "intranet")] == ["METHOD_UNUSUAL"]
    assert [f.level for f in disclosure.method_findings("public", "website", secret=True)] == ["error"]
    assert [f.code for f in disclosure.method_findings("internal", "intranet", topic="dues")] == ["DUES_METHOD"]


@pytest.mark.parametrize(
    "rule_id,article",
    [
        pytest.param("CON-01", "第一条", id="CON-01"),
        pytest.param("CON-02", "第五条", id="CON-02"),
        pytest.param("CON-03", "第六条", id="CON-03"),
        pytest.param("CON-04", "第七条", id="CON-04"),
        pytest.param("CON-05", "第八条", id="CON-05"),
        pytest.param("CON-06", "第九条", id="CON-06"),
        pytest.param("CON-07", "第十条", id="CON-07"),
        pytest.param("CON-08", "第十一条", id="CON-08"),
        pytest.param("CON-09", "第三十条", id="CON-09"),
        pytest.param("CON-10", "第三十一条", id="CON-10"),
        pytest.param("CON-11", "第三十四条", id="CON-11"),
    ],
)
def test_con_articles_match_the_catalogue(rule_id, article):
    assert constitution.article_for(rule_id).article_zh == article
    assert get_rule(rule_id).article_zh == article


def test_con_articles_back_the_rules_that_use_them():
    assert [a.rule_id for a in constitution.articles_for_rule("FEE-12")] == ["CON-06"]
    assert [a.rule_id for a in constitution.articles_for_rule("DEV-20")] == ["CON-04"]
    assert constitution.OATH_TEXT.startswith("我志愿加入中国共产党") and constitution.OATH_TEXT.endswith("永不叛党。")
    assert not get_rule("CON-11").computable
