"""Reads for the rule pages: bureaus in scope, a bureau's effective LocalSettings, the holiday table."""

from __future__ import annotations

from dataclasses import fields

from django.http import Http404

from dangjian.accounts.scope import can_manage, visible_org_ids
from dangjian.orgs.models import Org
from dangjian.rules.catalog import CONFIDENCE_ZH, RULES, get_rule
from dangjian.rules.settings import DEFAULTS, LocalSettings

from . import holidays, local
from .models import BureauSetting, HolidayDay, HolidayYear


def bureaus_visible(user):
    """Root orgs (bureaus) of every org the user may read."""
    return Org.objects.filter(id__in=Org.objects.filter(id__in=visible_org_ids(user)).values("bureau_id")).order_by(
        "sort_order", "name"
    )


def bureau_get(user, code: str | None = None, *, manage: bool = False) -> Org:
    """The bureau named ``code`` (or the user's first bureau); 404 when out of scope."""
    qs = bureaus_visible(user)
    bureau = qs.filter(code=code).first() if code else qs.first()
    if bureau is None or (manage and not can_manage(user, bureau)):
        raise Http404("组织不存在或无权查看")
    return bureau


def can_edit_settings(user, bureau: Org) -> bool:
    """Bureau officers on the bureau itself and system admins; secretaries read only."""
    return can_manage(user, bureau)


def stored_values(bureau: Org) -> dict:
    row = BureauSetting.objects.filter(bureau_id=bureau.pk).only("values").first()
    return dict(row.values) if row else {}


def local_settings_for(org: Org | None) -> LocalSettings:
    """The LocalSettings in force for ``org``: the engine defaults with its bureau's overrides."""
    if org is None:
        return DEFAULTS
    return settings_for_bureau(org.bureau_id or org.pk)


def settings_for_bureau(bureau_id) -> LocalSettings:
    """The LocalSettings of one bureau (root org) by id."""
    row = BureauSetting.objects.filter(bureau_id=bureau_id).only("values").first()
    if not row or not row.values:
        return DEFAULTS
    try:
        return local.build(row.values)
    except (ValueError, TypeError, ArithmeticError):  # stored value no longer valid: fall back safely
        return local.build({k: v for k, v in row.values.items() if _valid_alone(k, v)})


def _valid_alone(name, value) -> bool:
    try:
        local.build({name: value})
    except (ValueError, TypeError, ArithmeticError):
        return False
    return True


def setting_rows(settings: LocalSettings) -> list[dict]:
    """One row per LocalSettings field for the settings page and the API."""
    rows = []
    for f in fields(LocalSettings):
        rule_id = f.metadata["rule_id"]
        value, default = getattr(settings, f.name), f.default
        try:
            rule_title = get_rule(rule_id).title_zh
        except KeyError:
            rule_title = ""
        rows.append(
            {
                "name": f.name,
                "label_zh": f.metadata["label_zh"],
                "rule_id": rule_id,
                "rule_title": rule_title,
                "value": value,
                "default": default,
                "changed": value != default,
                "value_zh": local.value_zh(f.name, value),
                "default_zh": local.value_zh(f.name, default),
                "choices": [(c, local.value_zh(f.name, c)) for c in local.choices_for(f.name, f)],
            }
        )
    return rows


def catalog_rows(settings: LocalSettings) -> list[dict]:
    """Every rule with the bureau's current values of the settings that bend it."""
    by_rule: dict[str, list[dict]] = {}
    for row in setting_rows(settings):
        by_rule.setdefault(row["rule_id"], []).append(row)
    return [
        {
            "id": r.id,
            "prefix": r.id.split("-")[0],
            "title_zh": r.title_zh,
            "summary_zh": r.summary_zh,
            "source_zh": r.source_zh,
            "confidence": r.confidence,
            "confidence_zh": CONFIDENCE_ZH.get(r.confidence, ""),
            "computable": r.computable,
            "article_2014_zh": r.article_2014_zh,
            "settings": by_rule.get(r.id, []),
        }
        for r in RULES
    ]


def holiday_year(year: int) -> dict:
    """What the system knows of ``year``: package days, entered overrides, completeness."""
    entered = list(HolidayDay.objects.filter(date__year=year).select_related("entered_by"))
    overridden = {d.date for d in entered}
    package = [(d, works, name) for d, works, name in holidays.package_days(year) if d not in overridden]
    marker = HolidayYear.objects.filter(year=year).first()
    return {
        "year": year,
        "entered": entered,
        "package": package,
        "complete": bool(marker and marker.complete),
        "in_package": bool(holidays.package_days(year)),
        "known": holidays.is_year_known(year),
    }


def can_edit_holidays(user) -> bool:
    """The national holiday table is shared by every bureau, so only the system administrator edits it
    (issue 18): one bureau's officer must not change another bureau's deadlines."""
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def settings_for_request(user, code: str | None) -> tuple[Org | None, LocalSettings]:
    """Bureau and settings for a calculator: the named bureau (404 out of scope), else the
    user's first bureau, else the engine defaults."""
    if code:
        bureau = bureau_get(user, code)
    else:
        bureau = bureaus_visible(user).first()
    return bureau, local_settings_for(bureau)


def settings_history(bureau: Org, limit: int = 20) -> list[dict]:
    """Recent changes of a bureau's local settings, in Chinese, newest first."""
    from dangjian.core.audit import history

    row = BureauSetting.objects.filter(bureau_id=bureau.pk).first()
    if row is None:
        return []
    out = []
    for event in history(row)[:limit]:
        changes = [
            {
                "label": local.label(name),
                "old": local.value_zh(name, _typed(name, old)),
                "new": local.value_zh(name, _typed(name, new)),
            }
            for name, (old, new) in (event.data.get("changes") or {}).items()
        ]
        out.append({"at": event.at, "actor": event.actor, "changes": changes})
    return out


def _typed(name: str, value):
    try:
        return local.decode({name: value}).get(name, value)
    except (ValueError, TypeError, ArithmeticError):
        return value
