"""The figures behind each report, as (title, subtitle, headers, rows, totals row, paragraphs)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from dangjian.lib.office.dates import zh_date
from dangjian.members.models import Person

from ..models import DuesCharge, DuesPayment, DuesReconciliation
from ..selectors import annual_summary, annual_total, ledger, monthly_rows
from ..selectors._common import cents, subtree


@dataclass
class Report:
    title: str
    subtitle: str
    headers: list
    rows: list
    totals: list | None = None
    paragraphs: list = field(default_factory=list)
    footer: str = ""
    signature: tuple | None = None  # 落款 (org name, date) of a notice


def monthly(org, month: datetime.date, today) -> Report:
    t = monthly_rows(org, month)
    rows = [
        [
            i,
            r.name,
            r.org.short_name or r.org.name,
            r.base,
            r.charged,
            r.paid,
            r.paid_on.isoformat() if r.paid_on else "",
            r.method_zh,
            r.receipt_no or "",
        ]
        for i, r in enumerate(t["rows"], 1)
    ]
    return Report(
        f"{org.name}党费收缴明细表",
        f"{month.year}年{month.month}月",
        ["序号", "姓名", "所在支部", "党费基数", "应交", "实交", "交纳日期", "方式", "收据号"],
        rows,
        ["合计", "", "", "", t["charged"], t["paid"], "", "", ""],
        footer=f"制表日期：{zh_date(today)}　未交{t['unpaid_count']}人",
    )


def annual(org, year: int, today) -> Report:
    rows = [
        [
            "　" * r["level"] + r["name"],
            r["total"]["members"],
            r["total"]["charged"],
            r["total"]["paid"],
            r["total"]["voluntary"],
            r["total"]["to_central"],
            r["own"]["remitted"],
        ]
        for r in annual_summary(org, year)
    ]
    total = annual_total(org, year)
    return Report(
        f"{org.name}{year}年度党费收缴汇总表",
        "含下级党组织（各行为本级及下级合计，上缴为本级上缴数）",
        ["党组织", "交纳党员数", "应交", "实交", "其中自愿多交", "上缴中央", "本级上缴"],
        rows,
        paragraphs=[f"{year}年{org.name}党员共缴纳党费{total}元。"],
        footer=f"制表日期：{zh_date(today)}",
    )


def notice(org, year: int, today) -> Report:
    """PUB-01: 党费收缴、使用和管理情况 disclosed to the members."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    led = ledger(org, start, min(end, today) if year == today.year else end)
    sub = subtree(org)
    charged = dict(
        DuesCharge.objects.filter(org_id__in=sub, month__gte=start, month__lte=end)
        .values("person")
        .annotate(t=Sum("amount"))
        .values_list("person", "t")
    )
    paid = dict(
        DuesPayment.objects.filter(org_id__in=sub, paid_on__gte=start, paid_on__lte=end)
        .values("person")
        .annotate(t=Sum("amount"))
        .values_list("person", "t")
    )
    ids = set(charged) | set(paid)
    people = Person.objects.filter(pk__in=ids).select_related("org").order_by("org__path", "stroke_key", "id")
    zero = Decimal("0.00")
    rows = [
        [i, p.name, p.org.short_name or p.org.name, cents(charged.get(p.pk)), cents(paid.get(p.pk))]
        for i, p in enumerate(people, 1)
    ]
    rec = (
        DuesReconciliation.objects.filter(org=org, period_end__lte=led["end"], period_end__gte=start)
        .order_by("-period_end", "-id")
        .first()
    )
    if rec is None:
        check = "本年度尚未进行账款核对。"
    elif rec.matches:
        check = f"经{zh_date(rec.period_end)}核对，账目清楚，账款相符。"
    else:
        check = f"经{zh_date(rec.period_end)}核对，账面结存{rec.computed_balance}元，实存{rec.stated_balance}元，差额{rec.difference}元，正在核查。"
    paras = [
        f"根据《关于中国共产党党费收缴、使用和管理的规定》和党务公开有关要求，现将{org.name}{year}年度党费收缴、使用和管理情况公示如下：",
        f"一、收缴情况：全年应交党费{led['charged']}元，实收党费{led['paid']}元（其中自愿多交{led['voluntary']}元，"
        f"单笔1000元以上全额上缴中央{led['to_central']}元）。",
        f"二、上缴情况：全年向上级党组织上缴党费{led['remitted']}元。",
        f"三、结存情况：年初结存{led['opening']}元，截至{zh_date(led['end'])}结存{led['closing']}元。{check}",
        "公示期间，党员如有疑问，请向支部书记反映。",
    ]
    return Report(
        f"关于{org.name}{year}年度党费收缴、使用和管理情况的公示",
        "",
        ["序号", "姓名", "所在支部", "全年应交", "全年实交"],
        rows,
        ["合计", "", "", sum((r[3] for r in rows), zero), sum((r[4] for r in rows), zero)],
        paragraphs=paras,
        signature=(org.name, today),
    )
