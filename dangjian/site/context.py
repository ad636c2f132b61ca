from dangjian.accounts.models import MANAGING_ROLES
from dangjian.accounts.scope import visible_org_ids
from dangjian.core.ui_views import FONT_SIZES, font_size_of


def may_open_org(user, org) -> bool:
    """Whether the org page opens for this user; the `org_crumb` tag (core, which knows no accounts) asks this."""
    # Members read their own branch's notices but not the org page (it lists the roster tools).
    return visible_org_ids(user, manage=True).filter(id=org.pk).exists()


def nav(request):
    ui = {"font_size": font_size_of(request), "font_sizes": FONT_SIZES, "may_open_org": may_open_org}
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return ui
    is_manager = user.is_superuser or user.roles.filter(role__in=MANAGING_ROLES).exists()
    return {"is_manager": is_manager, **ui}
