"""What every part of the load test shares: its paths, a timestamped line on the console, a checked subprocess."""

import datetime
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
OUT = REPO / "bench" / "out" / "load"
VENV_BIN = Path(sys.executable).parent


def say(msg: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {msg}", flush=True)


def run(cmd, env=None, **kw):
    return subprocess.run(cmd, env=env, check=True, **kw)
