"""dangjian user create|role|reset|deactivate|activate … — the administrator manages logins at the console.

Runs with the administrator's authority (it is the server's console); every action is in the audit log
with no actor and "via": "cli". Initial passwords are printed once and stored nowhere.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangjian.accounts import services
from dangjian.accounts.authority import CONSOLE, ROLE_ZH
from dangjian.accounts.models import Role, RoleAssignment
from dangjian.members.models import Person
from dangjian.orgs.models import Org
from dangjian.orgs.selectors import subtree_ids

ROLE_HELP = "角色：" + "，".join(f"{k}={v}" for k, v in ROLE_ZH.items())


class Command(BaseCommand):
    help = "管理登录账号：create 开通（单个或 --from-roster 批量）、role 设置/撤销角色、reset 重置密码、deactivate 停用、activate 启用"
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", metavar="create|role|reset|deactivate|activate", required=True)
        c = sub.add_parser("create", help="开通账号，打印用户名和初始密码（只显示这一次）")
        c.add_argument("name", nargs="?", default="", help="姓名（--from-roster 时不填）")
        c.add_argument("--org", required=True, help="组织代码")
        c.add_argument("--role", default=Role.MEMBER, choices=Role.values, help=ROLE_HELP)
        c.add_argument("--username", default="", help="用户名（不填则按姓名拼音生成，重名加数字）")
        c.add_argument("--person", type=int, help="花名册人员 id：账号与该人员关联")
        c.add_argument("--see-ids", action="store_true", help="可查看完整身份证号")
        c.add_argument(
            "--from-roster", action="store_true", help="为该组织（含下级）在册且尚无账号的全部人员开通（党员角色）"
        )
        c.add_argument("--pdf", help="同时把账号通知单写入该 PDF 文件")
        r = sub.add_parser("role", help="设置（或 --revoke 撤销）角色")
        r.add_argument("username")
        r.add_argument("--org", required=True, help="组织代码")
        r.add_argument("--role", required=True, choices=Role.values, help=ROLE_HELP)
        r.add_argument("--see-ids", action="store_true", help="可查看完整身份证号")
        r.add_argument("--revoke", action="store_true", help="撤销该角色")
        for name, text in (
            ("reset", "重置密码，打印新的初始密码"),
            ("deactivate", "停用账号（记录保留）"),
            ("activate", "重新启用账号"),
        ):
            p = sub.add_parser(name, help=text)
            p.add_argument("username")

    def handle(self, *args, **opts):
        try:
            getattr(self, "do_" + opts["action"])(opts)
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError("；".join(getattr(exc, "messages", None) or [str(exc)])) from exc

    # ---- lookups ----

    def _org(self, code) -> Org:
        org = Org.objects.filter(code=code).first()
        if org is None:
            raise CommandError(f"组织代码“{code}”不存在")
        return org

    def _user(self, username):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户“{username}”不存在")
        return user

    def _print_rows(self, rows):
        self.stdout.write("姓名\t用户名\t初始密码（只显示这一次，首次登录须修改）")
        for r in rows:
            self.stdout.write(f"{r['name']}\t{r['username']}\t{r['password']}")

    # ---- actions ----

    def do_create(self, opts):
        org = self._org(opts["org"])
        if opts["from_roster"]:
            if opts["name"] or opts["person"]:
                raise CommandError("--from-roster 时不填姓名和 --person")
            people = list(
                Person.objects.filter(org_id__in=subtree_ids(org), on_roll=True, user__isnull=True)
                .select_related("org")
                .order_by("stroke_key", "id")
            )
            if not people:
                raise CommandError(f"{org.name}没有在册且尚无账号的人员")
            rows = services.users_create_from_roster(actor=CONSOLE, people=people, role=opts["role"])
        else:
            person = None
            if opts["person"] is not None:
                person = Person.objects.filter(pk=opts["person"]).select_related("org", "user").first()
                if person is None:
                    raise CommandError(f"人员 id {opts['person']} 不存在")
            name = opts["name"] or (person.name if person else "")
            if not name:
                raise CommandError("请填写姓名（或用 --person 指定花名册人员，或用 --from-roster 批量开通）")
            user, password = services.user_create(
                actor=CONSOLE,
                name=name,
                org=org,
                role=opts["role"],
                person=person,
                username=opts["username"],
                can_see_id_numbers=opts["see_ids"],
            )
            rows = [{"name": name, "username": user.username, "password": password, "org": org}]
        self._print_rows(rows)
        if opts["pdf"]:
            self._write_pdf(opts["pdf"], rows)

    def _write_pdf(self, path, rows):
        from django.template.loader import render_to_string
        from weasyprint import HTML

        from dangjian.lib import clock

        html = render_to_string("accounts/slips_pdf.html", {"rows": rows, "login_url": "", "today": clock.today()})
        with open(path, "wb") as fh:
            fh.write(HTML(string=html).write_pdf())
        self.stderr.write(f"账号通知单已写入 {path}")

    def do_role(self, opts):
        user, org = self._user(opts["username"]), self._org(opts["org"])
        if opts["revoke"]:
            ra = (
                RoleAssignment.objects.filter(user=user, org=org, role=opts["role"])
                .select_related("org", "user")
                .first()
            )
            if ra is None:
                raise CommandError(f"{user.username}在{org.name}没有“{ROLE_ZH[opts['role']]}”角色")
            services.role_revoke(actor=CONSOLE, assignment=ra)
            self.stdout.write(f"已撤销：{user.username} {org.name} {ROLE_ZH[opts['role']]}")
        else:
            services.role_grant(
                actor=CONSOLE, user=user, org=org, role=opts["role"], can_see_id_numbers=opts["see_ids"]
            )
            self.stdout.write(f"已设置：{user.username} {org.name} {ROLE_ZH[opts['role']]}")

    def do_reset(self, opts):
        user = self._user(opts["username"])
        password = services.password_reset(actor=CONSOLE, user=user)
        self._print_rows(
            [{"name": user.get_full_name() or user.username, "username": user.username, "password": password}]
        )

    def do_deactivate(self, opts):
        user = self._user(opts["username"])
        services.user_deactivate(actor=CONSOLE, user=user)
        self.stdout.write(f"已停用：{user.username}（记录全部保留，可用 dangjian user activate 重新启用）")

    def do_activate(self, opts):
        user = self._user(opts["username"])
        services.user_reactivate(actor=CONSOLE, user=user)
        self.stdout.write(f"已启用：{user.username}")
