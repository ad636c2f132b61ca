"""/api/v1/plans/: tasks down / reports up (send, sent, inbox, read, answer, review), member notices,
work plans and items, honours, activities and supervision visits. Same scoping as the pages (out of scope →
404); writes go through dangjian.plans.services. Files are uploaded through the pages.

One router, mounted from four modules by meaning: plans_tasks (上传下达), plans_notices (党员通知),
plans_work (工作计划), plans_records (荣誉、活动、调研指导)."""

from ninja import Router

from .errors import register_labels
from .plans_notices import router as notices_router
from .plans_records import router as records_router
from .plans_tasks import router as tasks_router
from .plans_work import router as work_router

router = Router(tags=["计划与通知 plans"])
register_labels(
    "plans",
    models=[
        "plans.Task",
        "plans.TaskRecipient",
        "plans.PlanItem",
        "plans.Honour",
        "plans.Activity",
        "plans.Visit",
        "plans.BureauPlanSetting",
    ],
    extra={"org": "组织代码", "unread": "只看未读", "receipt_id": "通知编号"},
)

for sub in (tasks_router, notices_router, work_router, records_router):
    router.add_router("", sub)
