from dangjian.accounts.models import MANAGING_ROLES


def nav(request):
    from .ui_views import FONT_SIZES, font_size_of

    ui = {"font_size": font_size_of(request), "font_sizes": FONT_SIZES}
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return ui
    is_manager = user.is_superuser or user.roles.filter(role__in=MANAGING_ROLES).exists()
    return {"is_manager": is_manager, **ui}
