from django.urls import path

from . import privacy_views, views

app_name = "members"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("people/<int:pk>/", views.detail, name="detail"),
    path("people/<int:pk>/edit/", views.edit, name="edit"),
    path("people/<int:pk>/leave/", views.leave, name="leave"),
    path("people/<int:pk>/restore/", views.restore, name="restore"),
    path("people/<int:pk>/id-number/", privacy_views.reveal_id, name="reveal_id"),
    path("people/<int:pk>/export/", privacy_views.export, name="export"),
    path("orgs/<str:code>/roster/", views.roster, name="roster"),
    path("orgs/<str:code>/people/new/", views.create, name="create"),
]
