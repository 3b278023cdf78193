"""The team workbook: atomic, concurrent, with history, reading older stores."""
import multiprocessing as mp
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svc_helpers.workbook import STORE_VERSION, Workbook, WorkbookError, team_slug


def test_save_latest_history_and_restore(tmp_path):
    wb = Workbook("物业一组", tmp_path)
    assert wb.latest("x") is None
    first = wb.save("x", {"price": 1}, note="初稿")
    wb.save("x", {"price": 2})
    wb.save("y", {"other": True})
    assert wb.latest("x").payload == {"price": 2}
    assert [v.version_id for v in wb.history("x")] == [2, 1]
    restored = wb.restore(first.version_id)
    assert wb.latest("x").payload == {"price": 1}
    assert restored.note == "恢复自版本 1"
    assert wb.exercises() == ["x", "y"]


def test_payload_must_be_json(tmp_path):
    wb = Workbook("a", tmp_path)
    with pytest.raises(WorkbookError, match="无法保存"):
        wb.save("x", {"bad": float("nan")})
    assert wb.latest("x") is None


def _writer(directory, worker, count):
    wb = Workbook("并发组", directory)
    for i in range(count):
        wb.save("x", {"worker": worker, "i": i})


def test_two_writers_lose_nothing(tmp_path):
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), w, 40)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    history = Workbook("并发组", tmp_path).history("x")
    assert len(history) == 80
    assert sorted((v.payload["worker"], v.payload["i"]) for v in history) == \
        [(w, i) for w in range(2) for i in range(40)]


def test_a_version_one_store_is_upgraded_and_keeps_its_saves(tmp_path):
    path = tmp_path / "老团队.sqlite"
    with sqlite3.connect(path) as conn:  # the layout the first pilot wrote
        conn.executescript("""
            CREATE TABLE saves (id INTEGER PRIMARY KEY AUTOINCREMENT, exercise TEXT NOT NULL,
                                saved_at TEXT NOT NULL, payload TEXT NOT NULL);
            INSERT INTO saves (exercise, saved_at, payload)
                VALUES ('d1m3_pricing_tiers', '2026-05-01T09:00:00', '{"price": 7}');
            PRAGMA user_version = 1;
        """)
    wb = Workbook("老团队", tmp_path)
    old = wb.latest("d1m3_pricing_tiers")
    assert old.payload == {"price": 7} and old.note == ""
    wb.save("d1m3_pricing_tiers", {"price": 8}, note="新")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == STORE_VERSION


def test_a_store_from_a_newer_version_is_refused_in_chinese(tmp_path):
    with sqlite3.connect(tmp_path / "未来.sqlite") as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(WorkbookError, match="更新版本"):
        Workbook("未来", tmp_path).latest("x")


def test_a_corrupt_file_is_a_chinese_error(tmp_path):
    (tmp_path / "坏.sqlite").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WorkbookError, match="已损坏"):
        Workbook("坏", tmp_path).latest("x")


@pytest.mark.parametrize("name, slug", [
    ("物业 一组", "物业_一组"), ("../../etc/passwd", "etc_passwd"), ("a/b\\c", "a_b_c"),
    ("ＡＢＣ１", "ABC1"), ("con", "team_con"), (".hidden", "hidden"), ("x" * 80, "x" * 40),
])
def test_team_slug_examples(name, slug):
    assert team_slug(name) == slug


@pytest.mark.parametrize("name", ["", "   ", "../..", "///"])
def test_empty_team_names_are_refused(name):
    with pytest.raises(WorkbookError, match="不能为空"):
        team_slug(name)


@given(st.text(min_size=1, max_size=200))
def test_any_team_name_gives_a_safe_file_name(name):
    try:
        slug = team_slug(name)
    except WorkbookError:
        return
    assert slug and len(slug) <= 40
    assert not set(slug) & set("/\\:*?\"<>| \0") and not slug.startswith(".")
