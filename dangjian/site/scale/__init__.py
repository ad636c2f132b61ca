"""Benchmark-scale synthetic data: a city education system (`dangjian scale-data`).

Everything is written with bulk_create in one transaction; no per-row audit, one AuditEvent
"scale.generate" on the root instead. The people are synthetic (checksum-valid IDs, not real people).
"""

import datetime
import random
import time
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.accounts.models import RoleAssignment
from dangjian.core import audit
from dangjian.lib import clock
from dangjian.members.models import Person
from dangjian.members.roll import open_missing_spans
from dangjian.orgs.models import CommitteeMember, CommitteeTerm, Org
from dangjian.rules.periods import add_years

from . import tree
from .people import PeopleMaker

BATCH = 2000
PASSWORD = "pw-scale"


@dataclass
class Summary:
    root: Org
    orgs: int
    branches: int
    people: int
    terms: int
    users: list[tuple[str, str]]  # (username, role description)
    seconds: float


def _areas(n: int) -> list[str]:
    """Synthetic 6-digit area codes, one per district (format-valid; not tied to real places)."""
    return [f"37{(n_ + 11) % 90 + 10:02d}{(n_ * 7) % 90 + 10:02d}" for n_ in range(n)]


def _committees(rng, branch_nodes, full: dict[int, list], today) -> int:
    """A current committee (书记、组织委员、宣传委员) for each branch with 7+ full members (BR-02)."""
    terms, posts = [], []
    for node in branch_nodes:
        count, first = full.get(node.org.pk, (0, []))
        if count < 7:
            continue
        start = today - datetime.timedelta(days=rng.randint(30, 1000))
        terms.append((CommitteeTerm(org=node.org, started_on=start, ends_on=add_years(start, 3)), first))
    CommitteeTerm.objects.bulk_create([t for t, _ in terms], batch_size=BATCH)
    for term, people in terms:
        for person, role in zip(people, ["secretary", "organization_officer", "publicity_officer"]):
            posts.append(CommitteeMember(term=term, person=person, role=role))
    CommitteeMember.objects.bulk_create(posts, batch_size=BATCH)
    return len(terms)


def _users(root: Org, district: Org, branch: Org, member: Person | None, prefix: str) -> list[tuple[str, str]]:
    hashed = make_password(PASSWORD)
    p = prefix.lower()
    plan = [
        (f"{p}-city", root, "bureau_officer", True, "教育工委工作人员（全市）"),
        (f"{p}-district", district, "bureau_officer", False, f"{district.name}工作人员"),
        (f"{p}-secretary", branch, "secretary", False, f"{branch.name}书记"),
        (f"{p}-member", branch, "member", False, f"{branch.name}党员"),
    ]
    out = []
    for username, org, role, see_ids, label in plan:
        user = User.objects.create(username=username, password=hashed, first_name=label[:150])
        RoleAssignment.objects.create(user=user, org=org, role=role, can_see_id_numbers=see_ids)
        if role == "member" and member is not None:
            Person.objects.filter(pk=member.pk).update(user=user)
        out.append((username, label))
    return out


def generate(
    *,
    branches: int,
    members: int,
    seed: int = 2026,
    prefix: str = "SC",
    city: str = "临江市",
    today: datetime.date | None = None,
    progress=None,
) -> Summary:
    if branches < 1 or members < 0:
        raise ValidationError("支部数至少为 1，人数不能为负数")
    if Org.objects.filter(code=prefix).exists() or Org.objects.filter(code__startswith=f"{prefix}-").exists():
        raise ValidationError(f"组织代码前缀“{prefix}”已被使用，请用 --prefix 换一个")
    if User.objects.filter(username__startswith=f"{prefix.lower()}-").exists():
        raise ValidationError(f"用户名前缀“{prefix.lower()}-”已被使用，请用 --prefix 换一个")
    started = time.monotonic()
    today = today or clock.today()
    rng = random.Random(seed)
    say = progress or (lambda msg: None)
    with transaction.atomic():
        root, branch_nodes = tree.plan(rng, branches=branches, prefix=prefix, city=city)
        tree.allocate(members, branch_nodes, rng)
        groups = {id(n): tree.add_groups(rng, n) for n in branch_nodes}
        all_orgs = tree.insert(root)
        say(f"组织 {len(all_orgs)} 个（支部 {len(branch_nodes)} 个）")

        districts = [c for c in root.children]
        area_of = {id(d): a for d, a in zip(districts, _areas(len(districts)))}
        taken = set(Person.objects.exclude(id_number="").values_list("id_number", flat=True))
        maker = PeopleMaker(rng, today=today, taken_ids=taken, area_codes=list(area_of.values()))
        full: dict[int, list] = {}  # branch id -> [count of full members on the roll, first three of them]
        first_person = None
        buffer: list[Person] = []
        total = 0
        for node in branch_nodes:
            district = node.parent if node.parent.parent is root else node.parent.parent
            gs = [g.org for g in groups[id(node)]]
            for i in range(node.members):
                group = gs[i % len(gs)] if gs and rng.random() < 0.9 else None
                person = maker.person(node.org, retired=node.org.is_retiree, area=area_of[id(district)], group=group)
                buffer.append(person)
                first_person = first_person or person
                if person.status == "full_member" and person.on_roll:
                    entry = full.setdefault(node.org.pk, [0, []])
                    entry[0] += 1
                    if len(entry[1]) < 3:
                        entry[1].append(person)
            if len(buffer) >= BATCH:
                Person.objects.bulk_create(buffer, batch_size=BATCH)
                total += len(buffer)
                buffer = []
        Person.objects.bulk_create(buffer, batch_size=BATCH)
        total += len(buffer)
        say(f"人员 {total} 人")
        open_missing_spans()  # each person's stretch on the roll (members/roll.py)
        terms = _committees(rng, branch_nodes, full, today)
        first = branch_nodes[0]
        member = first_person if first_person is not None and first_person.org_id == first.org.pk else None
        users = _users(root.org, districts[0].org, first.org, member, prefix)
        seconds = round(time.monotonic() - started, 1)
        audit.record(
            actor=None,
            org=root.org,
            kind="scale.generate",
            subject=root.org,
            data={
                "branches": len(branch_nodes),
                "orgs": len(all_orgs),
                "people": total,
                "seed": seed,
                "seconds": seconds,
            },
        )
    return Summary(
        root=root.org,
        orgs=len(all_orgs),
        branches=len(branch_nodes),
        people=total,
        terms=terms,
        users=users,
        seconds=seconds,
    )
