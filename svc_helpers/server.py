"""Voila command lines for the workshop server and the instructor's slides.

One place builds every Voila command line: the ``workshop.py`` bootstrap (through this
module's CLI), the browser-test fixture and the benchmarks all call
:func:`build_voila_args` and :func:`build_voila_env`, so what is tested is what is served.

CLI (messages in Chinese, URLs in English)::

    python -m svc_helpers.server serve [--port 8866] [--lan 192.168.1.20]
                                       [--room 30] [--module d1m3 ...]
                                       [--workbook-dir DIR] [--dry-run]
    python -m svc_helpers.server slides notebooks/day1/d1m3_pricing_tiers.ipynb
                                       [--port 8867] [--dry-run]

Defaults that protect users (DESIGN.md, "Defaults that protect users"):

* bound to ``127.0.0.1``; a LAN address only with ``--lan ADDRESS``, and only an address
  this machine owns;
* ``show_tracebacks=False`` and ``strip_sources=True`` for trainees;
* root directory is ``notebooks/`` and the static-file allowlist serves images only;
* a busy port is a Chinese error (``Voila.port_retries=0``), never a silent move;
* the ``svc-lab`` / ``svc-reveal`` templates load nothing from a CDN.

Preheated kernels
-----------------
In directory mode voila 0.5 preheats **every** notebook under the root (pool of 1 each,
``voila_kernel_manager.py``). We therefore set ``VoilaConfiguration.default_pool_size=0``
*and* a ``"default": {"pool_size": 0}`` entry in ``VoilaKernelManager.kernel_pools_config``
(when that dict is configured without a ``default`` key, voila falls back to a pool of 1 for
every unlisted notebook), then give a pool only to the course map and to the modules named
with ``--module``.

Sizing rule (:func:`pool_size`): ``ceil(room * 0.3)`` kernels per pooled notebook -- about the
share of a room that clicks within the same few seconds when the instructor says "open
d1m3" -- at least 1, then capped so that *all* pooled kernels together
(``pool * n_pools * 250 MB``) use at most half of the memory available now. A burst larger
than the pool cold-starts the rest (voila refills one kernel per ``fill_delay`` = 1 s).
Pooled kernels are never culled by voila; used kernels are culled after 30 min idle when
their tab is closed (``cull_connected`` stays False so open tabs survive).

References
----------
Voila 0.5.13 source: ``voila/app.py`` (``ip``, ``port_retries``), ``voila/configuration.py``
(``preheat_kernel``, ``default_pool_size``, ``file_allowlist``, ``show_tracebacks``,
``strip_sources``), ``voila/voila_kernel_manager.py`` (``kernel_pools_config``,
``cull_kernel_if_idle``); Voila docs ``customize.md`` (preheating, culling, executor timeout).
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import math
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterable, Mapping, Sequence

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
DEFAULT_WORKBOOK_DIR = PROJECT_ROOT / "workbooks"
#: A Jupyter data directory: ``voila_templates/voila/templates/svc-lab`` etc.  It is put in
#: front of ``JUPYTER_PATH`` because voila resolves template names *and* serves template
#: static files (``/voila/templates/<name>/static/``) only from Jupyter data paths;
#: ``--Voila.template_paths`` is overwritten by ``setup_template_dirs`` in voila 0.5.13.
TEMPLATES_DATA_DIR = Path(__file__).resolve().parent / "voila_templates"
TEMPLATES = ("svc-lab", "svc-reveal")

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8866
DEFAULT_SLIDES_PORT = 8867
DEFAULT_ROOM = 30
KERNEL_MB = 250
COURSE_MAP = "index.ipynb"
WORKBOOK_ENV = "SVC_WORKBOOK_DIR"
#: Static files voila may serve from the notebooks folder: images only.
IMAGE_ALLOWLIST = (r".*\.(png|jpg|jpeg|gif|svg|webp)",)
CULL_INTERVAL_S = 60
CULL_IDLE_TIMEOUT_S = 1800
EXECUTOR_TIMEOUT_S = 60


class ServerError(Exception):
    """A problem the instructor can fix; the message is Chinese and printable."""


# --------------------------------------------------------------------------- sizing
def pool_size(room: int, available_bytes: int | None, n_pools: int = 1,
              kernel_mb: int = KERNEL_MB) -> int:
    """Preheated kernels per pooled notebook.

    ``ceil(room * 0.3)``, at least 1, capped so ``result * n_pools * kernel_mb`` is at most
    half of ``available_bytes`` (no cap when memory is unknown).

    Parameters
    ----------
    room : expected trainees in the room.
    available_bytes : memory available now (``None`` if unknown).
    n_pools : number of notebooks that get a pool.
    kernel_mb : memory budget of one kernel in MB (~250 MB for pandas + matplotlib apps).

    References
    ----------
    TLJH resource estimation (concurrent users 40-60 % of a class); VOILA-NOTES.md §2.
    """
    size = max(1, math.ceil(max(room, 0) * 0.3))
    if available_bytes is not None and available_bytes > 0:
        budget = available_bytes / 2 / (kernel_mb * 1024 * 1024)
        size = min(size, int(budget // max(n_pools, 1)))
    return max(1, size)


def available_memory() -> int | None:
    """Bytes of memory available now (psutil when present, else /proc, else None)."""
    try:
        import psutil  # ipykernel depends on it, but we do not require it

        return int(psutil.virtual_memory().available)
    except Exception:
        pass
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def module_notebooks(modules: Iterable[str], notebooks_dir: Path = NOTEBOOKS_DIR) -> list[str]:
    """Map module codes (``d1m3``) or relative notebook paths to paths relative to the root.

    Raises :class:`ServerError` (Chinese) when a module matches no notebook.
    """
    found: list[str] = []
    for mod in modules:
        mod = mod.strip()
        if not mod:
            continue
        if mod.endswith(".ipynb"):
            candidates = [notebooks_dir / mod]
        else:
            if not re.fullmatch(r"d\d+m\d+", mod, flags=re.IGNORECASE):
                raise ServerError(f"模块代号“{mod}”格式不对，应类似 d1m3（第1天第3个模块）。")
            candidates = sorted(notebooks_dir.glob(f"day*/{mod.lower()}_*.ipynb"))
        candidates = [c for c in candidates if c.is_file()]
        if not candidates:
            raise ServerError(f"找不到模块“{mod}”对应的笔记本（在 {notebooks_dir} 下）。")
        for c in candidates:
            rel = c.resolve().relative_to(notebooks_dir.resolve()).as_posix()
            if rel not in found:
                found.append(rel)
    return found


# --------------------------------------------------------------------------- addresses
def check_lan_address(address: str) -> str:
    """Validate that ``address`` is a concrete IP address owned by this machine."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        raise ServerError(f"“{address}”不是有效的 IP 地址，例如 192.168.1.20。") from None
    if ip.is_unspecified:
        raise ServerError("请给出本机的具体局域网地址（不要用 0.0.0.0），例如 192.168.1.20。")
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.bind((str(ip), 0))
    except OSError:
        hint = ", ".join(local_addresses()) or "（未找到）"
        raise ServerError(f"“{address}”不是本机的地址。本机可用地址：{hint}") from None
    return str(ip)


