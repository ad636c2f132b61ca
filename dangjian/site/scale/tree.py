"""The org tree of a city education system: 教育工委 → district bureaus → schools → branches → groups.

Orgs are planned in memory, then inserted one depth level at a time with bulk_create (so each level
knows its parents' ids), and path/depth/bureau are written with one bulk_update at the end.
"""

import datetime
import random
from dataclasses import dataclass, field

from dangjian.orgs.models import Org

from . import pools


@dataclass
class Planned:
    org: Org
    parent: "Planned | None" = None
    children: list = field(default_factory=list)
    weight: float = 0.0  # share of members, for branches
    members: int = 0

    def add(self, org: Org, **kw) -> "Planned":
        child = Planned(org=org, parent=self, **kw)
        self.children.append(child)
        return child


def _org(kind, name, code, unit="", short="", retiree=False, est=None, order=0) -> Org:
    return Org(
        kind=kind,
        name=name,
        short_name=short,
        code=code,
        unit=unit,
        is_retiree=retiree,
        established_on=est,
        sort_order=order,
    )


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """total split into parts roughly equal shares (±25%), each at least 1 when total allows."""
    weights = [rng.uniform(0.75, 1.25) for _ in range(parts)]
    s = sum(weights)
    out = [max(1, int(total * w / s)) for w in weights]
    i = 0
    while sum(out) < total:
        out[i % parts] += 1
        i += 1
    while sum(out) > total:
        j = max(range(parts), key=lambda k: out[k])
        out[j] -= 1
    return out


def _est(rng: random.Random) -> datetime.date:
    return datetime.date(rng.randint(1978, 2022), rng.randint(1, 12), 1)


def plan(rng: random.Random, *, branches: int, prefix: str, city: str) -> tuple[Planned, list[Planned]]:
    """Return the root and the list of branch nodes (kinds branch / joint_branch)."""
    root = Planned(
        org=_org(
            "committee",
            f"{city}教育工委",
            prefix,
            unit=f"{city}教育局",
            short="教育工委",
            est=datetime.date(1984, 7, 1),
        )
    )
    n_districts = max(1, min(len(pools.DISTRICTS), round(branches / 125)))
    out: list[Planned] = []
    for d, quota in enumerate(_split(branches, n_districts, rng), start=1):
        dname = pools.DISTRICTS[d - 1]
        dcode = f"{prefix}-D{d:02d}"
        district = root.add(
            _org(
                "committee",
                f"{city}{dname}教育局党委",
                dcode,
                unit=f"{dname}教育局",
                short=f"{dname}教育局党委",
                est=_est(rng),
                order=d,
            )
        )
        # The bureau's own office branch (机关党支部) first.
        out.append(
            district.add(
                _org("branch", f"{dname}教育局机关党支部", f"{dcode}-JG", unit=f"{dname}教育局", est=_est(rng)),
                weight=0.8,
            )
        )
        quota -= 1
        used: set[str] = set()
        s = 0
        while quota > 0:
            s += 1
            kind_name = pools.weighted(rng, pools.SCHOOL_KINDS)
            stem = rng.choice(pools.SCHOOL_STEMS)
            school = f"{dname}{stem}{kind_name}"
            if school in used:
                school = f"{dname}第{s}{kind_name}"
            used.add(school)
            scode = f"{dcode}-S{s:03d}"
            big = kind_name in ("中学", "高级中学", "职业技术学校")
            if quota >= 3 and rng.random() < (0.45 if big else 0.12):
                k = min(quota, rng.randint(3, 5))
                general = district.add(
                    _org("general_branch", f"{school}党总支", scode, unit=school, est=_est(rng), order=s)
                )
                for b in range(1, k + 1):
                    retiree = b == k and rng.random() < 0.6
                    label = "退休教师党支部" if retiree else f"第{'一二三四五六七八九'[b - 1]}党支部"
                    out.append(
                        general.add(
                            _org(
                                "branch",
                                f"{school}{label}",
                                f"{scode}-B{b}",
                                unit=school,
                                retiree=retiree,
                                est=_est(rng),
                                order=b,
                            ),
                            weight=rng.uniform(1.1, 1.8) if retiree else rng.uniform(0.9, 1.5),
                        )
                    )
                quota -= k
            else:
                joint = kind_name == "幼儿园" and rng.random() < 0.3
                kind = "joint_branch" if joint else "branch"
                name = f"{school}等{rng.randint(2, 4)}校联合党支部" if joint else f"{school}党支部"
                out.append(
                    district.add(
                        _org(kind, name, scode, unit=school, est=_est(rng), order=s),
                        weight=rng.uniform(0.4, 1.4) * (1.5 if big else 1.0),
                    )
                )
                quota -= 1
    return root, out


def add_groups(rng: random.Random, branch: Planned) -> list[Planned]:
    """Branches of 30+ members get 2–4 党小组."""
    if branch.members < 30:
        return []
    n = min(4, max(2, branch.members // 15))
    return [
        branch.add(
            _org("group", f"第{'一二三四'[i]}党小组", f"{branch.org.code}-G{i + 1}", unit=branch.org.unit, order=i + 1)
        )
        for i in range(n)
    ]


def allocate(total: int, nodes: list[Planned], rng: random.Random) -> None:
    """Spread total members over branches in proportion to their weights (sizes vary like real ones)."""
    weights = [n.weight * rng.lognormvariate(0, 0.35) for n in nodes]
    s = sum(weights) or 1.0
    counts = [int(total * w / s) for w in weights]
    rest = total - sum(counts)
    order = sorted(range(len(nodes)), key=lambda i: -weights[i])
    for i in range(rest):
        counts[order[i % len(order)]] += 1
    for node, c in zip(nodes, counts):
        node.members = c


def insert(root: Planned) -> list[Org]:
    """Insert level by level; then write path, depth and bureau (= the root) for every org."""
    level, all_orgs = [root], []
    depth = 0
    while level:
        for node in level:
            node.org.parent_id = node.parent.org.pk if node.parent else None
        Org.objects.bulk_create([n.org for n in level], batch_size=1000)
        for node in level:
            node.org.path = (node.parent.org.path if node.parent else "/") + f"{node.org.pk}/"
            node.org.depth = depth
            all_orgs.append(node.org)
        level = [c for n in level for c in n.children]
        depth += 1
    for org in all_orgs:
        org.bureau_id = root.org.pk
    Org.objects.bulk_update(all_orgs, ["path", "depth", "bureau"], batch_size=500)
    return all_orgs
