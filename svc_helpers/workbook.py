"""The team workbook: every artifact a team saves, with its history.

One SQLite file per team under the workbook folder (standard library only, so the
instructor's collector can read saved work without widgets or plotting).

* Writes are atomic: each save is one SQLite transaction (``BEGIN IMMEDIATE``), so a crash
  leaves either the old or the new version, never half of one.
* Two writers are safe: SQLite serialises them; the second waits up to ``BUSY_TIMEOUT_S``.
* Every save is kept; ``history`` lists them and ``restore`` makes an old one current again.
* Stores written by an older version of this module are upgraded in place on open
  (``PRAGMA user_version`` records the layout; see ``_MIGRATIONS``).
* Team names are user input: ``team_slug`` turns them into a safe file name.
"""
from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .paths import workbook_dir as _default_dir

STORE_VERSION = 2
BUSY_TIMEOUT_S = 15.0
MAX_TEAM_NAME = 40
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}


class WorkbookError(Exception):
    """A problem with a team store, worded for the trainee (Chinese)."""


def team_slug(name: str) -> str:
    """Turn a team name typed by a trainee into a safe file stem.

    Keeps letters (Chinese included), digits, ``-`` and ``_``; every other run of
    characters (slashes, dots, spaces, control characters) becomes one ``_``. The result
    never starts with a dot, is at most ``MAX_TEAM_NAME`` characters and is never a
    Windows device name.

    >>> team_slug("物业 一组")
    '物业_一组'
    >>> team_slug("../../etc/passwd")
    'etc_passwd'
    """
    text = unicodedata.normalize("NFKC", str(name or "")).strip()
    text = re.sub(r"[^\w\-]+", "_", text, flags=re.UNICODE)
    text = text.strip("._-")[:MAX_TEAM_NAME].strip("._-")
    if not text:
        raise WorkbookError("团队名称不能为空，请输入例如“物业一组”。")
    if text.upper() in _WINDOWS_RESERVED:
        text = f"team_{text}"
    return text


@dataclass(frozen=True)
class SavedVersion:
    """One saved version of one exercise's artifact."""

    version_id: int
    exercise: str
    saved_at: str
    author: str
    note: str
    payload: dict[str, Any]

    @property
    def label(self) -> str:
        """A one-line description for a version picker (Chinese)."""
        stamp = self.saved_at.replace("T", " ")[:16]
        extra = f" · {self.note}" if self.note else ""
        return f"版本 {self.version_id} · {stamp}{extra}"


