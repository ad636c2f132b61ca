"""Every read of the dues ledger. Callers first resolve the org with org_get(user, …, manage=True)
(404 out of scope); these functions then read that org's subtree in SQL."""

from .arrears import arrears  # noqa: F401
from .ledger import annual_summary, annual_total, balance_held, ledger  # noqa: F401
from .member import member_dues  # noqa: F401
from .monthly import monthly_rows  # noqa: F401
