"""发展党员 (DEV) — 《中国共产党发展党员工作细则》 (2014 text before 2026-05-11, 2026 revision after).

Public API (stable): regulation_version, is_adult_on, talk_deadline, earliest_candidate_date,
probation_end, approval_deadlines, extension_valid, publicity_end, check_case, deadlines,
next_steps, STEPS — plus the smaller helpers re-exported below.
"""
from .case import check_case
from .dates import (
    APPLICATION_ORGS, ARCHIVE_DOCUMENTS, DISCIPLINE_EFFECT_MONTHS, PUBLICITY_WORKDAYS, REVISION_2026,
    application_org_valid, approval_deadlines, approver_valid, branch_meeting_deadline,
    conversion_approval_deadline, conversion_date, earliest_candidate_date, earliest_listing_date,
    extension_valid, is_adult_on, leaving_within_3_months, mentors_findings, missing_archive_documents,
    oath_deadline, probation_end, publicity_end, regulation_version, review_due, sponsors_findings,
    talk_deadline, training_sufficient, transferred_discussion_deadline,
)
from .events import Event, normalize
from .plan import Deadline, deadlines, next_steps
from .sequence import AFTER, REPEATABLE, prerequisites, sequence_findings
from .steps import CLASSIC_STEPS, EVENT_DATA_KEYS, STAGES, STEP_BY_CODE, STEPS, Step, steps_for_version

__all__ = [
    "APPLICATION_ORGS", "ARCHIVE_DOCUMENTS", "DISCIPLINE_EFFECT_MONTHS", "PUBLICITY_WORKDAYS", "REVISION_2026",
    "application_org_valid", "approval_deadlines", "approver_valid", "branch_meeting_deadline",
    "conversion_approval_deadline", "conversion_date", "earliest_candidate_date", "earliest_listing_date",
    "extension_valid", "is_adult_on", "leaving_within_3_months", "mentors_findings", "missing_archive_documents",
    "oath_deadline", "probation_end", "publicity_end", "regulation_version", "review_due", "sponsors_findings",
    "talk_deadline", "training_sufficient", "transferred_discussion_deadline",
    "check_case", "AFTER", "REPEATABLE", "prerequisites", "sequence_findings", "Event", "normalize", "Deadline", "deadlines", "next_steps",
    "CLASSIC_STEPS", "EVENT_DATA_KEYS", "STAGES", "STEP_BY_CODE", "STEPS", "Step", "steps_for_version",
]
