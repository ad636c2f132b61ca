"""Helpers for recording changes: a field-level diff, the AuditEvent writer, history and the chain's check.

The hash chain itself (row.hash = SHA-256 of the row's canonical content + prev_hash, taken under a lock) is in
core.auditchain, below core.models; bulk writers chain a whole batch in Python here (chain_rows).
"""

import contextlib
import datetime
from decimal import Decimal

from django.db import DatabaseError, connection, router

from dangjian.lib import clock, fieldcrypt

from .auditchain import MAINTENANCE, canonical, chain_head, compute_hash
from .models import AuditEvent


def chain_rows(contents: list[str]) -> list[tuple[str, str]]:
    """(prev_hash, hash) for a batch of canonical contents about to be inserted in this order; call
    inside the transaction that inserts them."""
    prev = chain_head(AuditEvent)
    out = []
    for content in contents:
        h = compute_hash(content, prev)
        out.append((prev, h))
        prev = h
    return out


@contextlib.contextmanager
def maintenance():
    """Whole-database maintenance (restore from backup, flush): lets the append-only triggers allow DELETE.
    Call inside the transaction that does the work. UPDATE stays refused."""
    token = MAINTENANCE.set(True)
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SELECT set_config('dangjian.maintenance', 'on', true)")
        yield
    finally:
        MAINTENANCE.reset(token)
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
