"""Every write to logins, roles, passwords and API tokens. Keyword-only, atomic, audited ("account.*").

Authority (who may do what to whom) is decided in authority.py; a refusal is PermissionDenied with a
Chinese reason, bad input is ValidationError naming the field. Initial passwords are returned to the
caller once and stored nowhere in clear.
"""

from ._common import (  # noqa: F401
    EVENT_ZH,
    MUST_CHANGE_MESSAGE,
    USERNAME_RE,
    home_org,
    must_change_password,
    new_password,
    username_base,
    username_for,
)
from .api_tokens import token_revoke, token_rotate, token_used  # noqa: F401
from .logins import user_create, user_deactivate, user_reactivate, users_create_from_roster  # noqa: F401
from .passwords import password_change, password_reset  # noqa: F401
from .roles import role_grant, role_revoke  # noqa: F401
