"""Every write of the plans app (tasks, notices, plans, honours, activities, visits)."""

from .nominations import nomination_create, nomination_decide  # noqa: F401
from .plans import plan_create, plan_item_adopt, plan_item_create, plan_item_update, plan_review, plan_submit  # noqa: F401
from .records import activity_create, honour_create, visit_create, visit_problem_resolve  # noqa: F401
from .settings import visits_minimum_set  # noqa: F401,E402
from .tasks import member_notice_open, member_notice_send, task_answer, task_open, task_review, task_send  # noqa: F401
