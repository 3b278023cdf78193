"""Exercise-app figures: build time, callback latency and memory (prints; never asserts).

For each app, in a fresh Python process (like a fresh kernel):
* RSS before importing anything, after importing the app, and after opening it;
* time to open the app (load case, restore, first render);
* callback latency: one field change -> recompute + redraw (median and p95 over N runs).

    python benchmarks/bench_app_latency.py [--runs 30] [--apps pricing,vendor_radar,plan]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

APPS = {
    # name: (module, class, python that changes one input of `app`, alternating with i)
    "pricing": ("svc_helpers.apps.pricing", "PricingTiersApp",
                "app.prices[2].value = 3000 + (i % 2) * 100"),
    # move 5 points between two weights (the sum stays 100 %): scores, shortlist, radar redrawn
    "vendor_radar": ("svc_helpers.apps.vendor_radar", "VendorRadarApp",
                     "d = 5 if i % 2 == 0 else -5\n"
                     "with app.batch():\n"
                     "    app.weights['能力'].value += d\n"
                     "    app.weights['价格'].value -= d"),
    # edit one week's goal: plan re-validated, board redrawn
    "plan": ("svc_helpers.apps.plan_30_60_90", "Plan306090App",
             "app.cards[3]['goal'].value = f'完成第 {i} 版客户画像'"),
}

CHILD = r"""
import json, os, sys, time, importlib
import psutil
proc = psutil.Process()
rss0 = proc.memory_info().rss
module, cls, change, runs, wbdir = sys.argv[1:6]
t = time.perf_counter(); App = getattr(importlib.import_module(module), cls)
import_s = time.perf_counter() - t; rss1 = proc.memory_info().rss
t = time.perf_counter(); app = App.open(team="基准测试组", workbook_dir=wbdir)
open_s = time.perf_counter() - t; rss2 = proc.memory_info().rss
samples = []
for i in range(int(runs)):
    t = time.perf_counter(); exec(change, {"app": app, "i": i}); samples.append(time.perf_counter() - t)
print(json.dumps({"import_s": import_s, "open_s": open_s, "samples": samples,
                  "rss_start": rss0, "rss_import": rss1, "rss_open": rss2,
                  "rss_end": proc.memory_info().rss, "findings": len(app.findings)}))
"""


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--apps", default=",".join(APPS))
    args = parser.parse_args()
    print(f"{'app':<14}{'import s':>9}{'open s':>8}{'cb median ms':>14}{'cb p95 ms':>11}"
          f"{'RSS start MB':>14}{'RSS open MB':>13}{'RSS end MB':>12}")
    for name in args.apps.split(","):
        module, cls, change = APPS[name]
        with tempfile.TemporaryDirectory() as wbdir:
            out = subprocess.run([sys.executable, "-c", CHILD, module, cls, change, str(args.runs), wbdir],
                                 capture_output=True, text=True, cwd=ROOT,
                                 env={"MPLBACKEND": "Agg", "PATH": "", "PYTHONPATH": str(ROOT)})
        if out.returncode:
            print(f"{name:<14} failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        ms = [s * 1000 for s in r["samples"]]
        mb = 1024 * 1024
        print(f"{name:<14}{r['import_s']:>9.2f}{r['open_s']:>8.2f}{statistics.median(ms):>14.0f}"
              f"{p95(ms):>11.0f}{r['rss_start'] / mb:>14.0f}{r['rss_open'] / mb:>13.0f}"
              f"{r['rss_end'] / mb:>12.0f}")


if __name__ == "__main__":
    main()
