"""Demo logins, one per role. Passwords are simple and documented: demo data only."""

from django.contrib.auth.models import User

from dangjian.accounts.models import RoleAssignment
from dangjian.orgs.models import CommitteeMember

# (username, password, role shown to people, org code, role, see full ID numbers, link to person: committee role)
LOGINS = [
    ("admin", "admin123", "系统管理员", None, None, True, None),
    ("jyj", "jyj123", "教育局党委工作人员", "JBJYJ", "bureau_officer", True, None),
    ("feilong", "feilong123", "飞龙中学党支部书记", "FLZX", "secretary", True, "secretary"),
    ("shiyan", "shiyan123", "江北区实验小学党支部书记", "JBSX", "secretary", True, "secretary"),
    ("kunshan", "kunshan123", "昆山市第二中学党总支书记", "KSEZ", "secretary", True, "secretary"),
    ("weiyuan", "weiyuan123", "飞龙中学党支部组织委员", "FLZX", "officer", False, "organization_officer"),
    ("dangyuan", "dangyuan123", "飞龙中学党员", "FLZX", "member", False, "member"),
]


def _person_for(org, post: str):
    """The holder of a committee post in the org's current term, or an ordinary member for 'member'."""
    from dangjian.orgs.selectors import current_committee

    term, posts = current_committee(org)
    if post != "member":
        return next((p.person for p in posts if p.role == post), None)
    on_committee = CommitteeMember.objects.filter(term=term).values("person_id")
    return (
        org.people.filter(status="full_member", on_roll=True, user__isnull=True)
        .exclude(id__in=on_committee)
        .order_by("id")
        .first()
    )


def create_logins(orgs: dict) -> list[dict]:
    """Create each login (an existing `admin` keeps its password); return rows for the printed table."""
    out = []
    for username, password, label, code, role, see_ids, post in LOGINS:
        org = orgs.get(code) if code else None
        person = _person_for(org, post) if org is not None and post else None
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(username=username, first_name=person.name if person else label, is_active=True)
            if role is None:
                user.is_superuser = user.is_staff = True
            user.set_password(password)
            user.save()
        if org is not None:
            RoleAssignment.objects.get_or_create(
                user=user, org=org, role=role, defaults={"can_see_id_numbers": see_ids}
            )
        if person is not None and person.user_id is None:
            person.user = user
            person.save(update_fields=["user"])
        out.append(
            {
                "username": username,
                "password": password if created else "（已存在，未修改）",
                "role": label,
                "org": org.name if org else "全部组织",
                "person": person.name if person else "",
            }
        )
    return out


def login_rows() -> list[dict]:
    """The documented logins, for printing when the demo data already exists."""
    return [
        {"username": u, "password": p, "role": label, "org": code or "全部组织", "person": ""}
        for u, p, label, code, *_ in LOGINS
    ]


def format_logins(rows: list[dict]) -> str:
    lines = ["演示账号（仅供演示，正式使用前请修改密码）：", "  用户名       密码            角色（范围）"]
    for r in rows:
        who = f"，{r['person']}" if r["person"] else ""
        lines.append(f"  {r['username']:<13}{r['password']:<16}{r['role']}（{r['org']}{who}）")
    return "\n".join(lines)
