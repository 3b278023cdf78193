"""Browser-test fixtures: system Chromium via Playwright, Voila started like production.

Fixtures
--------
``browser``       session-scoped headless Chromium (never downloads a browser).
``voila_server``  factory ``start(target, *, template="svc-lab", extra_args=(), env=None) -> base URL``;
                  built by ``svc_helpers.server.build_voila_args`` with ``show_tracebacks=True``,
                  a free port on 127.0.0.1, a temp ``SVC_WORKBOOK_DIR``; killed at teardown;
                  log in ``build/browser/voila-<port>.log``.
``page``          a fresh context + page; ``page.external_requests`` lists every request whose
                  host is not 127.0.0.1/localhost; ``page.console_errors`` every console error.

Helpers
-------
``wait_for_voila(page)``, ``assert_no_traceback(page)``, ``screenshot(page, name)``,
``chromium_path()``, ``BUILD_DIR`` -- also as the fixture ``vh`` (``vh.wait_for_voila(page)``).

Single-notebook targets are served at the base URL; for a directory target open
``base + "voila/render/<relpath>"``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Callable, Iterator
from urllib.parse import urlsplit

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from svc_helpers import server as svc_server  # noqa: E402

BUILD_DIR = PROJECT_ROOT / "build" / "browser"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT_S = 60
VOILA_RENDER_TIMEOUT_MS = 90_000


def chromium_path() -> str | None:
    """``$CHROMIUM_PATH``, else ``chromium`` / ``chromium-browser`` on PATH, else None."""
    env = os.environ.get("CHROMIUM_PATH")
    if env:
        return env
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _require_chromium() -> str:
    path = chromium_path()
    if path and Path(path).exists():
        return path
    msg = ("system Chromium not found (set CHROMIUM_PATH or install Debian `chromium`); "
           "browser tests never download a browser")
    if os.environ.get("CI"):
        pytest.fail(msg + " -- required under CI", pytrace=False)
    pytest.skip(msg)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    exe = _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension", "devtools"):
        return True
    host = (parts.hostname or "").lower()
    return host in LOCAL_HOSTS


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    pg = context.new_page()
    pg.external_requests = []  # type: ignore[attr-defined]
    pg.console_errors = []  # type: ignore[attr-defined]

    def on_request(req) -> None:
        if not _is_local(req.url):
            pg.external_requests.append(req.url)  # type: ignore[attr-defined]

    def on_console(msg) -> None:
        if msg.type == "error":
            pg.console_errors.append(msg.text)  # type: ignore[attr-defined]

    pg.on("request", on_request)
    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: pg.console_errors.append(f"pageerror: {exc}"))  # type: ignore[attr-defined]
    try:
        yield pg
    finally:
        try:
            pg.close(run_before_unload=True)  # lets voila shut the kernel down
        except Exception:
            pass
        context.close()


@pytest.fixture
def voila_server(tmp_path_factory) -> Iterator[Callable[..., str]]:
    started: list[tuple[subprocess.Popen, object]] = []
    BUILD_DIR.mkdir(parents=True, exist_ok=True)

    def start(target: Path, *, template: str = "svc-lab", extra_args=(), env=None) -> str:
        target = Path(target).resolve()
        port = svc_server.free_port()
        workbooks = tmp_path_factory.mktemp("workbooks")
        args = svc_server.build_voila_args(target, template=template, port=port,
                                           show_tracebacks=True, extra_args=tuple(extra_args))
        full_env = svc_server.build_voila_env(workbooks, base=os.environ)
        full_env["PYTHONPATH"] = os.pathsep.join(
            [str(PROJECT_ROOT)] + [p for p in [os.environ.get("PYTHONPATH")] if p])
        if env:
            full_env.update(env)
        log = BUILD_DIR / f"voila-{target.stem}-{template}-{port}.log"
        fh = open(log, "wb")
        proc = subprocess.Popen(svc_server.voila_command(args), env=full_env, cwd=PROJECT_ROOT,
                                stdout=fh, stderr=subprocess.STDOUT,
                                start_new_session=(os.name == "posix"))
        started.append((proc, fh))
        base = f"http://127.0.0.1:{port}/"
        svc_server.wait_until_up(base, proc, log, SERVER_START_TIMEOUT_S)
        return base

    yield start
    for proc, fh in started:
        svc_server.stop_server(proc)
        fh.close()


def wait_for_voila(page, timeout_ms: int = VOILA_RENDER_TIMEOUT_MS) -> None:
    """Wait until voila removed ``#loading`` and rendered at least one widget."""
    page.wait_for_selector("#rendered_cells", state="attached", timeout=timeout_ms)
    page.wait_for_selector("#loading", state="detached", timeout=timeout_ms)
    page.wait_for_selector(".jupyter-widgets", state="attached", timeout=timeout_ms)


def assert_no_traceback(page) -> None:
    """No voila error page, no "Traceback" text, no error output area."""
    assert page.locator(".voila-error").count() == 0, "voila error page shown"
    assert page.locator(".jp-OutputArea-output[data-mime-type*='error']").count() == 0, \
        "error output area shown"
    body = page.inner_text("body")
    assert "Traceback" not in body, "a traceback is visible"
    assert "There was an error when executing cell" not in body, "a cell failed"


def screenshot(page, name: str) -> Path:
    """Save ``build/browser/<name>.png`` and return its path."""
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    path = BUILD_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


@pytest.fixture
def vh() -> SimpleNamespace:
    """The helpers as a fixture (``vh.wait_for_voila(page)`` ...), so test modules need not
    import ``conftest`` (ambiguous when several test folders have one)."""
    return SimpleNamespace(wait_for_voila=wait_for_voila, assert_no_traceback=assert_no_traceback,
                           screenshot=screenshot, build_dir=BUILD_DIR, fixtures_dir=FIXTURES_DIR)
