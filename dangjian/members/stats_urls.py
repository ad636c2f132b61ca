from django.urls import path

from . import stats_views

app_name = "stats"
urlpatterns = [
    path("orgs/<str:code>/stats/", stats_views.composition_page, name="composition"),
]
