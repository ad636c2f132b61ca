"""Every write to the dues ledger. Keyword-only, atomic, validated, audited."""

from .bases import base_set, compute_amounts  # noqa: F401
from .charges import charges_generate  # noqa: F401
from .ledger import reconciliation_record, remittance_record  # noqa: F401
from .payments import payment_record, payment_reverse  # noqa: F401
