from django.urls import path

from dangjian.core import attachments

from . import views

app_name = "disclosure"
urlpatterns = [
    path("", views.home, name="home"),
    path("org/<str:code>/", views.org_items, name="org"),
    path("org/<str:code>/new/", views.item_new, name="new"),
    path("org/<str:code>/mailbox/", views.mailbox, name="mailbox"),
    path("item/<int:pk>/", views.item_detail, name="item"),
    path("item/<int:pk>/status/", views.item_status, name="status"),
    path("item/<int:pk>/attach/", views.attachment_add, name="attach"),
    path("item/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("attachment/<int:pk>/", attachments.download, {"kind": "disclosure"}, name="attachment"),
    path("mailbox/write/", views.mailbox_write, name="write"),
    path("message/<int:pk>/reply/", views.message_reply, name="reply"),
]

# Mounted at /public/disclosure/ (no login, namespace public_disclosure): published public-scope items only.
public_patterns = [
    path("", views.public_list, name="list"),
    path("<int:pk>/", views.public_detail, name="item"),
    path("attachment/<int:pk>/", attachments.download, {"kind": "disclosure-public"}, name="attachment"),
]
