from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "dangjian.orgs"
    label = "orgs"
    verbose_name = "组织"
    # Read by the to-do centre (dangjian.site.todos): this app's to-dos, and its name when they fail.
    todo_module = "dangjian.orgs.todos"
    todo_label = "组织建设"
