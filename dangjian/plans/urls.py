from django.urls import path

from dangjian.core import attachments

from .views import nominations, plans, records, tasks

app_name = "plans"
urlpatterns = [
    path("", tasks.home, name="home"),
    path("tasks/new/", tasks.task_new, name="task_new"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("inbox/<int:pk>/", tasks.inbox_detail, name="inbox_detail"),
    path("inbox/<int:pk>/review/", tasks.task_review, name="task_review"),
    path("files/<int:pk>/", attachments.download, {"kind": "task"}, name="task_file"),
    path("notices/new/", tasks.notice_new, name="notice_new"),
    path("notices/<int:pk>/", tasks.notice_detail, name="notice_detail"),
    path("me/", tasks.me, name="me"),
    path("me/<int:pk>/", tasks.me_notice, name="me_notice"),
    path("plans/", plans.plan_list, name="plans"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/adopt/", plans.item_adopt, name="item_adopt"),
    path("plans/<int:pk>/submit/", plans.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/review/", plans.plan_review, name="plan_review"),
    path("items/<int:pk>/status/", plans.item_status, name="item_status"),
    path("honours/", records.honours, name="honours"),
    path("honours/<int:pk>/certificate/", attachments.download, {"kind": "honour"}, name="honour_certificate"),
    path("nominations/", nominations.nominations, name="nominations"),
    path("nominations/<int:pk>/decide/", nominations.nomination_decide, name="nomination_decide"),
    path("activities/", records.activities, name="activities"),
    path("visits/", records.visits, name="visits"),
]
