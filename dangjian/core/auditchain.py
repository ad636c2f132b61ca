"""The audit log's hash chain, below core.models (whose AuditEvent.save appends through it) and core.audit.

Chain: row.hash = SHA-256(canonical JSON of the row's content + prev_hash), row.prev_hash = the hash of the
row before it in id order ("" for the first). Writers take the chain head under a lock (PostgreSQL:
pg_advisory_xact_lock, held to the end of the writer's transaction; SQLite serializes writers already),
so concurrent writers cannot fork the chain. Bulk writers chain a whole batch in Python (audit.chain_rows).
"""

import contextvars
import datetime
import hashlib
import json
from decimal import Decimal

from django.db import connections, router, transaction

CHAIN_LOCK_KEY = 0x64_6A_61_75_64  # arbitrary constant: "djaud"
# True inside audit.maintenance(): the SQLite append-only triggers ask for it (core.models registers the function).
MAINTENANCE = contextvars.ContextVar("dangjian_audit_maintenance", default=False)


def _at_text(at) -> str:
    if isinstance(at, str):
        at = datetime.datetime.fromisoformat(at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=datetime.UTC)
    return at.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def _numbers(value):
    # PostgreSQL's jsonb keeps a number's decimal text and returns 1.5e20 as 150000000000000000000 (an int once
    # parsed): an integral float counts as the int its decimal text means (not its binary value).
    if isinstance(value, float) and value.is_integer():
        return int(Decimal(repr(value)))
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    return value


def canonical(*, at, actor_id, org_id, kind, subject_type, subject_id, data) -> str:
    """The row's content as the hash sees it; equal for a row before insert and after reading it back."""
    data = _numbers(json.loads(json.dumps(data if data is not None else {}, ensure_ascii=False)))  # as stored
    content = {
        "at": _at_text(at),
        "actor": actor_id,
        "org": org_id,
        "kind": kind,
        "subject_type": subject_type,
        "subject_id": int(subject_id),
        "data": data,
    }
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def compute_hash(content: str, prev_hash: str) -> str:
    return hashlib.sha256((content + "\n" + (prev_hash or "")).encode("utf-8")).hexdigest()


def event_hash(event, prev_hash: str) -> str:
    return compute_hash(
        canonical(
            at=event.at,
            actor_id=event.actor_id,
            org_id=event.org_id,
            kind=event.kind,
            subject_type=event.subject_type,
            subject_id=event.subject_id,
            data=event.data,
        ),
        prev_hash,
    )


def chain_head(model) -> str:
    """Lock the chain (to the end of the current transaction) and return the last row's hash; `model` is
    AuditEvent (passed in: this module sits below core.models, which calls append from AuditEvent.save)."""
    db = router.db_for_write(model)
    conn = connections[db]
    if conn.vendor == "postgresql":
        with conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
    # Read on the primary (never a replica's stale copy) inside the writer's transaction.
    last = model._base_manager.using(db).order_by("-id").values_list("hash", flat=True).first()
    return last or ""


def append(events, *, insert) -> None:
    """Chain unsaved AuditEvents (in order) and run insert() under the chain lock."""
    if not events:
        return insert()
    model = type(events[0])
    with transaction.atomic(using=router.db_for_write(model)):
        prev = chain_head(model)
        for event in events:
            event.prev_hash = prev
            event.hash = prev = event_hash(event, prev)
        insert()


def maintenance_active() -> bool:
    return MAINTENANCE.get()
