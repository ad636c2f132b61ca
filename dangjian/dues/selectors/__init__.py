"""Every read of the dues ledger. Callers first resolve the org with org_get(user, …, manage=True)
(404 out of scope); these functions then read that org's subtree in SQL."""

from .arrears import arrears, arrears_page  # noqa: F401
from .ledger import annual_summary, annual_total, balance_held, ledger  # noqa: F401
from .member import member_dues  # noqa: F401
from .monthly import monthly_page, monthly_rows  # noqa: F401
from .pages import (  # noqa: F401
    base_rows,
    bases_by_id,
    managed_top_orgs,
    members_with_current_base,
    pay_sheet,
    pay_sheet_page,
    payment_get,
    payments_of,
    reversed_payment_ids,
)