def local_addresses() -> list[str]:
    """Best-effort list of this machine's non-loopback IPv4 addresses (stdlib only)."""
    addrs: set[str] = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            addrs.add(info[4][0])
    except OSError:
        pass
    try:  # the address used for the default route; sends nothing
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))
            addrs.add(s.getsockname()[0])
    except OSError:
        pass
    return sorted(a for a in addrs if not a.startswith("127."))


def port_is_free(host: str, port: int) -> bool:
    """True when ``host:port`` can be bound now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        if os.name != "nt":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def ensure_port_free(host: str, port: int) -> None:
    """Raise a Chinese :class:`ServerError` when the port is taken."""
    if not 0 < port < 65536:
        raise ServerError(f"端口 {port} 无效，请用 1024–65535 之间的数字。")
    if not port_is_free(host, port):
        raise ServerError(
            f"端口 {port} 已被占用（可能工作坊已经在运行，或其他程序占用了它）。"
            f"请关闭占用的程序，或换一个端口：--port {port + 1}"
        )


def free_port(host: str = LOOPBACK) -> int:
    """An unused TCP port on ``host`` (for tests and benchmarks)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- commands
def _py_literal(value: object) -> str:
    """A dict/list literal traitlets parses from the command line."""
    return json.dumps(value, ensure_ascii=True).replace("true", "True").replace(
        "false", "False").replace("null", "None")


