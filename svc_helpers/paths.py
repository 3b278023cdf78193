"""Where the project's files live. Standard library only."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CASEDATA_DIR = PROJECT_ROOT / "casedata"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BUILD_DIR = PROJECT_ROOT / "build"
DEFAULT_WORKBOOK_DIR = PROJECT_ROOT / "workbooks"


def workbook_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The folder holding the teams' stores.

    An explicit folder (a notebook's ``workbook_dir`` parameter) wins; otherwise the
    ``SVC_WORKBOOK_DIR`` environment variable set by the workshop server; otherwise
    ``<project>/workbooks``.
    """
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("SVC_WORKBOOK_DIR")
    return Path(env).expanduser() if env else DEFAULT_WORKBOOK_DIR
