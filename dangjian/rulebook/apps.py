from django.apps import AppConfig


class RulebookConfig(AppConfig):
    name = "dangjian.rulebook"
    label = "rulebook"
    verbose_name = "规则"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from . import holidays
        from .models import HolidayDay, HolidayYear

        holidays.install()  # no query: the table loads on first lookup
        # After migrate/flush (also between transactional tests) forget whatever was loaded.
        post_migrate.connect(holidays.invalidate, dispatch_uid="rulebook-holidays-migrate")
        for model in (HolidayDay, HolidayYear):
            post_save.connect(
                holidays.invalidate, sender=model, dispatch_uid=f"rulebook-holidays-save-{model.__name__}"
            )
            post_delete.connect(
                holidays.invalidate, sender=model, dispatch_uid=f"rulebook-holidays-del-{model.__name__}"
            )