def build_voila_args(
    target: Path | str,
    *,
    template: str = "svc-lab",
    host: str = LOOPBACK,
    port: int = DEFAULT_PORT,
    show_tracebacks: bool = False,
    strip_sources: bool = True,
    pools: Mapping[str, int] | None = None,
    file_allowlist: Sequence[str] = IMAGE_ALLOWLIST,
    shutdown_on_close: bool = True,
    extra_args: Sequence[str] = (),
) -> list[str]:
    """Arguments for ``python -m voila`` (without the interpreter part).

    Parameters
    ----------
    target : a notebook (single-notebook mode, page at ``/``) or a directory (directory
        mode, pages at ``/voila/render/<relpath>``; the directory is the root).
    template : ``svc-lab`` (apps) or ``svc-reveal`` (slides).
    host, port : where to listen; ``port_retries`` is always 0.
    show_tracebacks : True only for tests and rehearsal.
    pools : ``{notebook path relative to the root (forward slashes): pool size}``; when
        given (even empty), preheating is on and every other notebook gets pool 0.
        ``None`` means no preheating at all.
    file_allowlist : regexes of static files voila may serve (images by default).
    shutdown_on_close : let a closing tab shut its kernel down. voila 0.5.13's page sends
        ``POST /voila/api/shutdown/<id>`` (sendBeacon) with the ``_xsrf`` cookie, but voila
        never sets that cookie, so every shutdown is refused (403) and the kernel lingers
        until culled (30 min). We set ``disable_check_xsrf``: voila has no login anyway and
        these endpoints need the kernel's random id.
    extra_args : appended last, so they win.

    Use with :func:`build_voila_env` (the templates are found through ``JUPYTER_PATH``).
    """
    target = Path(target)
    args = [
        str(target),
        "--no-browser",
        f"--Voila.ip={host}",
        f"--Voila.port={int(port)}",
        "--Voila.port_retries=0",
        f"--Voila.root_dir={target if target.is_dir() else target.parent}",
        f"--template={template}",
        "--theme=light",
        f"--VoilaConfiguration.show_tracebacks={bool(show_tracebacks)}",
        f"--VoilaConfiguration.strip_sources={bool(strip_sources)}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_S}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_TIMEOUT_S}",
        "--MappingKernelManager.cull_connected=False",
        f"--VoilaExecutor.timeout={EXECUTOR_TIMEOUT_S}",
    ]
    if shutdown_on_close:
        args.append(f"--Voila.tornado_settings={_py_literal({'disable_check_xsrf': True})}")
    # traitlets 5: a list option is given once per item (a list literal is deprecated)
    args += [f"--VoilaConfiguration.file_allowlist={rx}" for rx in file_allowlist]
    if pools is not None:
        config: dict[str, dict[str, int]] = {"default": {"pool_size": 0}}
        for name, size in pools.items():
            config[Path(name).as_posix()] = {"pool_size": max(int(size), 0)}
        args += [
            "--VoilaConfiguration.preheat_kernel=True",
            "--VoilaConfiguration.default_pool_size=0",
            f"--VoilaKernelManager.kernel_pools_config={_py_literal(config)}",
        ]
    args += list(extra_args)
    return args


