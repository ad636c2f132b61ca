"""Helpers for recording changes: a field-level diff, the AuditEvent writer and its hash chain.

Chain: row.hash = SHA-256(canonical JSON of the row's content + prev_hash), row.prev_hash = the hash of the
row before it in id order ("" for the first). Writers take the chain head under a lock (PostgreSQL:
pg_advisory_xact_lock, held to the end of the writer's transaction; SQLite serializes writers already),
so concurrent writers cannot fork the chain. Bulk writers chain a whole batch in Python (chain_rows).
"""

import contextlib
import contextvars
import datetime
import hashlib
import json
from decimal import Decimal

from django.db import DatabaseError, connection, connections, router, transaction

from dangjian.lib import clock, fieldcrypt

from .models import AuditEvent

CHAIN_LOCK_KEY = 0x64_6A_61_75_64  # arbitrary constant: "djaud"
_maintenance = contextvars.ContextVar("dangjian_audit_maintenance", default=False)


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


def chain_head() -> str:
    """Lock the chain (to the end of the current transaction) and return the last row's hash."""
    db = router.db_for_write(AuditEvent)
    conn = connections[db]
    if conn.vendor == "postgresql":
        with conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
    # Read on the primary (never a replica's stale copy) inside the writer's transaction.
    last = AuditEvent._base_manager.using(db).order_by("-id").values_list("hash", flat=True).first()
    return last or ""


def chain_rows(contents: list[str]) -> list[tuple[str, str]]:
    """(prev_hash, hash) for a batch of canonical contents about to be inserted in this order; call
    inside the transaction that inserts them."""
    prev = chain_head()
    out = []
    for content in contents:
        h = compute_hash(content, prev)
        out.append((prev, h))
        prev = h
    return out


def append(events, *, insert) -> None:
    """Chain unsaved events (in order) and run insert() under the chain lock."""
    with transaction.atomic(using=router.db_for_write(AuditEvent)):
        prev = chain_head()
        for event in events:
            event.prev_hash = prev
            event.hash = prev = event_hash(event, prev)
        insert()


def maintenance_active() -> bool:
    return _maintenance.get()


@contextlib.contextmanager
def maintenance():
    """Whole-database maintenance (restore from backup, flush): lets the append-only triggers allow DELETE.
    Call inside the transaction that does the work. UPDATE stays refused."""
    token = _maintenance.set(True)
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SELECT set_config('dangjian.maintenance', 'on', true)")
        yield
    finally:
        _maintenance.reset(token)
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            try:
                with connection.cursor() as cur:
                    cur.execute("SELECT set_config('dangjian.maintenance', '', true)")
            except DatabaseError:
                pass  # the transaction failed already; the setting ends with it, and its error is the one to report


def jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    return value


def snapshot(instance, fields) -> dict:
    """Field values of a model instance keyed by field name (FKs by their id)."""
    out = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attr = field.attname
        out[name] = jsonable(getattr(instance, attr))
    return out


def diff(before: dict, after: dict) -> dict:
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def record(*, actor, org, kind: str, subject, data: dict | None = None) -> AuditEvent:
    """Write one audit row; call inside the service's transaction."""
    return AuditEvent.objects.create(
        at=clock.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        org=org,
        kind=kind,
        subject_type=subject._meta.model_name,
        subject_id=subject.pk,
        data=fieldcrypt.mask_personal(data or {}),  # the log never holds a full 身份证号
    )


def history(subject):
    return AuditEvent.objects.filter(subject_type=subject._meta.model_name, subject_id=subject.pk).select_related(
        "actor"
    )


def verify(*, chunk: int = 2000):
    """Recompute the chain in id order. Returns (count, problem) where problem is None when intact, else a
    dict naming the first broken row: id, at, and what differs."""
    prev = ""
    count = 0
    qs = (
        AuditEvent._base_manager.using(router.db_for_write(AuditEvent))
        .order_by("id")
        .values_list(
            "id", "at", "actor_id", "org_id", "kind", "subject_type", "subject_id", "data", "prev_hash", "hash"
        )
    )
    for pk, at, actor_id, org_id, kind, stype, sid, data, prev_hash, stored in qs.iterator(chunk_size=chunk):
        count += 1
        if prev_hash != prev:
            return count, {
                "id": pk,
                "at": at,
                "reason": "前序哈希与上一条记录不符：此条之前的记录被删除、插入或改动"
                f"（记录中为 {prev_hash[:16] or '空'}…，应为 {prev[:16] or '空'}…）",
            }
        content = canonical(
            at=at, actor_id=actor_id, org_id=org_id, kind=kind, subject_type=stype, subject_id=sid, data=data
        )
        expected = compute_hash(content, prev)
        if stored != expected:
            return count, {
                "id": pk,
                "at": at,
                "reason": f"记录内容与其哈希不符：此条的时间、操作人、组织、类型、对象或数据被改动（当前内容：{content}）",
            }
        prev = stored
    return count, None
