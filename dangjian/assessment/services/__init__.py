"""Every write of the assessment app (keyword-only, atomic, full_clean, audited)."""

from .assessments import assessment_rectify, assessment_return, can_act, level_org, scores_save, star_for, user_level
from .rubrics import rubric_copy, rubric_open, rubric_publish, rubric_save, rubric_validate

__all__ = [
    "assessment_rectify",
    "assessment_return",
    "can_act",
    "level_org",
    "rubric_copy",
    "rubric_open",
    "rubric_publish",
    "rubric_save",
    "rubric_validate",
    "scores_save",
    "star_for",
    "user_level",
]
