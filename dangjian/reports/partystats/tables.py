"""The year-end tables as plain data (title, columns, rows, and the companion 说明/名单 sheet)."""

import dataclasses
import datetime
from collections import Counter, defaultdict

from dangjian.lib.office.dates import zh_date
from dangjian.orgs.models import BRANCH_KINDS, Org, OrgKind

from . import bands
from .facts import (
    DECREASE,
    INCREASE,
    History,
    conversions,
    installed,
    member_ids_on,
    members_on,
    orgs_under,
    row_orgs,
    year_end,
)

TOTAL = "合计"


@dataclasses.dataclass
class Table:
    sheet: str
    title: str
    columns: list[tuple[str | None, str]]  # (group over the column or None, column label)
    rows: list[list]
    notes_title: str = ""
    notes_columns: list[str] = dataclasses.field(default_factory=list)
    notes: list[list] = dataclasses.field(default_factory=list)
    remarks: list[str] = dataclasses.field(default_factory=list)
    first_label: str = "单位"


@dataclasses.dataclass
class Context:
    org: Org
    year: int
    on: datetime.date
    everything: list[Org]
    names: dict[int, str]
    members: list  # facts.Member on 12-31
    rows: list[Org]
    sets: dict[int, set[int]]  # row org id -> ids of its subtree

    row_of: dict[int, str]  # org id -> the name of the row org holding it

    def label(self, row: Org) -> str:
        return f"{row.name}（本级）" if row.id == self.org.id else row.name

    def org_of_row(self, org_id: int) -> list[str]:
        """The row labels a count of `org_id` goes to: 合计, and its row org when the table has row orgs."""
        row = self.row_of.get(org_id)
        return [TOTAL, row] if row else [TOTAL]


def context(org: Org, year: int) -> Context:
    on = year_end(year)
    everything = orgs_under(org)
    members = members_on(org, on)
    rows = row_orgs(org, everything, members)
    # the org's own row (本级) holds its own roll and its 党小组; a sub-organization's row its whole subtree
    sets = {
        o.id: ({o.id} | {x.id for x in everything if x.parent_id == o.id and x.kind == OrgKind.GROUP})
        if o.id == org.id
        else {x.id for x in everything if x.path.startswith(o.path)}
        for o in rows
    }
    ctx = Context(org, year, on, everything, {o.id: o.name for o in everything}, members, rows, sets, {})
    ctx.row_of = {x: ctx.label(o) for o in rows for x in sets[o.id]}
    return ctx


def _grid(ctx: Context) -> dict[str, Counter]:
    return {name: Counter() for name in [TOTAL] + [ctx.label(o) for o in ctx.rows]}


def _rows(ctx: Context, grid: dict[str, Counter], keys: list[str]) -> list[list]:
    return [[name] + [grid[name][k] for k in keys] for name in grid]


def _none_note(notes: list[list], width: int) -> list[list]:
    return notes or [["本表没有需要说明的问题"] + [""] * (width - 1)]


# ---------------------------------------------------------------- 第二表 党员基本情况
def basic(ctx: Context) -> Table:
    keys = ["党员总数", "女", "少数民族", "预备党员", "大专及以上"] + [b[0] for b in bands.AGE] + bands.JOBS
    grid = _grid(ctx)
    notes = []
    blank_post = Counter()
    for m in ctx.members:
        jb, why = bands.job(m.category, m.post)
        cells = ["党员总数", bands.age_band(m.birth_date, ctx.on), jb]
        cells += ["女"] if m.gender == "female" else []
        cells += ["少数民族"] if bands.is_minority(m.ethnicity) else []
        cells += ["预备党员"] if m.status_on == "probationary_member" else []
        cells += ["大专及以上"] if m.education in ("postgraduate", "bachelor", "college") else []
        for row in ctx.org_of_row(m.org_id):
            grid[row].update(c for c in cells if c)
        if why and m.post.strip():
            notes.append([m.name, ctx.names.get(m.org_id, ""), "职业", why])
        elif why:  # many people: one line per org rather than a name each
            blank_post[m.org_id] += 1
        if m.birth_date is None:
            notes.append([m.name, ctx.names.get(m.org_id, ""), "年龄", "出生日期未填写，未计入年龄分组"])
        if m.category == "student" and m.birth_date and bands.years_between(m.birth_date, ctx.on) > 55:
            notes.append([m.name, ctx.names.get(m.org_id, ""), "职业", "55岁以上计为学生"])
    for org_id, n in blank_post.items():
        notes.append([f"{n}名党员", ctx.names.get(org_id, ""), "职业", "工作岗位未填写，按专业技术人员（教师）统计"])
    cols = [(None, k) for k in keys[:5]] + [("年龄", b[0]) for b in bands.AGE] + [("职业", j) for j in bands.JOBS]
    return Table(
        "党员基本情况",
        "党员基本情况",
        cols,
        _rows(ctx, grid, keys),
        "党员基本情况需要说明的问题",
        ["姓名", "所在党组织", "项目", "说明"],
        _none_note(notes, 4),
        [
            "党员按12月31日组织关系所在的党组织统计，年龄按12月31日计算。",
            "职业：学校为事业单位，教师计为专业技术人员。",
        ],
    )


