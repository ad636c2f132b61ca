from django.contrib.auth import views as auth_views
from django.urls import include, path

from dangjian.accounts import urls as accounts_urls
from dangjian.api.core import api
from dangjian.core import status_views, ui_views
from dangjian.disclosure import urls as disclosure_urls
from dangjian.members import urls as members_urls
from dangjian.site import todo_views
from dangjian.site import views as site_views

urlpatterns = [
    path("", site_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", api.urls),
    path("account/", include(accounts_urls.own_patterns)),
    path("accounts/", include("dangjian.accounts.urls")),
    path("status/", status_views.status_page, name="status"),
    path("ui/font-size/", ui_views.font_size, name="font_size"),
    path("jobs/", include("dangjian.jobs.urls")),
    path("todo/", todo_views.todo_list, name="todos"),
    path("todo/calendar-token/", todo_views.calendar_token_rotate, name="calendar_token_rotate"),
    path("public/ics/<str:key>.ics", todo_views.ics_feed, name="ics_feed"),
    path("orgs/", include("dangjian.orgs.urls")),
    path("audit/", include("dangjian.site.audit_views")),
    path("rules/", include("dangjian.rulebook.urls")),
    path("recruitment/", include("dangjian.recruitment.urls")),
    path("meetings/", include("dangjian.meetings.urls")),
    path("dues/", include("dangjian.dues.urls")),
    path("appraisal/", include("dangjian.appraisal.urls")),
    path("learning/", include("dangjian.learning.urls")),
    path("disclosure/", include("dangjian.disclosure.urls")),
    path("public/disclosure/", include((disclosure_urls.public_patterns, "public_disclosure"))),
    path("relations/", include("dangjian.relations.urls")),
    path("elections/", include("dangjian.elections.urls")),
    path("archive/", include("dangjian.archive.urls")),
    path("reports/", include("dangjian.reports.urls")),
    path("plans/", include("dangjian.plans.urls")),
    path("assessment/", include("dangjian.assessment.urls")),
    path("rectification/", include("dangjian.rectification.urls")),
    path("", include((members_urls.io_patterns, "roster_io"))),
    path("", include((members_urls.stats_patterns, "stats"))),
    path("", include("dangjian.members.urls")),
]