# Layout of each store version. Version 1 (first pilot) had no author/note columns.
_SCHEMA_V2 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS saves (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    exercise TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS saves_by_exercise ON saves (exercise, id);
"""
_MIGRATIONS = {
    # from version 1 to 2
    1: """
ALTER TABLE saves ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE saves ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS saves_by_exercise ON saves (exercise, id);
""",
}


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated statements inside the caller's transaction.

    (``executescript`` would commit first and break the transaction.)
    """
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


class Workbook:
    """The saved work of one team.

    Parameters
    ----------
    team : str
        The team's name as typed (Chinese is fine); sanitised with ``team_slug``.
    directory : path, optional
        Folder of all teams' stores; default ``svc_helpers.paths.workbook_dir()``.
    """

    def __init__(self, team: str, directory: str | Path | None = None) -> None:
        self.slug = team_slug(team)
        self.team = unicodedata.normalize("NFKC", str(team)).strip()
        self.directory = _default_dir(directory)
        self.path = self.directory / f"{self.slug}.sqlite"
        self._ready = False

    def __repr__(self) -> str:
        return f"Workbook(team={self.team!r}, path={str(self.path)!r})"

    @property
    def export_dir(self) -> Path:
        """Folder for this team's Excel and PNG exports."""
        return self.directory / "exports" / self.slug

    # -- connection and schema -------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise WorkbookError(f"无法打开团队工作簿 {self.path.name}：{exc}") from exc
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if not self._ready:
            self._prepare(conn)
            self._ready = True
        return conn

    def _prepare(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("BEGIN IMMEDIATE")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            has_saves = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='saves'").fetchone()
            if version > STORE_VERSION:
                raise WorkbookError(
                    f"团队工作簿 {self.path.name} 由更新版本的课程工具写入，请先更新课程工具再打开。")
            if not has_saves:
                _run_script(conn, _SCHEMA_V2)  # a new store
            else:
                for old in range(max(version, 1), STORE_VERSION):
                    _run_script(conn, _MIGRATIONS[old])
            conn.execute(f"PRAGMA user_version = {STORE_VERSION}")
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('team', ?)", (self.team,))
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.rollback()
            conn.close()
            raise WorkbookError(f"团队工作簿 {self.path.name} 已损坏或不是工作簿文件：{exc}") from exc
        except Exception:
            if conn.in_transaction:
                conn.rollback()
            conn.close()
            raise

    # -- reading ---------------------------------------------------------------
    @staticmethod
    def _row(row: tuple) -> SavedVersion:
        version_id, exercise, saved_at, author, note, payload = row
        return SavedVersion(version_id, exercise, saved_at, author, note, json.loads(payload))

    _COLUMNS = "id, exercise, saved_at, author, note, payload"

    def latest(self, exercise: str) -> SavedVersion | None:
        """The newest saved version of ``exercise``, or None if the team never saved it."""
        with closing(self._connect()) as conn:
            row = conn.execute(
                f"SELECT {self._COLUMNS} FROM saves WHERE exercise = ? ORDER BY id DESC LIMIT 1",
                (exercise,)).fetchone()
        return self._row(row) if row else None

    def history(self, exercise: str) -> list[SavedVersion]:
        """All saved versions of ``exercise``, newest first."""
        with closing(self._connect()) as conn:
            rows = conn.execute(
                f"SELECT {self._COLUMNS} FROM saves WHERE exercise = ? ORDER BY id DESC",
                (exercise,)).fetchall()
        return [self._row(r) for r in rows]

    def get(self, version_id: int) -> SavedVersion:
        """One saved version by its number."""
        with closing(self._connect()) as conn:
            row = conn.execute(f"SELECT {self._COLUMNS} FROM saves WHERE id = ?",
                               (int(version_id),)).fetchone()
        if row is None:
            raise WorkbookError(f"找不到版本 {version_id}。")
        return self._row(row)

    def exercises(self) -> list[str]:
        """The exercises this team has saved at least once."""
        with closing(self._connect()) as conn:
            rows = conn.execute("SELECT DISTINCT exercise FROM saves ORDER BY exercise").fetchall()
        return [r[0] for r in rows]

    # -- writing ---------------------------------------------------------------
    def save(self, exercise: str, payload: dict[str, Any], *, note: str = "",
             author: str = "") -> SavedVersion:
        """Save a new version of ``exercise``; earlier versions are kept."""
        try:
            text = json.dumps(payload, ensure_ascii=False, sort_keys=True, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise WorkbookError(f"内容无法保存（含有不支持的数据）：{exc}") from exc
        saved_at = datetime.now().isoformat(timespec="seconds")
        with closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                cursor = conn.execute(
                    "INSERT INTO saves (exercise, saved_at, author, note, payload) "
                    "VALUES (?, ?, ?, ?, ?)", (exercise, saved_at, author, note, text))
                conn.execute("COMMIT")
            except BaseException:
                conn.rollback()
                raise
        return SavedVersion(cursor.lastrowid, exercise, saved_at, author, note, json.loads(text))

    def restore(self, version_id: int) -> SavedVersion:
        """Make an earlier version the newest again (saved as a new version)."""
        old = self.get(version_id)
        return self.save(old.exercise, old.payload, note=f"恢复自版本 {old.version_id}",
                         author=old.author)
