from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "dangjian.learning"
    label = "learning"
    verbose_name = "学习教育"
    # Read by the to-do centre (dangjian.site.todos): this app's to-dos, and its name when they fail.
    todo_module = "dangjian.learning.todos"
    todo_label = "学习教育"
