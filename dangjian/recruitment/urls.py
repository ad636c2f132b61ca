from django.urls import path

from . import views, views_board, views_docs

app_name = "recruitment"
urlpatterns = [
    path("", views_board.home, name="home"),
    path("new/", views.case_new, name="new"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/publicity/", views.publicity_new, name="publicity_new"),
    path("cases/<int:pk>/docs/<str:kind>.docx", views_docs.document, name="document"),
    path("publicity/<int:pk>/close/", views.publicity_close, name="publicity_close"),
    path("steps/<int:pk>/void/", views.step_void, name="step_void"),
    path("steps/<int:pk>/correct/", views.step_correct, name="step_correct"),
    path("org/<str:code>/", views_board.board, name="board"),
    path("org/<str:code>/plan/", views_board.plan, name="plan"),
    path("org/<str:code>/cases/", views_board.case_list, name="case_list"),
    path("org/<str:code>/rosters/<str:kind>/", views_board.roster, name="roster"),
]
