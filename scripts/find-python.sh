#!/usr/bin/env bash
# Print a working Python >= 3.12 interpreter, or explain what to install.
for cand in python3.13 python3.12 python3; do
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    command -v "$cand"; exit 0
  fi
done
for v in 3.13.0 3.12.1; do
  if PYENV_VERSION=$v python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    PYENV_VERSION=$v python3 -c 'import sys; print(sys.executable)'; exit 0
  fi
done
if command -v pyenv >/dev/null 2>&1; then
  for p in $(ls -d "$(pyenv root)"/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV); do
    "$p" -c 'import sys' 2>/dev/null && { echo "$p"; exit 0; }
  done
fi
echo "找不到 Python 3.12 或更高版本。请先安装（例如 apt-get install python3.12 或 pyenv install 3.12）。" >&2
echo "No Python >= 3.12 found. Install python3.12 (or newer) and retry." >&2
exit 1
