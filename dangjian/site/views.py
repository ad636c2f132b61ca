from django.shortcuts import redirect, render

from dangjian.lib import clock
from dangjian.orgs.selectors import top_orgs

from . import start


def home(request):
    """The start page: what to do next (to-dos), this year's progress and the role's usual actions.
    A member without any managing role starts on their own page (/me/), which carries the member's part."""
    user = request.user
    tops = top_orgs(user) if user.is_superuser or user.roles.exclude(role="member").exists() else []
    if not tops and hasattr(user, "person"):
        return redirect("members:me")
    today = clock.today()
    panels = start.panels(user, tops, today)
    return render(
        request,
        "core/home.html",
        {
            "panels": panels,
            "todo": start.todo_summary(user, today) if panels else None,
            "today": today,
            "has_person": hasattr(user, "person"),
        },
    )
