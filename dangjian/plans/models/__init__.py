"""Work plans, tasks down / reports up, member notices, honours, activities and supervision visits."""

from .nominations import Nomination, NominationKind, NominationStatus  # noqa: F401
from .plans import PlanItem, PlanItemStatus, PlanKind, PlanReviewStatus, WorkPlan  # noqa: F401
from .records import Activity, ActivityKind, ActivityPerson, ActivityPhoto, Honour, HonourLevel, Visit, VisitProblem  # noqa: F401
from .settings import BureauPlanSetting  # noqa: F401,E402
from .tasks import MemberNotice, MemberReceipt, RecipientStatus, Task, TaskFile, TaskKind, TaskRecipient  # noqa: F401
