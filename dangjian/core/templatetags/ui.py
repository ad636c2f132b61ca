"""Template helpers every page shares: money as people write it, breadcrumbs that only link where the reader may go.

Load with ``{% load ui %}``.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()

CENT = Decimal("0.01")


@register.filter
def money(value, symbol="¥"):
    """48933 / 48933.0 / Decimal('12226.5') → '¥48,933.00'; empty → '—'. Negative: '-¥12.50'."""
    if value is None or value == "":
        return "—"
    try:
        amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol}{abs(amount):,.2f}"


@register.filter
def yuan(value):
    """Money without the sign, for cells under a “（元）” heading: '48,933.00'."""
    return money(value, "")


def _may_open(context, user, org) -> bool:
    if org is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    # The permission lives above core: the site context processor passes it in (dangjian.site.context).
    check = context.get("may_open_org")
    return bool(check and check(user, org))


@register.simple_tag(takes_context=True)
def org_crumb(context, org, url_name="orgs:detail", *extra_args):
    """The org's name, linked to its page (``url_name`` with the org code and ``extra_args``, e.g. a year) only
    when the reader may open that page; else plain text, so a breadcrumb never leads to a 404."""
    if org is None:
        return ""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if _may_open(context, user, org):
        return format_html('<a href="{}">{}</a>', reverse(url_name, args=[org.code, *extra_args]), org.name)
    return format_html('<span class="text-body-secondary">{}</span>', org.name)


@register.filter
def event_zh(kind):
    """An audit event code ('dues.payment') as its Chinese name ('交纳党费')."""
    from dangjian.core.readable import event_label

    return event_label(str(kind or ""))


@register.filter
def changes_zh(data):
    """[(label, old, new)] of an audit event's data, in Chinese (field names, choice labels, dates)."""
    from dangjian.core.readable import changes

    return changes(data)


@register.filter
def data_zh(data):
    from dangjian.core.readable import data_text

    return data_text(data)


@register.filter
def labelled(bound_field, row_label=""):
    """Render a form field with an aria-label (for formset cells under a table header, which have no <label>):
    '第2行 标题'. ``row_label`` replaces the row number when given (e.g. the member's name)."""
    import re

    label = str(bound_field.label)
    if row_label:
        label = f"{row_label} {label}"
    else:
        m = re.search(r"-(\d+|__prefix__)$", bound_field.form.prefix or "")
        if m:
            label = f"新增行 {label}" if m.group(1) == "__prefix__" else f"第{int(m.group(1)) + 1}行 {label}"
    return bound_field.as_widget(attrs={"aria-label": label})
