from django.urls import path

from dangjian.core import attachments

from . import views, views_quiz

app_name = "learning"
urlpatterns = [
    path("org/<str:code>/<int:year>/", views.hours, name="hours"),
    path("org/<str:code>/new/", views.record_new, name="record_new"),
    path("record/<int:pk>/certificate/", attachments.download, {"kind": "study"}, name="certificate"),
    path("record/<int:pk>/void/", views.record_void, name="record_void"),
    path("person/<int:pk>/<int:year>/", views.person_records, name="person"),
    path("me/", views.me, name="me"),
    path("me/note/", views.note_new, name="note_new"),
    path("notes/<str:code>/", views.notes, name="notes"),
    path("note/<int:pk>/read/", views.note_read, name="note_read"),
    path("bank/<str:code>/", views_quiz.bank, name="bank"),
    path("quiz/<str:code>/new/", views_quiz.quiz_new, name="quiz_new"),
    path("quiz/<int:pk>/", views_quiz.quiz_detail, name="quiz"),
    path("quiz/<int:pk>/take/", views_quiz.quiz_take, name="quiz_take"),
    path("quiz/<int:pk>/paper/", views_quiz.paper_scores, name="quiz_paper"),
]
