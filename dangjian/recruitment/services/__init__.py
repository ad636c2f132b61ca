"""Every write of a development case. Each step runs the rule engine first: a new error blocks,
a new warning blocks unless a written reason is given (kept on the step); nothing is saved then."""

from ._common import DEVELOPMENT_STATUSES, StepBlocked  # noqa: F401
from .cases import case_open, case_step_record  # noqa: F401
from .corrections import case_step_void, step_correct  # noqa: F401
from .plans import plan_set  # noqa: F401
from .publicity import publicity_close, publicity_record  # noqa: F401
