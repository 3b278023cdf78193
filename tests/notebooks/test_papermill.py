"""Every notebook runs unattended under papermill with non-default parameters."""
import json
from pathlib import Path

import papermill as pm
import pytest

from svc_helpers.nbtools import notebook_paths
from svc_helpers.paths import BUILD_DIR, NOTEBOOKS_DIR
from svc_helpers.workbook import team_slug

NOTEBOOKS = notebook_paths([str(NOTEBOOKS_DIR)])
OUT = BUILD_DIR / "papermill"


def _ids(path: Path) -> str:
    return path.relative_to(NOTEBOOKS_DIR).as_posix()


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids)
def test_notebook_runs_with_non_default_parameters(path, tmp_path):
    has_parameters = any("parameters" in c["metadata"].get("tags", [])
                         for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
    team = f"测试/团队 {path.stem}"
    params = {"team": team, "workbook_dir": str(tmp_path)} if has_parameters else {}
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / path.name
    pm.execute_notebook(str(path), str(out), parameters=params, kernel_name="python3",
                        cwd=str(path.parent), progress_bar=False, log_output=False)
    executed = json.loads(out.read_text(encoding="utf-8"))
    text = json.dumps([c.get("outputs", []) for c in executed["cells"]], ensure_ascii=False)
    assert "Traceback" not in text and "Glyph" not in text
    assert all(o.get("output_type") != "error" for c in executed["cells"] for o in c.get("outputs", []))
    if has_parameters and any("App.open(" in "".join(c["source"]) for c in executed["cells"]):
        # the app opened the team's own store, under the injected folder and sanitised name
        assert (tmp_path / f"{team_slug(team)}.sqlite").is_file()
