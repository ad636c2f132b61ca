"""Plain-Chinese summaries of recorded steps, shared by the case page and the documents."""

from dangjian.rules.recruitment import ARCHIVE_DOCUMENTS, STEP_BY_CODE

from .stepfields import OUTCOME, fields_for

EXTRA_LABELS = {"conversion_date": "转正时间", "transferred_in": "转入的预备党员", "imported": "原党组织办理"}


def step_name(code: str) -> str:
    return "作废更正" if code == "void" else STEP_BY_CODE[code].name_zh


def _value(kind, value, choices=None):
    if kind == "bool":
        return "是" if value else "否"
    if kind == "persons":
        return "、".join(f"{p.get('name')}{'' if p.get('full_member') else '（非正式党员）'}" for p in value or [])
    if kind == "choice":
        return dict(choices or []).get(value, value)
    if kind == "multi":
        return "、".join(ARCHIVE_DOCUMENTS.get(v, v) for v in value or [])
    return str(value)


def vote_text(step) -> str:
    if step.vote_expected is None:
        return ""
    written = f"，书面赞成{step.vote_written_yes}份" if step.vote_written_yes else ""
    return f"应到会有表决权党员{step.vote_expected}人，实到{step.vote_present}人，到会赞成{step.vote_yes}人{written}"


def summary(step) -> list[str]:
    """['label：value', …] for one step, in the order of its form."""
    out = []
    buckets = {"opinions": step.opinions or {}, "documents": step.documents or {}, "data": step.data or {}}
    for spec in fields_for(step.code):
        name, label, kind, bucket = spec[:4]
        if bucket == "vote":
            continue
        value = buckets[bucket].get(name)
        if value in (None, "", []):
            continue
        if kind == "bool" and bucket == "documents" and value is True:
            out.append(label)
            continue
        out.append(f"{label}：{_value(kind, value, spec[4] if len(spec) > 4 else None)}")
    votes = vote_text(step)
    if votes:
        out.insert(0, votes)
    data = step.data or {}
    if step.code == "conversion_meeting" and data.get("outcome") == "extend":
        out.append(f"延长{data.get('extension_months')}个月")
    for key, label in EXTRA_LABELS.items():
        if key in data and key not in [s[0] for s in fields_for(step.code)]:
            out.append(f"{label}：{_value('bool', data[key]) if isinstance(data[key], bool) else data[key]}")
    if step.note:
        out.append(f"备注：{step.note}")
    return out


OUTCOME_ZH = dict(OUTCOME)
