"""The tables that count the year's work: 发展党员, 预备党员转正, 民主评议, 培训, 党内表彰 and 党组织情况."""

from collections import Counter, defaultdict

from dangjian.lib.office.dates import zh_date
from dangjian.orgs.models import BRANCH_KINDS, OrgKind

from . import bands
from .facts import (
    conversions,
    installed,
    member_ids_on,
)
from .sheet import TOTAL, Context, Table, grid_rows, new_grid, none_note


def development(ctx: Context, adm: list) -> list[Table]:
    one_keys = ["发展党员数", "女", "少数民族"] + [b[0] for b in bands.DEV_AGE]
    two_keys = ["发展党员数"] + [e[1] for e in bands.EDUCATION] + bands.JOBS
    g1, g2 = new_grid(ctx), new_grid(ctx)
    notes = []
    labels = dict(bands.EDUCATION)
    for a in adm:
        at = a.join_date or a.approved_on
        c1 = ["发展党员数", bands.age_band(a.birth_date, at, bands.DEV_AGE)]
        c1 += ["女"] if a.gender == "female" else []
        c1 += ["少数民族"] if bands.is_minority(a.ethnicity) else []
        jb, _ = bands.job(a.category, a.post)
        c2 = ["发展党员数", labels.get(a.education), jb]
        for row in ctx.org_of_row(a.org_id):
            g1[row].update(c for c in c1 if c)
            g2[row].update(c for c in c2 if c)
        if a.approver:
            notes.append(
                [
                    a.name,
                    ctx.names.get(a.org_id, ""),
                    zh_date(a.join_date),
                    a.approver,
                    zh_date(a.approved_on),
                    a.approval_no,
                ]
            )
        else:  # recorded on the roster only: no approval on file, counted by the 入党时间
            notes.append(
                [a.name, ctx.names.get(a.org_id, ""), zh_date(a.join_date), "未登记审批，按入党时间计入", "", ""]
            )
    t1 = Table(
        "发展党员（一）",
        "发展党员情况（一）",
        [(None, k) for k in one_keys[:3]] + [("入党时年龄", b[0]) for b in bands.DEV_AGE],
        grid_rows(ctx, g1, one_keys),
        remarks=["发展党员按上级党组织批准日期计入年度，由批准的党组织统计。"],
    )
    t2 = Table(
        "发展党员（二）",
        "发展党员情况（二）",
        [(None, "发展党员数")] + [("学历", e[1]) for e in bands.EDUCATION] + [("职业", j) for j in bands.JOBS],
        grid_rows(ctx, g2, two_keys),
        notes_title="发展党员名单",
        notes_columns=["姓名", "所在党支部", "入党时间（支部大会）", "批准的党组织", "批准日期", "批准文号"],
        notes=none_note(notes, 6),
    )
    return [t1, t2]


# ---------------------------------------------------------------- 预备党员转正
def conversion(ctx: Context) -> Table:
    keys = ["合计", "按期转正", "延长预备期", "取消预备党员资格"]
    names = {"convert": "按期转正", "extend": "延长预备期", "revoke": "取消预备党员资格"}
    grid = new_grid(ctx)
    notes = []
    for c in conversions(ctx.org, ctx.year):
        label = names.get(c.outcome, "按期转正")
        for row in ctx.org_of_row(c.org_id):
            grid[row].update(["合计", label])
        notes.append([c.name, ctx.names.get(c.org_id, ""), label, zh_date(c.approved_on), c.note])
    return Table(
        "预备党员转正",
        "预备党员转正情况",
        [(None, k) for k in keys],
        grid_rows(ctx, grid, keys),
        "预备党员转正名单",
        ["姓名", "所在党支部", "结果", "上级批准日期", "说明"],
        none_note(notes, 5),
        ["按上级党组织审批日期计入年度。"],
    )