def build_voila_env(workbook_dir: Path | str | None = None,
                    base: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for the voila process (inherited by its kernels).

    Puts :data:`TEMPLATES_DATA_DIR` first on ``JUPYTER_PATH``, the project root first on
    ``PYTHONPATH`` and sets ``SVC_WORKBOOK_DIR``
    (default ``<project>/workbooks/``; an existing value in ``base`` is kept when
    ``workbook_dir`` is None).
    """
    env = dict(os.environ if base is None else base)
    paths = [str(TEMPLATES_DATA_DIR)]
    if env.get("JUPYTER_PATH"):
        paths += [p for p in env["JUPYTER_PATH"].split(os.pathsep)
                  if p and p != str(TEMPLATES_DATA_DIR)]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    if workbook_dir is not None:
        env[WORKBOOK_ENV] = str(Path(workbook_dir).resolve())
    else:
        env.setdefault(WORKBOOK_ENV, str(DEFAULT_WORKBOOK_DIR))
    # kernels run in the notebook's folder: make ``import svc_helpers`` work without install
    pp = [str(PROJECT_ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep)
                                if p and p != str(PROJECT_ROOT)]
    env["PYTHONPATH"] = os.pathsep.join(pp)
    # traitlets' deprecation notice for dict options is noise on the instructor's console
    env.setdefault("PYTHONWARNINGS", "ignore::DeprecationWarning")
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


def voila_command(args: Sequence[str], python: str | None = None) -> list[str]:
    """``[python, -m, voila, *args]``."""
    return [python or sys.executable, "-m", "voila", *args]


def wait_until_up(base_url: str, proc: subprocess.Popen, log: Path | None = None,
                  timeout: float = 60.0) -> None:
    """Block until the voila at ``base_url`` answers (tests and benchmarks).

    Probes a static file: any HTTP answer means the server is up (asking for ``/`` of a
    single-notebook server would execute the notebook). Raises ``RuntimeError`` with the
    end of ``log`` if voila exits or does not answer within ``timeout`` seconds.
    """
    def tail() -> str:
        return log.read_text(errors="replace")[-3000:] if log and log.exists() else ""

    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"voila exited with {proc.returncode}; log:\n{tail()}")
        try:
            with urllib.request.urlopen(base_url + "voila/static/voila.js", timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except Exception as exc:  # connection refused while starting
            last = exc
            time.sleep(0.25)
    raise RuntimeError(f"voila did not answer within {timeout:.0f}s ({last}); log:\n{tail()}")


def stop_server(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop a voila started with ``start_new_session=True`` and its kernels."""
    if proc.poll() is not None:
        return
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGTERM)
        else:
            proc.terminate()
        proc.wait(timeout=timeout)
    except Exception:
        if os.name == "posix":
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        else:
            proc.kill()
        proc.wait(timeout=timeout)


def serve_url(host: str, port: int) -> str:
    """Landing page (course map) of the workshop server."""
    return f"http://{_url_host(host)}:{port}/voila/render/{COURSE_MAP}"


def slides_url(host: str, port: int) -> str:
    return f"http://{_url_host(host)}:{port}/"


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def plan_serve(*, port: int = DEFAULT_PORT, lan: str | None = None, room: int = DEFAULT_ROOM,
               modules: Sequence[str] = (), notebooks_dir: Path = NOTEBOOKS_DIR,
               available_bytes: int | None = None, check_port: bool = True,
               show_tracebacks: bool = False) -> tuple[list[str], str, dict[str, int]]:
    """Validate the instructor's choices; return (voila args, URL, pools)."""
    host = check_lan_address(lan) if lan else LOOPBACK
    if not notebooks_dir.is_dir():
        raise ServerError(f"找不到笔记本文件夹：{notebooks_dir}")
    if room < 1:
        raise ServerError("--room 应为预计学员人数（≥1）。")
    if check_port:
        ensure_port_free(host, port)
    names = []
    if (notebooks_dir / COURSE_MAP).is_file():
        names.append(COURSE_MAP)
    names += [m for m in module_notebooks(modules, notebooks_dir) if m not in names]
    size = pool_size(room, available_bytes, n_pools=max(len(names), 1))
    pools = {name: size for name in names}
    args = build_voila_args(notebooks_dir, template="svc-lab", host=host, port=port,
                            show_tracebacks=show_tracebacks, pools=pools)
    return args, serve_url(host, port), pools


