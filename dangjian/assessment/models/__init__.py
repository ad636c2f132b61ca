"""考核 (assessment): a bureau's rubric (考核细则) for a year, and one assessment per branch scored at three levels.

- ``Rubric``: draft → published (items frozen; copy it to make next year's). Star thresholds (星级) as
  ``[{"name": "五星", "min": "95"}, …]``; rankings (排名) off by default.
- ``RubricItem``: category / title / standard, weight (points), either an automatic indicator (code in
  ``assessment.indicators.REGISTRY``) or a manual score with evidence (``evidence_required``).
- ``Assessment``: one branch under one rubric; ``stage`` self → school (skipped when the branch sits directly
  under the rubric org) → bureau → done. Totals per level are fixed at each submission; the star at the end.
- ``Score``: per assessment, item and level (self / school / bureau). Auto items carry the snapshot of their
  ratio and evidence text taken at that level's submission.
- ``EvidenceFile``: attachments of a manual item (kept; never deleted).
- ``AssessmentLog``: the status log (who did what when), append-only.
"""

from .assessments import LEVEL_ZH, LEVELS, TRANSITIONS, Assessment, AssessmentLog, AssessmentStage, EvidenceFile, Score
from .rubrics import Rubric, RubricItem, RubricMode, RubricStatus

__all__ = [
    "Assessment",
    "AssessmentLog",
    "EvidenceFile",
    "LEVELS",
    "LEVEL_ZH",
    "RubricMode",
    "Rubric",
    "RubricItem",
    "RubricStatus",
    "Score",
    "AssessmentStage",
    "TRANSITIONS",
]
