from django.urls import get_script_prefix, reverse

from dangjian.accounts.models import MANAGING_ROLES
from dangjian.accounts.scope import can_manage
from dangjian.core.request_memo import memo
from dangjian.core.ui_views import FONT_SIZES, font_size_of


def may_open_org(user, org) -> bool:
    """Whether the org page opens for this user; the `org_crumb` tag (core, which knows no accounts) asks this."""
    # Members read their own branch's notices but not the org page (it lists the roster tools).
    return can_manage(user, org)


NAV_LINKS = (
    "todos",
    "orgs:tree",
    "meetings:home",
    "recruitment:home",
    "dues:home",
    "appraisal:home",
    "disclosure:home",
    "plans:home",
    "assessment:home",
    "reports:home",
    "rulebook:index",
    "members:me",
    "dues:me",
    "account",
)
_nav_urls: dict[str, dict[str, str]] = {}


def nav_urls() -> dict[str, str]:
    """The navigation bar's links (base.html: nav_urls.dues_home …), reversed once per script prefix rather
    than fourteen times on every page."""
    prefix = get_script_prefix()
    urls = _nav_urls.get(prefix)
    if urls is None:
        urls = _nav_urls[prefix] = {name.replace(":", "_"): reverse(name) for name in NAV_LINKS}
    return urls


def nav(request):
    ui = {"font_size": font_size_of(request), "font_sizes": FONT_SIZES, "may_open_org": may_open_org}
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return ui
    is_manager = user.is_superuser or memo(
        ("nav.is_manager", user.pk), lambda: user.roles.filter(role__in=MANAGING_ROLES).exists()
    )
    return {"is_manager": is_manager, "nav_urls": nav_urls(), **ui}