def plan_slides(notebook: Path | str, *, port: int = DEFAULT_SLIDES_PORT,
                check_port: bool = True) -> tuple[list[str], str]:
    """Validate; return (voila args, URL) for one notebook as a reveal deck."""
    nb = Path(notebook)
    if not nb.is_file() or nb.suffix != ".ipynb":
        raise ServerError(f"找不到笔记本：{nb}（需要 .ipynb 文件）")
    if check_port:
        ensure_port_free(LOOPBACK, port)
    args = build_voila_args(nb.resolve(), template="svc-reveal", host=LOOPBACK, port=port,
                            show_tracebacks=False)
    return args, slides_url(LOOPBACK, port)


# --------------------------------------------------------------------------- CLI
def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m svc_helpers.server",
                                description="工作坊 Voila 服务 / Workshop Voila server")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="启动整个工作坊（课程地图 + 全部练习）")
    s.add_argument("--port", type=int, default=DEFAULT_PORT)
    s.add_argument("--lan", metavar="ADDRESS", default=None,
                   help="在局域网中共享：本机的局域网 IP 地址（默认只在本机 127.0.0.1）")
    s.add_argument("--room", type=int, default=DEFAULT_ROOM, help="预计学员人数（默认 30）")
    s.add_argument("--module", action="append", default=[], metavar="d1m3",
                   help="正在使用的模块，可重复；为它们预热内核")
    s.add_argument("--workbook-dir", default=None, help="团队工作簿目录（默认 workbooks/）")
    s.add_argument("--dry-run", action="store_true", help="只打印 voila 命令，不启动")
    sl = sub.add_parser("slides", help="把一个笔记本作为幻灯片放映")
    sl.add_argument("notebook")
    sl.add_argument("--port", type=int, default=DEFAULT_SLIDES_PORT)
    sl.add_argument("--workbook-dir", default=None)
    sl.add_argument("--dry-run", action="store_true")
    return p


def _run(args: list[str], env: dict[str, str]) -> int:
    cmd = voila_command(args)
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
        except Exception:
            pass
    opts = _parser().parse_args(argv)
    try:
        if opts.command == "serve":
            args, url, pools = plan_serve(port=opts.port, lan=opts.lan, room=opts.room,
                                          modules=opts.module,
                                          available_bytes=available_memory(),
                                          check_port=not opts.dry_run)
            env = build_voila_env(opts.workbook_dir)
            print("工作坊服务器启动中（首次打开需等待内核预热，约几十秒）…")
            print(f"课程地图 / Course map: {url}")
            if opts.lan:
                print(f"请把这个地址发给学员 / Share this URL with trainees: {url}")
            else:
                print("只在本机可访问；如需学员用自己的电脑访问，请加 --lan 本机局域网地址。")
            print("预热内核 / preheated kernels: "
                  + ", ".join(f"{k}×{v}" for k, v in pools.items()))
            print(f"团队工作簿目录 / workbooks: {env[WORKBOOK_ENV]}")
            print("按 Ctrl+C 停止。")
        else:
            args, url = plan_slides(opts.notebook, port=opts.port, check_port=not opts.dry_run)
            env = build_voila_env(opts.workbook_dir)
            print("幻灯片启动中… 用方向键翻页，按 F 全屏，按 S 打开演讲者视图。")
            print(f"幻灯片 / Slides: {url}")
            print("按 Ctrl+C 停止。")
    except ServerError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    sys.stdout.flush()
    if opts.dry_run:
        print(" ".join(voila_command(args)))
        return 0
    return _run(args, env)


if __name__ == "__main__":
    sys.exit(main())
