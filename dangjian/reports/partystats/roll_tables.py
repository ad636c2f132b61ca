"""The tables that count the roll: 两年党员数综合比较 (第一表), 党员基本情况, 入党时间, 学历, and 出党."""

from collections import Counter

from dangjian.lib.office.dates import zh_date

from . import bands
from .facts import (
    DECREASE,
    INCREASE,
    History,
    installed,
    members_on,
    year_end,
)
from .sheet import TOTAL, Context, Table, grid_rows, new_grid, none_note


# ---------------------------------------------------------------- 第二表 党员基本情况
def basic(ctx: Context) -> Table:
    keys = ["党员总数", "女", "少数民族", "预备党员", "大专及以上"] + [b[0] for b in bands.AGE] + bands.JOBS
    grid = new_grid(ctx)
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
        grid_rows(ctx, grid, keys),
        "党员基本情况需要说明的问题",
        ["姓名", "所在党组织", "项目", "说明"],
        none_note(notes, 4),
        [
            "党员按12月31日组织关系所在的党组织统计，年龄按12月31日计算。",
            "职业：学校为事业单位，教师计为专业技术人员。",
        ],
    )


# ---------------------------------------------------------------- 第三表 入党时间
def joined(ctx: Context) -> Table:
    keys = ["党员总数"] + [p[0] for p in bands.JOIN_PERIODS]
    grid = new_grid(ctx)
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
        grid_rows(ctx, grid, keys),
        "入党时间需要说明的问题",
        ["姓名", "所在党组织", "说明"],
        none_note(notes, 3),
    )


# ---------------------------------------------------------------- 第四表 学历
def education(ctx: Context) -> Table:
    keys = ["党员总数", "研究生", "博士", "硕士", "大学本科", "大学专科", "中专", "高中及以下", "大专及以上"]
    grid = new_grid(ctx)
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
        grid_rows(ctx, grid, keys),
        "学历需要说明的问题",
        ["姓名", "所在党组织", "说明"],
        none_note(notes, 3),
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
        none_note(notes, 5),
        [(f"上年数为{ctx.year - 1}年12月31日党员数，本年数为{ctx.year}年12月31日党员数；上年数＋增加－减少＝本年数。")]
        + (["下属党组织之间的调动在各党组织计为转入、转出，在合计中相互抵消。"] if ctx.rows else []),
    )


# ---------------------------------------------------------------- 发展党员（一）（二）
EXIT = ["开除党籍", "除名", "劝退", "退党", "其他"]


def exits(ctx: Context, history: History) -> Table:
    """出党 (and 停止党籍, listed) of the year: falls off the subtree's roll recorded as 出党, by type."""
    keys = ["出党合计"] + EXIT + ["停止党籍"]
    grid = new_grid(ctx)
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
        grid_rows(ctx, grid, keys),
        "出党和停止党籍名单",
        ["姓名", "原所在党组织", "类别", "日期", "说明"],
        none_note(notes, 5),
        ["按作出决定的党组织统计，日期为离开党员队伍之日。"],
    )


# ---------------------------------------------------------------- 党内表彰
