from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "dangjian.meetings"
    label = "meetings"
    verbose_name = "组织生活"
    # Read by the to-do centre (dangjian.site.todos): this app's to-dos, and its name when they fail.
    todo_module = "dangjian.meetings.todos"
    todo_label = "组织生活"
