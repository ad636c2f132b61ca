from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "dangjian.assessment"
    label = "assessment"
    verbose_name = "考核"
    # Read by the to-do centre (dangjian.site.todos): this app's to-dos, and its name when they fail.
    todo_module = "dangjian.assessment.todos"
    todo_label = "考核"

    def ready(self):
        from . import workflows  # noqa: F401  (registers the status workflows with core.workflow)
