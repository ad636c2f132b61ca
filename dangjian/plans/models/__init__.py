"""Work plans, tasks down / reports up, member notices, honours, activities and supervision visits."""
from .plans import PlanItem, PlanKind, ReviewStatus, WorkPlan, ItemStatus  # noqa: F401
from .records import (Activity, ActivityKind, ActivityPerson, ActivityPhoto, Honour, HonourLevel, Visit,  # noqa: F401
                      VisitProblem)
from .tasks import (MemberNotice, MemberReceipt, RecipientStatus, Task, TaskFile, TaskKind,  # noqa: F401
                    TaskRecipient)
from .nominations import Nomination, NominationKind, NominationStatus  # noqa: F401
from .settings import BureauPlanSetting  # noqa: F401,E402