# ---------------------------------------------------------------- 民主评议
def appraisal(ctx: Context) -> Table:
    keys = ["年末党员数", "参加评议", "优秀", "合格", "基本合格", "不合格", "未评定", "限期改正", "劝退", "除名"]
    grid = new_grid(ctx)
    for m in ctx.members:
        for row in ctx.org_of_row(m.org_id):
            grid[row]["年末党员数"] += 1
    notes = []
    if installed("appraisal"):
        from dangjian.appraisal import facts as appraisal_facts

        labels = appraisal_facts.GRADE_LABELS
        sub = [o.id for o in ctx.everything]
        for org_id, name, grade in appraisal_facts.grades(sub, ctx.year):
            label = labels.get(grade, "未评定")
            for row in ctx.org_of_row(org_id):
                grid[row].update(["参加评议", label])
            if grade in ("basically_qualified", "unqualified") or not grade:
                notes.append([name, ctx.names.get(org_id, ""), label, ""])
        for org_id, name, step, day in appraisal_facts.follow_ups(sub, ctx.year):
            for row in ctx.org_of_row(org_id):
                grid[row][step] += 1
            notes.append([name, ctx.names.get(org_id, ""), step, zh_date(day)])
        held = appraisal_facts.held_org_ids(sub, ctx.year)
        for o in ctx.everything:
            if o.kind in BRANCH_KINDS and o.id not in held:
                notes.append(["", o.name, f"{ctx.year}年未完成民主评议（未评定等次）", ""])
    cols = (
        [(None, "年末党员数"), (None, "参加评议党员")]
        + [("评定等次", k) for k in keys[2:7]]
        + [("对不合格党员的处置", k) for k in keys[7:]]
    )
    return Table(
        "民主评议",
        "民主评议党员情况",
        cols,
        grid_rows(ctx, grid, keys),
        "民主评议需要说明的问题",
        ["姓名", "党组织", "等次或处置", "日期"],
        none_note(notes, 4),
        ["由组织评议的党组织统计；只统计已评定等次的评议。"],
    )


# ---------------------------------------------------------------- 党员培训
def training(ctx: Context) -> Table:
    from dangjian.learning import facts as learning_facts

    kinds = learning_facts.study_kinds()
    keys = ["参加培训党员", "参加培训人次"] + [label for _, label in kinds] + ["学时合计"]
    grid = new_grid(ctx)
    notes = []
    if installed("learning"):
        on_roll = {m.id: m.org_id for m in ctx.members}
        labels = dict(kinds)
        people: dict[str, set] = defaultdict(set)
        for pid, kind, hours in learning_facts.training(member_ids_on(ctx.org, ctx.on), ctx.year):
            for row in ctx.org_of_row(on_roll[pid]):
                grid[row].update(["参加培训人次", labels.get(kind, kind)])
                grid[row]["学时合计"] += hours
                people[row].add(pid)
        for row, ids in people.items():
            grid[row]["参加培训党员"] = len(ids)
        for o in ctx.rows:
            if not grid[ctx.label(o)]["参加培训人次"]:
                notes.append([ctx.label(o), f"{ctx.year}年没有党员参加培训的记录"])
    rows = grid_rows(ctx, grid, keys)
    for r in rows:
        r[-1] = float(r[-1]) if r[-1] else 0
    cols = (
        [(None, "参加培训党员"), (None, "参加培训人次")]
        + [("按培训方式", label) for _, label in kinds]
        + [(None, "学时合计")]
    )
    return Table(
        "党员培训",
        "党员培训情况",
        cols,
        rows,
        "党员培训需要说明的问题",
        ["党组织", "说明"],
        none_note(notes, 2),
        ["按12月31日在册党员本年的学习培训记录统计，会议学习不计入。"],
    )


# ---------------------------------------------------------------- 出党
HONOUR_KINDS = ["先进基层党组织", "优秀共产党员", "优秀党务工作者", "其他"]


def honour_kind(title: str, collective: bool) -> str:
    if collective:
        return "先进基层党组织" if "党" in title and ("组织" in title or "支部" in title or "党委" in title) else "其他"
    if "党务工作者" in title:
        return "优秀党务工作者"
    if "共产党员" in title or "党员" in title:
        return "优秀共产党员"
    return "其他"


