from dangjian.accounts.models import MANAGING_ROLES


def nav(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    is_manager = user.is_superuser or user.roles.filter(role__in=MANAGING_ROLES).exists()
    return {"is_manager": is_manager}
