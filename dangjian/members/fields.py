"""Model fields for personal data at rest (dangjian.lib.fieldcrypt): an encrypted text field and its lookup hash.

The encrypted field reads and writes clear text in Python (person.id_number, values_list, forms, API) and holds
ciphertext in the database. Each encryption differs, so `id_number=X` and `id_number__in=[...]` are compiled
against the keyed hash column instead (id_number_hash, kept by LookupHashField on every save and bulk insert);
any other lookup (contains, startswith, ordering tricks) raises FieldError at once rather than finding nothing.
"""

from django.core import checks
from django.core.exceptions import EmptyResultSet, FieldError
from django.db import models
from django.db.models.expressions import Col
from django.db.models.lookups import Lookup

from dangjian.lib import fieldcrypt

# Stored text: "v1." + base64url(12 + len + 16 bytes); 18 characters of clear text fit in 72.
STORED_LENGTH = 96


class _ByHash(Lookup):
    """`field=value` and `field__in=[...]` on an encrypted field, compiled against its lookup hash column
    (`<name>_hash`): equal numbers have equal hashes, while the ciphertexts always differ."""

    prepare_rhs = False
    can_use_none_as_rhs = False

    def get_prep_lookup(self):
        return self.rhs

    def as_sql(self, compiler, connection):
        field = self.lhs.output_field
        if not isinstance(self.lhs, Col) or hasattr(self.rhs, "resolve_expression"):
            raise FieldError(f"{field.name} 已加密存储：只能与具体的值比较（按 {field.name}_hash 查找）")
        hash_col = field.model._meta.get_field(f"{field.name}_hash").get_col(self.lhs.alias)
        sql, params = compiler.compile(hash_col)
        values = list(self.rhs) if self.lookup_name == "in" else [self.rhs]
        hashes = [fieldcrypt.lookup_hash(v) for v in values]
        if self.lookup_name == "in":
            if not hashes:
                raise EmptyResultSet
            return f"{sql} IN ({', '.join(['%s'] * len(hashes))})", (*params, *hashes)
        return f"{sql} = %s", (*params, *hashes)


class _HashExact(_ByHash):
    lookup_name = "exact"


class _HashIn(_ByHash):
    lookup_name = "in"


class EncryptedCharField(models.CharField):
    """max_length is the clear text's limit (validation, forms, API); the column holds STORED_LENGTH."""

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        self.aad = f"{cls._meta.label_lower}.{name}"

    def db_type(self, connection):
        return models.CharField(max_length=STORED_LENGTH).db_type(connection)

    def rel_db_type(self, connection):
        return self.db_type(connection)

    def cast_db_type(self, connection):
        return self.db_type(connection)

    def from_db_value(self, value, expression, connection):
        return fieldcrypt.decrypt(value, self.aad) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "" or fieldcrypt.is_encrypted(value):
            return value
        return fieldcrypt.encrypt(value, self.aad)

    def get_lookup(self, lookup_name):
        if lookup_name == "exact":
            return _HashExact
        if lookup_name == "in":
            return _HashIn
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        raise FieldError(f"{self.name} 已加密存储，不支持 {lookup_name} 查找；请用 {self.name}_hash")


class LookupHashField(models.CharField):
    """HMAC-SHA256 (hex) of another field's value, computed on every save and bulk insert."""

    def __init__(self, *args, derive_from: str = "", **kwargs):
        self.derive_from = derive_from
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["derive_from"] = self.derive_from
        return name, path, args, kwargs

    @staticmethod
    def derive(value) -> str:
        return fieldcrypt.lookup_hash(value)

    def pre_save(self, model_instance, add):
        value = self.derive(getattr(model_instance, self.derive_from))
        setattr(model_instance, self.attname, value)
        return value


@checks.register()
def field_key_opens_stored_values(app_configs=None, **kwargs):
    """`dangjian check` (and every command that checks first, such as serve and migrate) says so at once when
    the configured field key is not the one the stored 身份证号 were encrypted with, instead of pages failing."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT id_number FROM members_person WHERE id_number LIKE %s ORDER BY id LIMIT 1",
                [fieldcrypt.PREFIX + "%"],
            )
            row = cur.fetchone()
    except DatabaseError:  # no database yet, or not migrated: nothing stored to check
        return []
    if row:
        try:
            fieldcrypt.decrypt(row[0], "members.person.id_number")
        except fieldcrypt.FieldKeyError as exc:
            return [
                checks.Error(
                    str(exc),
                    hint="设置加密时使用的 DANGJIAN_FIELD_KEY，或放回数据目录中原来的 field_key 文件",
                    id="dangjian.E101",
                )
            ]
    return []
