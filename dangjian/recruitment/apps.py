from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "dangjian.recruitment"
    label = "recruitment"
    verbose_name = "发展党员"
    # Read by the to-do centre (dangjian.site.todos): this app's to-dos, and its name when they fail.
    todo_module = "dangjian.recruitment.todos"
    todo_label = "发展党员"
