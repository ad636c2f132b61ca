"""The 党务公开 workflow (PUB-02): 提出 → 审核 → 审批 → 实施, declared for core.workflow."""

from django.core.exceptions import ValidationError

from dangjian.core.workflow import Change, Workflow, register
from dangjian.rules.disclosure import disclosure_findings

from .models import NOTE_MAX, STEP_OF, DisclosureItem, DisclosureStatus, DisclosureStep, zh_date

# PUB-02: 提出 → 审核 → 审批 → 实施; any step before publication may reject; a publication may be withdrawn.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    DisclosureStatus.PROPOSED: (DisclosureStatus.REVIEWED, DisclosureStatus.REJECTED),
    DisclosureStatus.REVIEWED: (DisclosureStatus.APPROVED, DisclosureStatus.REJECTED),
    DisclosureStatus.APPROVED: (DisclosureStatus.PUBLISHED, DisclosureStatus.REJECTED),
    DisclosureStatus.PUBLISHED: (DisclosureStatus.WITHDRAWN,),
    DisclosureStatus.REJECTED: (),
    DisclosureStatus.WITHDRAWN: (),
}


def step_dates(item: DisclosureItem) -> dict:
    """The recorded date of each of the four steps, by rule step code."""
    out = {}
    for s in item.steps.all():
        code = STEP_OF.get(s.status)
        if code:
            out[code] = s.on
    return out


def _guard(c: Change) -> None:
    item = c.obj
    if c.to == DisclosureStatus.REJECTED and not c.note:
        raise ValidationError({"note": "不通过时请填写意见"})
    if len(c.note) > NOTE_MAX:
        raise ValidationError({"note": f"意见不能超过{NOTE_MAX}字（现有{len(c.note)}字）"})
    if c.to == DisclosureStatus.PUBLISHED:
        if item.publish_until and item.publish_until < c.on:
            raise ValidationError({"publish_until": f"公开期已于{zh_date(item.publish_until)}截止，不能再公开"})
        errors = disclosure_findings(step_dates(item) | {"publish": c.on}, subject=item.title)
        if errors:
            raise ValidationError("；".join(f.message_zh for f in errors))


def _effects(c: Change) -> None:
    item = c.obj
    if c.to == DisclosureStatus.PUBLISHED and (not item.publish_from or item.publish_from < c.on):
        item.publish_from = c.on
        c.saved.add("publish_from")


def _log(c: Change) -> None:
    # The dated step is the evidence PUB-02 checks, so 党务公开 keeps its own log model.
    actor = c.actor if getattr(c.actor, "pk", None) else None
    DisclosureStep.objects.create(item=c.obj, status=c.to, on=c.on, actor=actor, note=c.note)


DISCLOSURE = register(
    Workflow(
        model=DisclosureItem,
        table=TRANSITIONS,
        audit_kind="disclosure.status",
        choices=DisclosureStatus,
        guard=_guard,
        effects=_effects,
        log=_log,
    )
)
