from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("people/<int:pk>/", views.detail, name="detail"),
    path("people/<int:pk>/edit/", views.edit, name="edit"),
    path("people/<int:pk>/leave/", views.leave, name="leave"),
    path("people/<int:pk>/restore/", views.restore, name="restore"),
    path("orgs/<str:code>/roster/", views.roster, name="roster"),
    path("orgs/<str:code>/people/new/", views.create, name="create"),
]
