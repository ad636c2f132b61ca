from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "dangjian.appraisal"
    label = "appraisal"
    verbose_name = "民主评议党员"
    # Read by the to-do centre (dangjian.site.todos): this app's to-dos, and its name when they fail.
    todo_module = "dangjian.appraisal.todos"
    todo_label = "民主评议"

    def ready(self):
        from . import workflows  # noqa: F401  (registers the status workflows with core.workflow)
