"""Load check: how many trainees can open a notebook at once with time-to-first-widget <= 3 s?

Runs standalone (loopback only, bounded)::

    python benchmarks/load_check.py --sessions 1,2,4,8 \
        --notebook tests/browser/fixtures/offline_slides.ipynb

For each mode (``cold``: no preheated kernel; ``pool``: a pool sized to the largest N) the
server is started through ``svc_helpers.server.build_voila_args`` (same flags as production),
then for each N one Chromium (system browser, never downloaded) opens N contexts at once and
measures, per page, the time from ``goto`` to the first ``.jupyter-widgets`` element after
``#loading`` is gone. Kernel memory = sum of RSS of the ipykernel children of the voila
server / number of kernels (psutil). Prints a table and the largest N whose p95 <= 3 s.
Never asserts a time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from svc_helpers import server as svc_server  # noqa: E402

BUDGET_S = 3.0
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def p95(values: list[float]) -> float:
    vals = sorted(values)
    if not vals:
        return float("nan")
    k = max(0, min(len(vals) - 1, int(round(0.95 * len(vals) + 0.5)) - 1))
    return vals[k]


def start_server(notebook: Path, pool: int | None, log: Path) -> tuple[subprocess.Popen, str]:
    port = svc_server.free_port()
    pools = {notebook.name: pool} if pool else None
    args = svc_server.build_voila_args(notebook, template="svc-lab", port=port, pools=pools)
    env = svc_server.build_voila_env(Path(tempfile.mkdtemp(prefix="svc-wb-")))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [p for p in [os.environ.get("PYTHONPATH")] if p])
    proc = subprocess.Popen(svc_server.voila_command(args), env=env, cwd=ROOT,
                            stdout=open(log, "wb"), stderr=subprocess.STDOUT,
                            start_new_session=(os.name == "posix"))
    base = f"http://127.0.0.1:{port}/"
    svc_server.wait_until_up(base, proc, log, timeout=60)
    return proc, base


def kernel_rss_mb(server_pid: int) -> tuple[int, float]:
    import psutil

    try:
        kids = [c for c in psutil.Process(server_pid).children(recursive=True)
                if "ipykernel" in " ".join(c.cmdline())]
        rss = sum(c.memory_info().rss for c in kids)
    except psutil.Error:
        return 0, float("nan")
    return len(kids), (rss / len(kids) / 2**20) if kids else float("nan")


def wait_pool_ready(proc: subprocess.Popen, want: int, timeout: float) -> int:
    """Wait until ``want`` kernels exist and the server and kernels are idle.

    Preheated kernels run the notebook after they start; measuring before that work is done
    would charge it to the trainees' first page loads. "Idle" = the server and its kernels
    together use under 10 % of one core for two consecutive seconds.
    """
    import psutil

    deadline = time.monotonic() + timeout
    n = 0
    while time.monotonic() < deadline:
        n, _ = kernel_rss_mb(proc.pid)
        if n >= want:
            break
        time.sleep(0.5)
    quiet = 0
    while time.monotonic() < deadline and quiet < 2:
        try:
            procs = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
            for q in procs:
                q.cpu_percent(None)
            time.sleep(1.0)
            busy = sum(q.cpu_percent(None) for q in procs)
        except psutil.Error:
            busy = 100.0
        quiet = quiet + 1 if busy < 10.0 else 0
    return n


def run_round(browser, url: str, n: int, timeout_s: float,
              server_pid: int) -> tuple[list[float], int, int, float]:
    contexts = [browser.new_context() for _ in range(n)]
    pages = [c.new_page() for c in contexts]
    t0: dict[int, float] = {}
    for i, pg in enumerate(pages):  # fire all navigations without waiting
        t0[i] = time.monotonic()
        pg.evaluate(f"() => {{ window.location.href = {url!r}; }}")
    times: list[float] = []
    failures = 0
    pending = set(range(n))
    deadline = time.monotonic() + timeout_s
    while pending and time.monotonic() < deadline:
        for i in list(pending):
            try:
                ok = pages[i].evaluate(
                    "() => !document.getElementById('loading') && "
                    "!!document.querySelector('#rendered_cells .jupyter-widgets')")
            except Exception:
                ok = False  # navigation in progress
            if ok:
                times.append(time.monotonic() - t0[i])
                pending.discard(i)
        time.sleep(0.05)
    failures = len(pending)
    nk, rss = kernel_rss_mb(server_pid)  # while the pages are still open
    for pg in pages:
        try:
            pg.close(run_before_unload=True)
        except Exception:
            pass
    for c in contexts:
        c.close()
    return times, failures, nk, rss


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", default="1,2,4,8", help="comma-separated concurrent pages (max 16)")
    ap.add_argument("--notebook", default="tests/browser/fixtures/offline_slides.ipynb")
    ap.add_argument("--modes", default="cold,pool")
    ap.add_argument("--timeout", type=float, default=90.0, help="per round, seconds")
    args = ap.parse_args(argv)
    sessions = sorted({min(int(s), 16) for s in args.sessions.split(",") if s.strip()})
    notebook = (ROOT / args.notebook).resolve() if not Path(args.notebook).is_absolute() else Path(args.notebook)
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("system Chromium not found (set CHROMIUM_PATH)")
    out = ROOT / "build" / "benchmarks"
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            for n in sessions:
                # a fresh server per round, so kernels of the previous round do not count
                pool = n if mode == "pool" else None
                proc, base = start_server(notebook, pool, out / f"load_check-{mode}-{n}.log")
                try:
                    if pool:
                        wait_pool_ready(proc, pool, timeout=30 + 10 * pool)
                    times, failures, nk, rss = run_round(browser, base, n, args.timeout, proc.pid)
                finally:
                    svc_server.stop_server(proc)
                med = statistics.median(times) if times else float("nan")
                rows.append((mode, n, med, p95(times), failures, nk, rss))
                print(f"  {mode:5s} N={n:2d}  median {med:5.2f}s  p95 {p95(times):5.2f}s  "
                      f"failed {failures}  kernels {nk}  RSS/kernel {rss:6.1f} MB", flush=True)
        browser.close()

    print()
    print(f"notebook: {notebook.relative_to(ROOT) if notebook.is_relative_to(ROOT) else notebook}")
    print(f"{'mode':6s}{'N':>4s}{'median s':>10s}{'p95 s':>8s}{'failed':>8s}{'kernels':>9s}{'MB/kernel':>11s}")
    for mode, n, med, q95, fail, nk, rss in rows:
        print(f"{mode:6s}{n:4d}{med:10.2f}{q95:8.2f}{fail:8d}{nk:9d}{rss:11.1f}")
    for mode in sorted({r[0] for r in rows}):
        ok = [r[1] for r in rows if r[0] == mode and r[4] == 0 and r[3] <= BUDGET_S]
        print(f"largest N with p95 <= {BUDGET_S:.0f} s ({mode}): {max(ok) if ok else 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
