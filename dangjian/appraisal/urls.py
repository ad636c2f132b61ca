from django.urls import path

from . import views, views_results

app_name = "appraisal"
urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.me, name="me"),
    path("me/<int:pk>/vote/", views.vote, name="vote"),
    path("org/<str:code>/open/", views.cycle_open, name="open"),
    path("<int:pk>/", views.cycle_detail, name="cycle"),
    path("<int:pk>/stage/", views.stage, name="stage"),
    path("<int:pk>/assess/", views.assess, name="assess"),
    path("<int:pk>/paper/", views.paper, name="paper"),
    path("evaluation/<int:pk>/", views.evaluation, name="evaluation"),
    path("evaluation/<int:pk>/followup/", views.followup_new, name="followup_new"),
    path("followup/<int:pk>/close/", views.followup_close, name="followup_close"),
    path("results/<str:code>/<int:year>/", views_results.results, name="results"),
    path("results/<str:code>/<int:year>.xlsx", views_results.results_xlsx, name="results_xlsx"),
]
