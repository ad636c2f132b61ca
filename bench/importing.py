"""Import a 60,000-row roster .xlsx end to end with `dangjian import-roster`, in a subprocess.

Figures: wall time and peak RSS of the subprocess (GNU time -v), and the bare python-calamine parse
time of the same file, so the import's overhead over reading the file is visible as a ratio.
"""

import datetime
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import xlsxwriter

from dangjian.members.models import Person
from dangjian.members.roster_io import parse
from dangjian.orgs.models import Org
from dangjian.orgs.services import org_create
from dangjian.site.scale.people import PeopleMaker

ORG_CODE = "BENCH-IMPORT"
FIELDS = [
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "id_number",
    "native_place",
    "education",
    "degree",
    "professional_title",
    "post",
    "subject",
    "phone",
    "status",
    "join_date",
    "confirmation_date",
    "category",
    "is_mobile",
    "mobile_since",
    "is_lost_contact",
    "lost_contact_since",
]
DATES = {"birth_date", "join_date", "confirmation_date", "mobile_since", "lost_contact_since"}


def target_org(parent_code: str) -> Org:
    """A fresh branch to import into (people from an earlier run are removed first)."""
    org = Org.objects.filter(code=ORG_CODE).first()
    if org is None:
        return org_create(
            actor=None,
            kind="branch",
            name="压测导入党支部",
            code=ORG_CODE,
            parent=Org.objects.get(code=parent_code),
            unit="压测学校",
        )
    Person.objects.filter(org=org).delete()
    return org


def _label(field: str, value) -> str:
    choices = parse.ENUM_LABELS.get(field)
    if choices is None:
        return value
    return dict(choices.choices).get(value, value)


def write_xlsx(path: Path, rows: int, org: Org, seed: int = 7) -> None:
    """A roster as secretaries keep it: a title row, Chinese headers, dates as Excel dates, IDs as text."""
    rng = random.Random(seed)
    taken = set(Person.objects.exclude(id_number="").values_list("id_number", flat=True))
    maker = PeopleMaker(rng, today=datetime.date.today(), taken_ids=taken, area_codes=["440105"])
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("花名册")
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    text_fmt = wb.add_format({"num_format": "@"})
    ws.write(0, 0, f"{org.name}党员花名册")
    for col, field in enumerate(FIELDS):
        ws.write_string(1, col, parse.BY_FIELD[field].label)
    for r in range(rows):
        p = maker.person(org, retired=rng.random() < 0.2, area="440105")
        for col, field in enumerate(FIELDS):
            value = getattr(p, field)
            if field in DATES:
                if value:
                    ws.write_datetime(r + 2, col, datetime.datetime.combine(value, datetime.time()), date_fmt)
            elif isinstance(value, bool):
                ws.write_string(r + 2, col, "是" if value else "否")
            elif value:
                ws.write_string(r + 2, col, _label(field, value), text_fmt if field in ("id_number", "phone") else None)
    wb.close()


def calamine_parse(path: Path) -> tuple[float, float]:
    """(wall, cpu) seconds to read every cell of the first sheet."""
    from python_calamine import CalamineWorkbook

    t0, c0 = time.perf_counter(), time.process_time()
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    assert len(rows) >= 2
    return wall, cpu


def run_import(path: Path, env: dict) -> dict:
    cli = str(Path(sys.executable).with_name("dangjian"))
    cmd = [cli, "import-roster", str(path), "--org", ORG_CODE]
    timer = shutil.which("time") or "/usr/bin/time"
    t0 = time.perf_counter()
    proc = subprocess.run([timer, "-v", *cmd], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", proc.stderr))
    return {
        "exit_code": proc.returncode,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "peak_rss_mb": round(int(rss.group(1)) / 1024, 1) if rss else None,
        "stdout": proc.stdout.strip()[-300:],
        "stderr_tail": "" if proc.returncode == 0 else proc.stderr.strip()[-800:],
    }


def measure(*, rows: int, parent_code: str, env: dict, out_dir: Path) -> dict:
    org = target_org(parent_code)
    # The file is kept in bench/out/ and reused (its IDs use an area code the scale data never uses);
    # delete it to regenerate.
    path = out_dir / f"roster-{rows}.xlsx"
    t0 = time.perf_counter()
    if not path.exists():
        write_xlsx(path, rows, org)
    result = {
        "rows": rows,
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "generate_s": round(time.perf_counter() - t0, 1),
    }
    parses = [calamine_parse(path) for _ in range(3)]
    result["calamine_parse_s"] = round(min(w for w, _ in parses), 2)
    result["calamine_cpu_s"] = round(min(c for _, c in parses), 2)
    result.update(run_import(path, env))
    if result["exit_code"] == 0:
        result["imported"] = Person.objects.filter(org=org).count()
        result["ratio_to_calamine"] = round(result["wall_s"] / result["calamine_parse_s"], 1)
        result["cpu_ratio_to_calamine"] = round(result["cpu_s"] / max(result["calamine_cpu_s"], 0.01), 1)
    return result
