"""Read and verify a backup file completely before anything in the database is touched.

Every problem is a BackupError with a Chinese message naming the file, line or table concerned.
"""

import contextlib
import hashlib
import io
import json
import os
import tempfile
import zipfile
import zlib
from dataclasses import dataclass

from . import crypto, schema
from .errors import BackupError


@dataclass
class Table:
    model: type
    file: str
    rows: int
    sha256: str
    fields: list  # model fields in the file's column order


def open_zip(path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(f"找不到备份文件：{path}") from None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BackupError(f"无法读取备份文件（文件不完整或已损坏）：{exc}") from None


@contextlib.contextmanager
def opened(path, passphrase: str):
    """The backup's zip, decrypted with the passphrase into a private temporary file (0600) that is removed
    afterwards. An old unencrypted backup (format 1) is refused: it carries no signature."""
    try:
        with open(path, "rb") as fh:
            start = fh.read(4)
    except FileNotFoundError:
        raise BackupError(f"找不到备份文件：{path}") from None
    except OSError as exc:
        raise BackupError(f"无法读取备份文件：{exc}") from None
    if start == b"PK\x03\x04":
        raise BackupError(
            "这是旧版（未加密、未签名）的备份文件，无法证明未被改动，不能恢复。请用本版本的 dangjian backup 重新备份"
        )
    if not passphrase:
        raise BackupError("没有备份口令：请在终端中输入，或设置环境变量 DANGJIAN_BACKUP_PASSPHRASE")
    fd, plain = tempfile.mkstemp(prefix=".dangjian-restore-", suffix=".zip")
    try:
        with os.fdopen(fd, "wb") as out:
            crypto.decrypt_file(path, out, passphrase)
        with open_zip(plain) as zf:
            yield zf
    finally:
        os.unlink(plain)


def read_manifest(zf) -> dict:
    """The manifest, after its signature (crypto.check_signature) is found good."""
    try:
        raw = zf.read("manifest.json")
    except KeyError:
        raise BackupError("备份文件中缺少 manifest.json，不是本系统生成的备份或已损坏") from None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BackupError(f"备份文件的 manifest.json 无法读取：{exc}") from None
    try:
        signature = zf.read(crypto.SIGNATURE_FILE)
    except KeyError:
        signature = None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BackupError(f"备份文件的签名无法读取：{exc}") from None
    crypto.check_signature(raw, signature)
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except ValueError as exc:
        raise BackupError(f"备份文件的 manifest.json 无法读取：{exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != schema.FORMAT_NAME:
        raise BackupError("这不是党建系统的备份文件（manifest.json 格式标识不符）")
    version = manifest.get("format_version")
    if version != schema.FORMAT_VERSION:
        raise BackupError(f"备份文件格式版本为 {version}，本系统只能恢复版本 {schema.FORMAT_VERSION} 的备份")
    return manifest


def check_migrations(manifest: dict) -> None:
    theirs, ours = manifest.get("migrations") or {}, schema.migration_state()
    problems = []
    for label in sorted(set(theirs) | set(ours)):
        a, b = set(theirs.get(label, [])), set(ours.get(label, []))
        if a - b:
            problems.append(f"{label}：备份含有本库未执行的迁移 {', '.join(sorted(a - b))}")
        if b - a:
            problems.append(f"{label}：本库有备份时尚未执行的迁移 {', '.join(sorted(b - a))}")
    if problems:
        raise BackupError(
            "备份文件的数据库结构与当前数据库不一致，不能恢复。请先把数据库迁移到与备份相同的版本。\n"
            + "\n".join(problems)
        )


def tables_of(manifest: dict) -> list[Table]:
    """Map the manifest's tables onto the current models; the two sets must match exactly."""
    covered = {m._meta.label_lower: m for m in schema.covered_models()}
    listed = manifest.get("tables")
    if not isinstance(listed, list):
        raise BackupError("manifest.json 中缺少数据表清单")
    out, seen = [], set()
    for entry in listed:
        label = entry.get("model")
        model = covered.get(label)
        if model is None:
            raise BackupError(f"备份中的数据表 {label} 在当前系统中不存在")
        by_name = {f.attname: f for f in schema.fields_of(model)}
        columns = entry.get("columns") or []
        if set(columns) != set(by_name):
            raise BackupError(f"数据表 {label} 的字段与当前系统不一致：备份 {sorted(columns)}，当前 {sorted(by_name)}")
        out.append(Table(model, entry["file"], int(entry["rows"]), entry["sha256"], [by_name[c] for c in columns]))
        seen.add(label)
    missing = sorted(set(covered) - seen)
    if missing:
        raise BackupError(f"备份中缺少这些数据表：{', '.join(missing)}")
    return out


def iter_rows(zf, table: Table, *, convert: bool = True):
    """Yield each row as a list of Python values; check count and checksum at the end."""
    digest, n = hashlib.sha256(), 0
    width = len(table.fields)
    try:
        with zf.open(table.file) as raw:
            for line in io.BufferedReader(raw, 1 << 20):
                n += 1
                digest.update(line)
                try:
                    values = json.loads(line)
                    if not isinstance(values, list) or len(values) != width:
                        raise ValueError(f"应有 {width} 列")
                    if convert:
                        values = [schema.load_value(f, v) for f, v in zip(table.fields, values)]
                except Exception as exc:  # noqa: BLE001 - any bad value means the file is unusable
                    raise BackupError(f"{table.file} 第 {n} 行无法读取：{exc}") from None
                yield values
    except KeyError:
        raise BackupError(f"备份文件中缺少 {table.file}") from None
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise BackupError(f"{table.file} 读取失败（文件不完整或已损坏）：{exc}") from None
    if n != table.rows:
        raise BackupError(f"{table.file} 应有 {table.rows} 行，实际读到 {n} 行")
    if digest.hexdigest() != table.sha256:
        raise BackupError(f"{table.file} 校验和不符，文件已被改动或损坏")


def check_media(zf, manifest: dict) -> None:
    for entry in manifest.get("media") or []:
        name = f"media/{entry['path']}"
        if ".." in entry["path"].split("/") or entry["path"].startswith("/"):
            raise BackupError(f"备份中的媒体文件路径不安全：{entry['path']}")
        digest, size = hashlib.sha256(), 0
        try:
            with zf.open(name) as src:
                while block := src.read(1 << 20):
                    digest.update(block)
                    size += len(block)
        except KeyError:
            raise BackupError(f"备份文件中缺少媒体文件 {entry['path']}") from None
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
            raise BackupError(f"媒体文件 {entry['path']} 读取失败：{exc}") from None
        if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
            raise BackupError(f"媒体文件 {entry['path']} 大小或校验和不符")


def verify(zf) -> tuple[dict, list[Table]]:
    """Read the whole file once; return the manifest and its tables, or raise BackupError."""
    manifest = read_manifest(zf)
    check_migrations(manifest)
    missing = schema.missing_tables()
    if missing:
        raise BackupError(f"当前数据库尚未完成迁移，缺少数据表：{', '.join(missing)}。请先运行 dangjian migrate")
    try:
        tables = tables_of(manifest)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BackupError(f"manifest.json 内容不完整：{exc}") from None
    for table in tables:
        for _ in iter_rows(zf, table):
            pass
    check_media(zf, manifest)
    return manifest, tables
