"""The document harness (issue 16): the demo is loaded once, every document is downloaded through its real URL
as the user who would download it, the office files are converted to PDF by LibreOffice in one batch, and the
tests read the PDFs (tests/documents/pdfcheck.py). The first page of each is kept as a PNG for the record.

The demo is loaded inside one transaction that is rolled back when the documents are made, so the tests after
these see the empty database they expect; these tests are moved to the end of the run all the same.

The files are left in var/documents/ (DANGJIAN_DATA_DIR/documents, or DANGJIAN_DOCUMENTS_DIR): files/ as
downloaded, pdf/ as LibreOffice converted them, png/ the first pages, index.txt what was made and how long it took."""

import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from . import pdfcheck
from .catalog import DOCS, ORGS, YEARS, Doc, year_end

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
MAGIC = {"docx": b"PK", "xlsx": b"PK", "pdf": b"%PDF"}


def pytest_configure(config):
    config.addinivalue_line("markers", "documents: the document harness (every downloadable document, read as a PDF)")


def pytest_collection_modifyitems(session, config, items):
    here = Path(__file__).parent
    mine = [i for i in items if here in Path(str(i.fspath)).parents]
    items[:] = [i for i in items if i not in mine] + mine


@dataclass
class Made:
    doc: Doc
    problem: str = ""  # why there is no document to read (the download failed)
    file: Path | None = None  # what the user got
    pdf: pdfcheck.Pdf | None = None
    png: Path | None = None
    seconds: float = 0.0  # to make it, through the view


@dataclass
class Library:
    out: Path
    made: dict[str, Made]
    members: dict[tuple[str, int], int]  # (org code, year) → 党员 on the roll at the year's end
    seconds: dict[str, float] = field(default_factory=dict)


def _members_on(code: str, day) -> int:
    """党员 on the subtree's roll on `day`, counted here from the rows (RollSpan, Person dates), not by members.roll."""
    from dangjian.members.models import Person, RollSpan
    from dangjian.orgs.models import Org

    root = Org.objects.get(code=code)
    ids = {o.id for o in Org.objects.all() if o.path.startswith(root.path)}
    on_roll = {
        pid
        for pid, org_id, start, end in RollSpan.objects.values_list("person_id", "org_id", "start", "end")
        if org_id in ids and (start is None or start <= day) and (end is None or day < end)
    }
    return sum(
        1
        for p in Person.objects.filter(id__in=on_roll)
        if p.status in ("full_member", "probationary_member") and (p.join_date is None or p.join_date <= day)
    )


def _case_id() -> int:
    from django.db.models import Count

    from dangjian.recruitment.models import DevelopmentCase

    return (
        DevelopmentCase.objects.filter(org__code="FLZX")
        .annotate(n=Count("steps"))
        .order_by("-n", "id")
        .values_list("id", flat=True)
        .first()
    )


def _block():
    """An atomic block that the services' durable blocks may nest in, as in a TestCase."""
    from django.db import transaction

    block = transaction.atomic()
    block._from_testcase = True
    return block


def _download(clients, doc: Doc, case_id, out: Path) -> Made:
    url = doc.url.format(case=case_id)
    t0 = time.perf_counter()
    try:
        with _block():  # a savepoint: a view that fails leaves the rest of the run (PostgreSQL) usable
            resp = clients[doc.user].get(url)
    except Exception as exc:  # noqa: BLE001 — a 500 is this document's failure, not the harness's
        return Made(doc, problem=f"{url} 出错：{exc!r}")
    took = time.perf_counter() - t0
    if resp.status_code != 200:
        return Made(doc, problem=f"{url} 返回 {resp.status_code}")
    body = b"".join(resp.streaming_content) if getattr(resp, "streaming", False) else resp.content
    if not body.startswith(MAGIC[doc.ext]) or not resp["Content-Type"].startswith(MIME[doc.ext]):
        return Made(
            doc, problem=f"{url} 不是 .{doc.ext} 文件（Content-Type {resp['Content-Type']}，开头 {body[:8]!r}）"
        )
    path = out / "files" / f"{doc.id}.{doc.ext}"
    path.write_bytes(body)
    return Made(doc, file=path, seconds=took)


