from django.apps import AppConfig

EMPTY_CHOICE = "请选择"


class CoreConfig(AppConfig):
    name = "dangjian.core"
    label = "core"
    verbose_name = "基础"

    def ready(self):
        # Django 6.1 puts "- Select an option -" (untranslated in zh-hans) before every choice list and
        # "---------" before model choices; people read "请选择" (issue #19). Django documents overriding
        # BLANK_CHOICE_LABEL in ready(); the dash list is mutated in place because other modules hold it.
        from django.db.models import fields
        from django.forms import models as form_models

        fields.BLANK_CHOICE_LABEL = EMPTY_CHOICE
        fields.BLANK_CHOICE_DASH[:] = [("", EMPTY_CHOICE)]
        init = form_models.ModelChoiceField.__init__
        if not getattr(init, "_empty_zh", False):

            def __init__(self, queryset, *, empty_label=EMPTY_CHOICE, **kwargs):
                if empty_label == "---------":
                    empty_label = EMPTY_CHOICE
                init(self, queryset, empty_label=empty_label, **kwargs)

            __init__._empty_zh = True
            form_models.ModelChoiceField.__init__ = __init__

        # Every app's status machines (<app>/workflows.py) register with core.workflow once all models exist.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("workflows")
        autodiscover_modules("attachments")
