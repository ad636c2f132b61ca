from .bases import bases, bases_import  # noqa: F401
from .pages import arrears, generate, home, ledger, me, month  # noqa: F401
from .payments import pay, payments, reverse  # noqa: F401
from .reports import notice_propose, report  # noqa: F401