def _soffice(batches: list[list[Path]], outdir: Path) -> None:
    """One LibreOffice run per batch (it takes seconds to start), the batches side by side (one per core), each
    with a profile of its own."""
    runs = []
    for files in filter(None, batches):
        profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
        proc = subprocess.Popen(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, files),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        runs.append((proc, profile))
    try:
        for proc, _ in runs:
            _, err = proc.communicate(timeout=900)
            assert proc.returncode == 0, f"LibreOffice 转换失败：{err.decode(errors='replace')[-500:]}"
    finally:
        for proc, profile in runs:
            proc.kill() if proc.poll() is None else None
            shutil.rmtree(profile, ignore_errors=True)


def _read(m: Made, out: Path) -> None:
    pdf = m.file if m.doc.ext == "pdf" else out / "pdf" / f"{m.doc.id}.pdf"
    if not pdf.exists():
        m.problem = f"LibreOffice 未能把 {m.file.name} 转成 PDF"
        return
    m.pdf = pdfcheck.read(pdf)
    m.png = out / "png" / f"{m.doc.id}.png"
    pdfcheck.first_page_png(pdf, m.png.with_suffix(""))


@pytest.fixture(scope="session")
def library(django_db_setup, django_db_blocker) -> Library:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client

    out = Path(os.environ.get("DANGJIAN_DOCUMENTS_DIR", Path(settings.DATA_DIR) / "documents"))
    shutil.rmtree(out, ignore_errors=True)
    for sub in ("files", "pdf", "png"):
        (out / sub).mkdir(parents=True)
    seconds = {}
    t0 = time.perf_counter()
    with django_db_blocker.unblock():
        block = _block()
        block.__enter__()
        try:
            call_command("demo", stdout=io.StringIO())
            seconds["demo"] = time.perf_counter() - t0
            clients = {}
            for name in set(ORGS.values()):
                clients[name] = Client()
                clients[name].force_login(User.objects.get(username=name))
            case_id = _case_id()
            t1 = time.perf_counter()
            made = {d.id: _download(clients, d, case_id, out) for d in DOCS}
            seconds["download"] = time.perf_counter() - t1
            members = {(code, y): _members_on(code, year_end(y)) for code in ORGS for y in YEARS}
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)
            for cache in caches.all():
                cache.clear()
    t2 = time.perf_counter()
    office = [m.file for m in made.values() if m.file and m.doc.ext != "pdf"]
    _soffice([[f for f in office if f.suffix == ".docx"], [f for f in office if f.suffix == ".xlsx"]], out / "pdf")
    seconds["soffice"] = time.perf_counter() - t2
    t3 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:  # poppler's tools, one process each
        list(pool.map(lambda m: _read(m, out), [m for m in made.values() if m.file]))
    seconds["read"] = time.perf_counter() - t3
    print(
        f"\n文档：{out}（files 下载的文件，pdf 转换结果，png 首页）；用时 "
        + "，".join(f"{k} {v:.1f} s" for k, v in seconds.items()),
        file=sys.stderr,
    )
    slow = sorted(made.values(), key=lambda m: -m.seconds)[:5]
    print("最慢：" + "，".join(f"{m.doc.id} {m.seconds:.1f} s" for m in slow), file=sys.stderr)
    (out / "index.txt").write_text(  # what was made, for the record next to the files
        "".join(
            f"{m.doc.id}\t{m.doc.kind}\t{m.doc.url}\t{m.seconds:.2f} s\t{m.problem or '已生成'}\n"
            for m in made.values()
        )
        + "用时："
        + "，".join(f"{k} {v:.1f} s" for k, v in seconds.items())
        + "\n",
        encoding="utf-8",
    )
    return Library(out, made, members, seconds)


@pytest.fixture
def made(library, request) -> Made:
    m = library.made[request.param]
    assert not m.problem, f"{m.doc.kind}（{m.doc.id}）：{m.problem}"
    return m
