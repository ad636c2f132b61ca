"""Fast insert of imported people and their audit rows: one executemany per table, ids allocated up front.

Django's bulk_create spends ~1 ms per row preparing values; a 60,000-row roster must import in under a
minute, so rows are built as tuples here. The values were already validated by the importer, and the
columns and defaults come from the models, so nothing bypasses the models' definitions. Call inside a
transaction: on SQLite the IMMEDIATE transaction holds the write lock, so MAX(id)+1 is ours alone.
"""

import datetime
import json

from django.db import connection

from dangjian.core.audit import canonical, chain_rows, jsonable
from dangjian.core.models import AuditEvent
from dangjian.lib import clock, fieldcrypt
from dangjian.lib.pinyin import name_pinyin
from dangjian.lib.strokes import stroke_key

from ..models import Category, Person, RollSpan
from ..services import PERSON_FIELDS

BATCH = 2000
ID_AAD = "members.person.id_number"  # members/fields.py: EncryptedCharField.aad
PERSONAL = fieldcrypt.PERSONAL_KEYS


def _allocate_ids(model, n: int) -> list[int]:
    table = model._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
            return [row[0] for row in cur.fetchall()]
        if connection.vendor == "sqlite":
            cur.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')
            top = cur.fetchone()[0]
            cur.execute("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = %s", [table])
            top = max(top, cur.fetchone()[0])
            return list(range(top + 1, top + 1 + n))
    raise NotImplementedError(connection.vendor)


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    qn = connection.ops.quote_name
    table, cols = qn(model._meta.db_table), ", ".join(qn(c) for c in columns)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":  # COPY: one stream instead of a round trip per row
            with cur.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"
        for start in range(0, len(rows), BATCH):
            cur.executemany(sql, rows[start : start + BATCH])


def _person_columns():
    """(field, column, default, adapt) for every concrete Person column."""
    ops = connection.ops
    adapters = {"DateField": ops.adapt_datefield_value}
    out = []
    for f in Person._meta.concrete_fields:
        adapt = adapters.get(f.get_internal_type())
        default = None if f.primary_key else f.get_default()
        default = getattr(default, "value", default)  # a TextChoices member -> its plain value
        if f.is_relation and default == "":
            default = None
        out.append((f.name, f.column, default, adapt))
    return out


def insert_people(rows: list[dict], *, org, actor, source: str, kind: str, id_hashes: dict | None = None) -> list[int]:
    """Insert people from validated value dicts (group as an Org); return their new ids in order.
    ``id_hashes``: lookup hashes the caller already computed (normalized number -> hash)."""
    id_hashes = id_hashes or {}
    ids = _allocate_ids(Person, len(rows))
    cols = _person_columns()
    bureau_id = org.bureau_id or org.pk
    fixed = {"org": org.pk, "bureau": bureau_id, "user": None}
    tuples = []
    # A city's roster repeats names (and every name its characters): pinyin and stroke keys once per name.
    keys: dict[str, tuple[str, str]] = {}
    for pk, values in zip(ids, rows):
        name = values["name"]
        key = keys.get(name)
        if key is None:
            key = keys[name] = (stroke_key(name), name_pinyin(name))
        number = fieldcrypt.normalize(values.get("id_number"))
        computed = {
            "id": pk,
            "stroke_key": key[0],
            "pinyin": key[1],
            "group": values["group"].pk if values.get("group") else None,
            "id_number": fieldcrypt.encrypt(number, ID_AAD),
            "id_number_hash": id_hashes.get(number) or fieldcrypt.lookup_hash(number),
        }
        row = []
        for fname, _col, default, adapt in cols:
            if fname in computed:
                value = computed[fname]
            elif fname in fixed:
                value = fixed[fname]
            else:
                value = values.get(fname, default)
                if adapt is not None and value is not None:
                    value = adapt(value)
            row.append(value)
        tuples.append(tuple(row))
    _insert(Person, [c[1] for c in cols], tuples)
    # Each person's stretch on this roll (members/roll.py), as person_create writes it.
    _insert(
        RollSpan,
        ["person_id", "bureau_id", "org_id", "group_id", "category", "start", "end"],
        [
            (
                pk,
                bureau_id,  # the tenant key, as the person's
                org.pk,
                values["group"].pk if values.get("group") else None,
                values.get("category") or Category.EMPLOYED.value,
                None,
                None,
            )
            for pk, values in zip(ids, rows)
        ],
    )
    _insert_audit(ids, rows, org=org, actor=actor, source=source, kind=kind)
    return ids


def _insert_audit(ids: list[int], rows: list[dict], *, org, actor, source: str, kind: str) -> None:
    """One AuditEvent per person, shaped like person_create's: {"changes": {field: [None, value]}}."""
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    now = clock.now()
    at = connection.ops.adapt_datetimefield_value(now)
    data_field = AuditEvent._meta.get_field("data")
    is_pg = connection.vendor == "postgresql"
    columns = ["at", "actor_id", "org_id", "kind", "subject_type", "subject_id", "data", "prev_hash", "hash"]
    event_ids = _allocate_ids(AuditEvent, len(ids)) if not is_pg else None
    tuples, contents = [], []
    at_text = now.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    fast = True  # until the first row shows the short canonical form differs from auditchain.canonical
    for i, (pk, values) in enumerate(zip(ids, rows)):
        changes = {}
        for fname in PERSON_FIELDS:
            value = org.pk if fname == "org" else values.get(fname)
            if value not in (None, "", False):
                pair = [None, jsonable(value)]
                # like audit.record: no full 身份证号 in the log (the masking of the personal keys alone)
                changes[fname] = fieldcrypt.mask_personal({fname: pair})[fname] if fname in PERSONAL else pair
        data = {"changes": changes, "source": source}
        prepared = data_field.get_db_prep_save(data, connection) if is_pg else json.dumps(data, ensure_ascii=False)
        row = (at, actor_id, org.pk, kind, "person", pk, prepared)
        tuples.append(row if is_pg else (event_ids[i], *row))
        content = None
        if fast:
            # The values here are text, integers and booleans only, for which canonical()'s JSON round trip and
            # number normalising change nothing: one json.dumps instead of three plus a walk of the data (those
            # were a fifth of a 60,000-row import). Checked against canonical() on the first row.
            content = json.dumps(
                {
                    "at": at_text,
                    "actor": actor_id,
                    "org": org.pk,
                    "kind": kind,
                    "subject_type": "person",
                    "subject_id": pk,
                    "data": data,
                },
                ensure_ascii=False,
                sort_keys=True,
                separators=(",", ":"),
            )
        if i == 0 or not fast:
            slow = canonical(
                at=now, actor_id=actor_id, org_id=org.pk, kind=kind, subject_type="person", subject_id=pk, data=data
            )
            fast = fast and slow == content
            content = slow
        contents.append(content)
    # The hash chain (core/audit.py), computed for the whole batch under the chain lock, in id order.
    tuples = [(*row, prev, h) for row, (prev, h) in zip(tuples, chain_rows(contents))]
    _insert(AuditEvent, columns if is_pg else ["id", *columns], tuples)