def honours(ctx: Context) -> Table:
    from dangjian.plans.facts import honour_levels, honour_rows

    levels = honour_levels()
    keys = [(k, lv) for k in HONOUR_KINDS for lv in [TOTAL] + [x[1] for x in levels]]
    table = {k: Counter() for k in HONOUR_KINDS}
    notes = []
    labels = dict(levels)
    for title, level, person, org_name, day, by in honour_rows([o.id for o in ctx.everything], ctx.year):
        kind = honour_kind(title, person is None)
        table[kind].update([TOTAL, labels.get(level, level)])
        notes.append([kind, person or org_name, org_name, title, labels.get(level, level), by or "", zh_date(day)])
    rows = [[k] + [table[k][lv] for lv in [TOTAL] + [x[1] for x in levels]] for k in HONOUR_KINDS]
    rows.insert(0, [TOTAL] + [sum(table[k][lv] for k in HONOUR_KINDS) for lv in [TOTAL] + [x[1] for x in levels]])
    del keys
    return Table(
        "党内表彰",
        "党内表彰情况",
        [(None, TOTAL)] + [("按授予级别", x[1]) for x in levels],
        rows,
        "党内表彰名单",
        ["类别", "受表彰的党组织或个人", "所在党组织", "荣誉名称", "级别", "授予单位", "授予日期"],
        none_note(notes, 7),
        ["按授予日期计入年度；校级为学校党组织授予。"],
        first_label="项目",
    )


# ---------------------------------------------------------------- 党组织情况
def organizations(ctx: Context) -> Table:
    from dangjian.orgs.facts import committee_terms

    kinds = [
        ("基层党委", [OrgKind.COMMITTEE, OrgKind.LEADING_GROUP]),
        ("党总支", [OrgKind.GENERAL_BRANCH]),
        ("党支部", list(BRANCH_KINDS)),
    ]
    keys = ["个数", "本年新建", "已配备书记", "本年应换届", "本年已换届", "任期届满未换届"]
    exists = [
        o
        for o in ctx.everything
        if o.kind != OrgKind.GROUP and o.is_active and (o.established_on is None or o.established_on <= ctx.on)
    ]
    terms = defaultdict(list, committee_terms([o.id for o in exists]))
    notes = []
    rows = []
    total = Counter()
    for label, ks in kinds:
        c = Counter()
        for o in (x for x in exists if x.kind in ks):
            c["个数"] += 1
            if o.established_on and o.established_on.year == ctx.year:
                c["本年新建"] += 1
            current = [t for t in terms[o.id] if t.started_on <= ctx.on and (t.ended_on is None or t.ended_on > ctx.on)]
            current.sort(key=lambda t: t.started_on)
            term = current[-1] if current else None
            if term and term.has_secretary:
                c["已配备书记"] += 1
            else:
                notes.append([o.name, "未配备书记" if term else "没有现任委员会（任期）记录"])
            if any(t.ends_on.year == ctx.year for t in terms[o.id]):
                c["本年应换届"] += 1
            if any(t.started_on.year == ctx.year for t in terms[o.id]) and len(terms[o.id]) > 1:
                c["本年已换届"] += 1
            if term and term.ends_on < ctx.on:
                c["任期届满未换届"] += 1
                notes.append([o.name, f"任期已于{zh_date(term.ends_on)}届满，尚未换届"])
        if ks == list(BRANCH_KINDS):
            c["其中联合党支部"] = sum(1 for x in exists if x.kind == OrgKind.JOINT_BRANCH)
        total.update({k: v for k, v in c.items() if k in keys})
        rows.append([label] + [c[k] for k in keys])
    rows.insert(0, [TOTAL] + [total[k] for k in keys])
    joint = sum(1 for x in exists if x.kind == OrgKind.JOINT_BRANCH)
    remarks = ["党组织按12月31日已成立的统计。"] + ([f"党支部中联合党支部{joint}个。"] if joint else [])
    return Table(
        "党组织情况",
        "党组织情况",
        [(None, k) for k in keys],
        rows,
        "党组织需要说明的问题",
        ["党组织", "说明"],
        none_note(notes, 2),
        remarks,
        first_label="类别",
    )