# ---------------------------------------------------------------- 第三表 入党时间
def joined(ctx: Context) -> Table:
    keys = ["党员总数"] + [p[0] for p in bands.JOIN_PERIODS]
    grid = _grid(ctx)
    notes = []
    for m in ctx.members:
        period = bands.join_period(m.join_date)
        for row in ctx.org_of_row(m.org_id):
            grid[row].update(["党员总数"] + ([period] if period else []))
        if period is None:
            notes.append([m.name, ctx.names.get(m.org_id, ""), "入党时间未填写，未计入分组"])
    cols = [(None, "党员总数")] + [("入党时间", p[0]) for p in bands.JOIN_PERIODS]
    return Table(
        "入党时间",
        "党员入党时间情况",
        cols,
        _rows(ctx, grid, keys),
        "入党时间需要说明的问题",
        ["姓名", "所在党组织", "说明"],
        _none_note(notes, 3),
    )


# ---------------------------------------------------------------- 第四表 学历
def education(ctx: Context) -> Table:
    keys = ["党员总数", "研究生", "博士", "硕士", "大学本科", "大学专科", "中专", "高中及以下", "大专及以上"]
    grid = _grid(ctx)
    notes = []
    labels = dict(bands.EDUCATION)
    for m in ctx.members:
        cells = ["党员总数"]
        if m.education in labels:
            cells.append(labels[m.education])
        else:
            notes.append([m.name, ctx.names.get(m.org_id, ""), "学历未填写，未计入分组"])
        if m.education == "postgraduate":
            if m.degree in ("doctor", "master"):
                cells.append("博士" if m.degree == "doctor" else "硕士")
            else:
                notes.append([m.name, ctx.names.get(m.org_id, ""), "研究生学历，学位未填写博士或硕士"])
        if m.education in ("postgraduate", "bachelor", "college"):
            cells.append("大专及以上")
        for row in ctx.org_of_row(m.org_id):
            grid[row].update(cells)
    cols = [
        (None, "党员总数"),
        ("研究生", "小计"),
        ("研究生", "博士"),
        ("研究生", "硕士"),
        (None, "大学本科"),
        (None, "大学专科"),
        (None, "中专"),
        (None, "高中及以下"),
        (None, "大专及以上"),
    ]
    return Table(
        "学历",
        "党员学历情况",
        cols,
        _rows(ctx, grid, keys),
        "学历需要说明的问题",
        ["姓名", "所在党组织", "说明"],
        _none_note(notes, 3),
    )


# ---------------------------------------------------------------- 第一表 两年党员数综合比较 (the check)
def comparison(ctx: Context, history: History, adm: list) -> Table:
    prev = members_on(ctx.org, year_end(ctx.year - 1))
    scopes = [(TOTAL, {o.id for o in ctx.everything})] + [(ctx.label(o), ctx.sets[o.id]) for o in ctx.rows]
    rows, notes = [], []
    for label, ids in scopes:
        moves = history.moves(ids, ctx.year)
        inc = Counter(m.kind for m in moves if m.kind in INCREASE)
        dec = Counter(m.kind for m in moves if m.kind in DECREASE)
        before = sum(1 for m in prev if m.org_id in ids)
        now = sum(1 for m in ctx.members if m.org_id in ids)
        diff = before + sum(inc.values()) - sum(dec.values()) - now
        rows.append(
            [
                label,
                before,
                sum(inc.values()),
                *[inc[k] for k in INCREASE],
                sum(dec.values()),
                *[dec[k] for k in DECREASE],
                now,
                "相符" if diff == 0 else f"相差{diff}",
            ]
        )
        if label == TOTAL:
            for m in moves:
                notes.append([m.kind, m.name, ctx.names.get(m.org_id, ""), zh_date(m.day), m.note])
            admitted = {a.person_id: a for a in adm}
            grown = {m.person_id: m for m in moves if m.kind == "发展"}
            for pid, m in grown.items():
                if pid not in admitted:
                    notes.append(
                        [
                            "说明",
                            m.name,
                            ctx.names.get(m.org_id, ""),
                            zh_date(m.day),
                            f"{ctx.year}年入党（支部大会），上级党组织批准不在{ctx.year}年，不计入本年发展党员数",
                        ]
                    )
            for pid, a in admitted.items():
                if pid not in grown:
                    notes.append(
                        [
                            "说明",
                            a.name,
                            ctx.names.get(a.org_id, ""),
                            zh_date(a.approved_on),
                            (
                                f"{ctx.year}年批准发展，入党时间（支部大会）{zh_date(a.join_date) or '未填写'}，"
                                "党员数按入党时间计入"
                            ),
                        ]
                    )
    cols = (
        [(None, "上年数")]
        + [("增加", "小计")]
        + [("增加", k) for k in INCREASE]
        + [("减少", "小计")]
        + [("减少", k) for k in DECREASE]
        + [(None, "本年数"), (None, "核对")]
    )
    return Table(
        "党员数量变化",
        "两年党员数综合比较",
        cols,
        rows,
        "党员数量变化名单",
        ["类别", "姓名", "党组织", "日期", "说明"],
        _none_note(notes, 5),
        [(f"上年数为{ctx.year - 1}年12月31日党员数，本年数为{ctx.year}年12月31日党员数；上年数＋增加－减少＝本年数。")]
        + (["下属党组织之间的调动在各党组织计为转入、转出，在合计中相互抵消。"] if ctx.rows else []),
    )


