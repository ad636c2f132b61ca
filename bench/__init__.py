"""City-scale benchmarks (issue 2, "Scale and speed"). Run: .venv/bin/python bench/run.py --db sqlite|postgres"""
