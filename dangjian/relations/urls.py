from django.urls import path

from . import internal_views, views

app_name = "relations"
urlpatterns = [
    path("org/<str:code>/", views.home, name="home"),
    path("org/<str:code>/out/", views.transfer_out_new, name="out_new"),
    path("org/<str:code>/in/", views.transfer_in_new, name="in_new"),
    path("org/<str:code>/mobile/", views.mobile_new, name="mobile_new"),
    path("org/<str:code>/lost/", views.lost_new, name="lost_new"),
    path("org/<str:code>/pocket/", views.pocket, name="pocket"),
    path("org/<str:code>/survey/", views.survey, name="survey"),
    path("transfer/<int:pk>/", views.transfer_detail, name="transfer"),
    path("transfer/<int:pk>/status/", views.transfer_status, name="transfer_status"),
    path("mobile/<int:pk>/end/", views.mobile_end, name="mobile_end"),
    path("person/<int:pk>/back/", views.mobile_clear, name="mobile_clear"),
    path("person/<int:pk>/found/", views.lost_clear, name="lost_clear"),
    path("person/<int:pk>/suspend/", views.suspend, name="suspend"),
    path("person/<int:pk>/transfer/", internal_views.person_transfer, name="internal_new"),
]
