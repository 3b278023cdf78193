"""Keep the committed notebooks normalised, and check their conventions.

``python -m svc_helpers.nbtools [--check] [PATH ...]`` (or ``python workshop.py normalise``)
strips outputs (except cells marked ``# NBVAL_CHECK_OUTPUT``), execution counts and widget
state, keeps only the cell metadata we use (``tags``, ``slideshow``), and writes notebooks
in one stable JSON layout. With ``--check`` it changes nothing and exits 1 if a notebook
would change or breaks a convention (see ``convention_problems``).
Standard library only.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

KEEP_CELL_METADATA = ("tags", "slideshow")
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
CHECK_MARK = "NBVAL_CHECK_OUTPUT"
MAX_CODE_LINES = 12


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def normalise(nb: dict) -> dict:
    """Return ``nb`` without outputs, counts, widget state or stray metadata."""
    out = dict(nb)
    meta = dict(nb.get("metadata", {}))
    meta.pop("widgets", None)
    meta.pop("papermill", None)
    if "language_info" in meta:
        meta["language_info"] = {"name": meta["language_info"].get("name", "python")}
    out["metadata"] = meta
    cells = []
    for cell in nb.get("cells", []):
        clean = {"cell_type": cell["cell_type"],
                 "metadata": {k: cell.get("metadata", {})[k] for k in KEEP_CELL_METADATA
                              if k in cell.get("metadata", {})},
                 "source": _source(cell)}
        if "id" in cell:
            clean["id"] = cell["id"]
        if cell["cell_type"] == "code":
            # nbval only compares outputs of cells that look run, so checked cells keep a
            # fixed execution count of 1 (stable diffs); every other cell is stripped.
            keep = CHECK_MARK in clean["source"] and bool(cell.get("outputs"))
            clean["execution_count"] = 1 if keep else None
            clean["outputs"] = [_clean_output(o) for o in cell.get("outputs", [])] if keep else []
        if "attachments" in cell:
            clean["attachments"] = cell["attachments"]
        cells.append(clean)
    out["cells"] = cells
    return out


def _clean_output(output: dict) -> dict:
    output = dict(output)
    if output.get("output_type") in {"execute_result", "display_data"}:
        output["metadata"] = {}
    if "execution_count" in output:
        output["execution_count"] = 1
    return output


def dumps(nb: dict) -> str:
    """The one JSON layout we commit (nbformat's: indent 1, sorted keys, final newline)."""
    return json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def convention_problems(path: Path, nb: dict) -> list[str]:
    """Conventions of DESIGN.md a notebook breaks (empty list when it keeps them all)."""
    problems = []
    cells = nb.get("cells", [])
    is_module = path.name.startswith("d") and path.parent.name.startswith("day")
    if is_module and not any("parameters" in c.get("metadata", {}).get("tags", []) for c in cells):
        problems.append("没有带 parameters 标签的单元格")
    for i, cell in enumerate(cells):
        slide = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
        if slide not in SLIDE_TYPES:
            problems.append(f"第 {i} 个单元格缺少幻灯片元数据")
        if cell["cell_type"] == "code":
            lines = [ln for ln in _source(cell).splitlines() if ln.strip()]
            if len(lines) > MAX_CODE_LINES:
                problems.append(f"第 {i} 个代码单元格有 {len(lines)} 行（上限 {MAX_CODE_LINES}）")
    if is_module:
        text = "\n".join(_source(c) for c in cells if c["cell_type"] == "markdown")
        for heading in ("## 练习", "## 讨论", "## 参考"):
            if heading not in text:
                problems.append(f"缺少“{heading}”一节")
    return problems


def notebook_paths(targets: list[str]) -> list[Path]:
    paths = []
    for target in map(Path, targets):
        if target.is_dir():
            paths += sorted(p for p in target.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        else:
            paths.append(target)
    return paths


def main(argv: list[str]) -> int:
    check = "--check" in argv
    targets = [a for a in argv if a != "--check"] or ["notebooks"]
    status = 0
    for path in notebook_paths(targets):
        nb = json.loads(path.read_text(encoding="utf-8"))
        text = dumps(normalise(nb))
        problems = convention_problems(path, nb)
        for problem in problems:
            print(f"{path}: {problem}")
        if check:
            if text != path.read_text(encoding="utf-8"):
                print(f"{path}: 未整理（运行 python workshop.py normalise）")
                status = 1
            status = status or (1 if problems else 0)
        elif text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")
            print(f"已整理 {path}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
