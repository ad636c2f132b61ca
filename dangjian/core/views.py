from django.shortcuts import redirect, render

from dangjian.orgs.selectors import top_orgs


def home(request):
    user = request.user
    tops = top_orgs(user) if user.is_superuser or user.roles.exclude(role="member").exists() else []
    if not tops and hasattr(user, "person"):
        return redirect("members:me")
    return render(request, "core/home.html", {"tops": tops})
