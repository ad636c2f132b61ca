"""Daily: store each user's new to-dos as reminders and e-mail a digest where SMTP is configured.

Idempotent: a reminder is keyed by (user, item key), so running twice a day sends nothing twice.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError

from dangjian.core.models import Reminder
from dangjian.lib import clock
from dangjian.lib.isodate import parse_day
from dangjian.site.todos import todos_for


class Command(BaseCommand):
    help = "生成待办提醒（每天运行一次，可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按指定日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, **opts):
        try:
            today = parse_day(opts["date"], label="--date") if opts.get("date") else clock.today()
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from None
        smtp = bool(settings.DANGJIAN_SMTP_HOST)
        created_total = mailed = 0
        for user in get_user_model().objects.filter(is_active=True):
            new = []
            for item in todos_for(user, today):
                obj, created = Reminder.objects.get_or_create(
                    user=user,
                    key=item["key"][:200],
                    defaults={
                        "due_date": item.get("due_date"),
                        "title_zh": item["title_zh"][:300],
                        "rule_id": item.get("rule_id", ""),
                        "url": item.get("url", ""),
                        "level": item.get("level", "info"),
                    },
                )
                if created:
                    new.append(obj)
            created_total += len(new)
            if new and smtp and user.email:
                lines = [f"{r.due_date or ''} {r.title_zh}（{r.rule_id}）" for r in new]
                send_mail("党建工作待办提醒", "\n".join(lines), None, [user.email])
                Reminder.objects.filter(pk__in=[r.pk for r in new]).update(emailed_at=clock.now())
                mailed += 1
        self.stdout.write(f"新增提醒 {created_total} 条，发送邮件 {mailed} 封")
