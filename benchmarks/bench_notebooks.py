"""Papermill time per notebook against the floor of an empty notebook (prints; never asserts).

The floor is what any notebook costs (kernel start + papermill); a module notebook's own
cost is its time minus the floor.

    python benchmarks/bench_notebooks.py [--repeat 2] [notebooks/day1/d1m3_pricing_tiers.ipynb ...]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill as pm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from svc_helpers.nbtools import notebook_paths  # noqa: E402


def run(path: Path, params: dict, workdir: Path) -> float:
    start = time.perf_counter()
    pm.execute_notebook(str(path), str(workdir / f"out-{path.name}"), parameters=params,
                        kernel_name="python3", cwd=str(path.parent), progress_bar=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", default=[str(ROOT / "notebooks")])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        empty = workdir / "empty.ipynb"
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, empty)
        floor = statistics.median(run(empty, {}, workdir) for _ in range(args.repeat))
        print(f"{'notebook':<44}{'median s':>10}{'minus floor s':>15}")
        print(f"{'(empty notebook: the floor)':<44}{floor:>10.2f}{0:>15.2f}")
        for path in notebook_paths(args.notebooks):
            params = {"team": "基准测试组", "workbook_dir": str(workdir / "wb")} \
                if path.parent.name.startswith("day") else {}
            seconds = statistics.median(run(path, params, workdir) for _ in range(args.repeat))
            print(f"{path.relative_to(ROOT).as_posix():<44}{seconds:>10.2f}{seconds - floor:>15.2f}")


if __name__ == "__main__":
    main()
