from django.shortcuts import render

from dangjian.orgs.selectors import org_get


def composition_page(request, code):
    org = org_get(request.user, code=code, manage=True)
    return render(request, "members/stats_placeholder.html", {"org": org})