# ---------------------------------------------------------------- 发展党员（一）（二）
def development(ctx: Context, adm: list) -> list[Table]:
    one_keys = ["发展党员数", "女", "少数民族"] + [b[0] for b in bands.DEV_AGE]
    two_keys = ["发展党员数"] + [e[1] for e in bands.EDUCATION] + bands.JOBS
    g1, g2 = _grid(ctx), _grid(ctx)
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
        _rows(ctx, g1, one_keys),
        remarks=["发展党员按上级党组织批准日期计入年度，由批准的党组织统计。"],
    )
    t2 = Table(
        "发展党员（二）",
        "发展党员情况（二）",
        [(None, "发展党员数")] + [("学历", e[1]) for e in bands.EDUCATION] + [("职业", j) for j in bands.JOBS],
        _rows(ctx, g2, two_keys),
        notes_title="发展党员名单",
        notes_columns=["姓名", "所在党支部", "入党时间（支部大会）", "批准的党组织", "批准日期", "批准文号"],
        notes=_none_note(notes, 6),
    )
    return [t1, t2]


# ---------------------------------------------------------------- 预备党员转正
def conversion(ctx: Context) -> Table:
    keys = ["合计", "按期转正", "延长预备期", "取消预备党员资格"]
    names = {"convert": "按期转正", "extend": "延长预备期", "revoke": "取消预备党员资格"}
    grid = _grid(ctx)
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
        _rows(ctx, grid, keys),
        "预备党员转正名单",
        ["姓名", "所在党支部", "结果", "上级批准日期", "说明"],
        _none_note(notes, 5),
        ["按上级党组织审批日期计入年度。"],
    )


# ---------------------------------------------------------------- 民主评议
def appraisal(ctx: Context) -> Table:
    keys = ["年末党员数", "参加评议", "优秀", "合格", "基本合格", "不合格", "未评定", "限期改正", "劝退", "除名"]
    grid = _grid(ctx)
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
        _rows(ctx, grid, keys),
        "民主评议需要说明的问题",
        ["姓名", "党组织", "等次或处置", "日期"],
        _none_note(notes, 4),
        ["由组织评议的党组织统计；只统计已评定等次的评议。"],
    )


# ---------------------------------------------------------------- 党员培训
def training(ctx: Context) -> Table:
    from dangjian.learning import facts as learning_facts

    kinds = learning_facts.study_kinds()
    keys = ["参加培训党员", "参加培训人次"] + [label for _, label in kinds] + ["学时合计"]
    grid = _grid(ctx)
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
    rows = _rows(ctx, grid, keys)
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
        _none_note(notes, 2),
        ["按12月31日在册党员本年的学习培训记录统计，会议学习不计入。"],
    )


# ---------------------------------------------------------------- 出党
EXIT = ["开除党籍", "除名", "劝退", "退党", "其他"]


def exits(ctx: Context, history: History) -> Table:
    """出党 (and 停止党籍, listed) of the year: falls off the subtree's roll recorded as 出党, by type."""
    keys = ["出党合计"] + EXIT + ["停止党籍"]
    grid = _grid(ctx)
    notes = []
    moves = [m for m in history.moves({o.id for o in ctx.everything}, ctx.year) if m.kind in ("出党", "停止党籍")]
    decided = {}
    if installed("appraisal") and moves:
        from dangjian.appraisal.facts import exit_decisions

        decided = exit_decisions([m.person_id for m in moves])
    for m in moves:
        if m.kind == "停止党籍":
            kind = "停止党籍"
        elif "开除" in m.note:
            kind = "开除党籍"
        elif m.person_id in decided:
            kind = decided[m.person_id]
        elif "除名" in m.note or "脱党" in m.note:
            kind = "除名"
        elif "劝退" in m.note:
            kind = "劝退"
        elif "退党" in m.note:
            kind = "退党"
        else:
            kind = "其他"
        for row in ctx.org_of_row(m.org_id):
            grid[row].update([kind] if kind == "停止党籍" else ["出党合计", kind])
        notes.append([m.name, ctx.names.get(m.org_id, ""), kind, zh_date(m.day), m.note])
    cols = [(None, "出党合计")] + [("出党方式", k) for k in EXIT] + [(None, "停止党籍")]
    return Table(
        "出党",
        "党员出党情况",
        cols,
        _rows(ctx, grid, keys),
        "出党和停止党籍名单",
        ["姓名", "原所在党组织", "类别", "日期", "说明"],
        _none_note(notes, 5),
        ["按作出决定的党组织统计，日期为离开党员队伍之日。"],
    )


# ---------------------------------------------------------------- 党内表彰
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
        _none_note(notes, 7),
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
        _none_note(notes, 2),
        remarks,
        first_label="类别",
    )
