from django.urls import path

from . import views

app_name = "elections"
urlpatterns = [
    path("org/<str:code>/", views.home, name="home"),
    path("org/<str:code>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/approve/", views.approve, name="approve"),
]
