#!/usr/bin/env python3
"""One command for the workshop 《大后勤·新价值》 (standard library only).

    python3 workshop.py                 启动工作坊：安装缺少的依赖，然后用 Voila 打开课程地图
    python3 workshop.py test            运行全部测试（单元、练习、笔记本、浏览器）
    python3 workshop.py serve [...]     讲师：为整间教室启动工作坊服务器（预热内核）
    python3 workshop.py slides 笔记本    讲师：把一个模块作为幻灯片（reveal.js）放映
    python3 workshop.py normalise       整理笔记本（清除输出与控件状态）

The first run creates ``.venv/`` next to this file and installs the project into it
(``pip install -e .[test]``); later runs reinstall only when ``pyproject.toml`` changed,
so the workshop starts offline.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".svc-installed"
MIN_PYTHON = (3, 11)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _wanted_stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> Path:
    """Create the virtual environment and install what is missing; return its python."""
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"需要 Python {'.'.join(map(str, MIN_PYTHON))} 或更高版本，当前为 {sys.version.split()[0]}。")
    python = venv_python()
    if not python.exists():
        print("正在创建虚拟环境 .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text().strip() == _wanted_stamp():
        return python
    print("正在安装课程依赖（首次约需几分钟）…", flush=True)
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["--upgrade", "pip"], check=True)
    subprocess.run(pip + ["-e", f"{ROOT}[test]"], check=True, cwd=ROOT)
    STAMP.write_text(_wanted_stamp())
    return python


def run(python: Path, *args: str) -> int:
    """Run the venv's python with ``args`` in the project folder; return its exit code."""
    try:
        return subprocess.call([str(python), *args], cwd=ROOT)
    except KeyboardInterrupt:
        return 130


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("start", [])
    if command in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    if command not in {"start", "serve", "slides", "test", "normalise"}:
        print(f"未知命令：{command}\n{__doc__}")
        return 2
    python = ensure_environment()
    if command == "start":
        return run(python, "-m", "svc_helpers.server", "serve", *rest)
    if command in {"serve", "slides"}:
        return run(python, "-m", "svc_helpers.server", command, *rest)
    if command == "normalise":
        return run(python, "-m", "svc_helpers.nbtools", *(rest or ["notebooks"]))
    return run(python, "-m", "pytest", *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
