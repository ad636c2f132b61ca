from django.urls import path

from dangjian.core import attachments

from .views import assessments, rubrics

app_name = "assessment"
urlpatterns = [
    path("", rubrics.home, name="home"),
    path("rubrics/new/", rubrics.rubric_new, name="rubric_new"),
    path("rubrics/<int:pk>/", rubrics.rubric_detail, name="rubric"),
    path("rubrics/<int:pk>/edit/", rubrics.rubric_edit, name="rubric_edit"),
    path("rubrics/<int:pk>/publish/", rubrics.rubric_publish, name="rubric_publish"),
    path("rubrics/<int:pk>/copy/", rubrics.rubric_copy, name="rubric_copy"),
    path("rubrics/<int:pk>/open/", rubrics.rubric_open, name="rubric_open"),
    path("rubrics/<int:pk>/results/", rubrics.results, name="results"),
    path("rubrics/<int:pk>/results.xlsx", rubrics.results_xlsx, name="results_xlsx"),
    path("a/<int:pk>/", assessments.assessment_page, name="assessment"),
    path("a/<int:pk>/return/", assessments.assessment_return, name="return"),
    path("a/<int:pk>/rectify/<int:item_pk>/", assessments.assessment_rectify, name="rectify"),
    path("files/<int:pk>/", attachments.download, {"kind": "assessment"}, name="file"),
]
