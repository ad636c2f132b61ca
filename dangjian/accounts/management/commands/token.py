"""dangjian token USERNAME [--reset] — print the user's API token (created when missing) alone on stdout."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dangjian.accounts.tokens import token_for


class Command(BaseCommand):
    help = (
        "显示（没有则创建）用户的 API 令牌，用法：请求头 Authorization: Bearer <令牌>；--reset 作废旧令牌并生成新令牌"
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("username", help="登录用户名")
        parser.add_argument("--reset", action="store_true", help="重新生成令牌（旧令牌立即失效）")

    def handle(self, *args, **opts):
        user = get_user_model().objects.filter(username=opts["username"]).first()
        if user is None:
            raise CommandError(f"用户“{opts['username']}”不存在")
        if not user.is_active:
            raise CommandError(f"用户“{opts['username']}”已停用，不能使用 API 令牌")
        self.stdout.write(token_for(user, reset=opts["reset"]))
