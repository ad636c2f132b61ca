"""The 整改 workflow, declared for core.workflow: 整改中 → 已整改待验收 → 已销号 (or back to 整改中 when the
superior returns it); an open or reported item may be cancelled (撤销) and stays in the ledger.

Who may take a step (the branch reports, the superior accepts or returns) is checked in services; the
table, the dated log and the step's own fields are here. Each step keeps its audit kind (core.events).
"""

from django.core.exceptions import ValidationError

from dangjian.core.workflow import Change, Workflow, register

from .models import Rectification, RectificationFile, RectificationLog, RectificationSource, RectificationStatus

S = RectificationStatus

# status -> statuses it may move to
TRANSITIONS = {
    S.OPEN: (S.DONE, S.CANCELLED),
    S.DONE: (S.CLOSED, S.OPEN, S.CANCELLED),
    S.CLOSED: (),
    S.CANCELLED: (),
}

# The audit kind of a step, by the status it moves to.
AUDIT_KINDS = {
    S.DONE: "rectification.report_done",
    S.CLOSED: "rectification.accept",
    S.OPEN: "rectification.return",
    S.CANCELLED: "rectification.cancel",
}


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _guard(c: Change) -> None:
    item = c.obj
    if c.to == S.CLOSED and c.on < item.raised_on:
        raise ValidationError({"closed_on": f"销号日期（{c.on}）不能早于提出日期（{item.raised_on}）"})


def _effects(c: Change) -> None:
    item = c.obj
    if c.to == S.DONE:
        item.closure_note, item.reported_on, item.reported_by = c.note, c.on, _user(c.actor)
        c.saved |= {"closure_note", "reported_on", "reported_by"}
        files = c.extra.get("files", ())
        for f in files:  # already checked by content and size (services)
            RectificationFile.objects.create(rectification=item, file=f.file, name=f.name, uploaded_by=_user(c.actor))
        c.audit.update(reported_on=str(c.on), files=len(files))
    elif c.to == S.CLOSED:
        item.closed_on, item.accepted_by = c.on, _user(c.actor)
        c.saved |= {"closed_on", "accepted_by"}
        c.audit.update(closed_on=str(c.on))
    elif c.to == S.OPEN:
        item.reported_on = None
        c.saved.add("reported_on")
        c.audit.update(reason=c.note)
    elif c.to == S.CANCELLED:
        item.cancel_reason = c.note[:300]
        c.saved.add("cancel_reason")
        c.audit.update(reason=item.cancel_reason)


def _log(c: Change) -> None:
    # The dated steps are the ledger's timeline (提出、报告、验收、退回、撤销), so 整改 keeps its own log model.
    note = c.obj.cancel_reason if c.to == S.CANCELLED else c.note
    RectificationLog.objects.create(
        rectification=c.obj, actor=_user(c.actor), on=c.on, from_status=c.before, to_status=c.to, note=note
    )


def _after(c: Change) -> None:
    if c.to == S.CLOSED and c.obj.source == RectificationSource.VISIT:
        _resolve_visit_problem(c.actor, c.obj)


def _resolve_visit_problem(actor, item) -> None:
    """销号 of an item raised from a supervision visit marks that visit's problem resolved."""
    from dangjian.plans.models import VisitProblem
    from dangjian.plans.services.records import visit_problem_resolve

    pk = item.source_ref.removeprefix("visit:")
    problem = VisitProblem.objects.select_related("visit__org").filter(pk=pk if pk.isdigit() else 0).first()
    if problem and problem.resolved_on is None:
        resolved_on = item.reported_on or item.closed_on
        if actor is None:
            problem.resolved_on = resolved_on
            problem.save(update_fields=["resolved_on"])
        else:
            visit_problem_resolve(actor=actor, problem=problem, resolved_on=resolved_on)


RECTIFICATION = register(
    Workflow(
        model=Rectification,
        table=TRANSITIONS,
        audit_kind=lambda c: AUDIT_KINDS[c.to],
        choices=RectificationStatus,
        guard=_guard,
        effects=_effects,
        log=_log,
        after=_after,
        refused="“{before}”的整改事项不能改为“{to}”",
    )
)
