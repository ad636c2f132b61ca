from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "dangjian.dues"
    label = "dues"
    verbose_name = "党费"
    # Read by the to-do centre (dangjian.site.todos): this app's to-dos, and its name when they fail.
    todo_module = "dangjian.dues.todos"
    todo_label = "党费"
