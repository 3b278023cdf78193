"""D4-M2 in the browser: Voila renders the 30-60-90 board and a trainee edits, saves, reloads.

Served exactly like the workshop (``voila_server`` fixture, svc-lab template, system Chromium).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from svc_helpers.apps.plan_30_60_90 import Plan306090App
from svc_helpers.workbook import Workbook

pytestmark = pytest.mark.browser

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "day4" / "d4m2_plan_30_60_90.ipynb"
TEAM = "示例团队"                      # the notebook's default parameter
EDITED = "跟岗学习工单系统（浏览器测试）"
BOARD = "img.svc-chart-board"


def _board_src(page) -> str:
    return page.locator(BOARD).first.get_attribute("src") or ""


def _wait_board_changed(page, before: str) -> None:
    page.wait_for_function(
        "([sel, old]) => { const i = document.querySelector(sel); return i && i.src && i.src !== old; }",
        arg=[BOARD, before], timeout=30_000)


def _goal(page, week: int):
    return page.locator(f".svc-w{week}-goal textarea").first


def _open(page, base: str, vh) -> None:
    page.goto(base, wait_until="domcontentloaded")
    vh.wait_for_voila(page)
    page.locator(BOARD).first.wait_for(state="visible", timeout=90_000)
    page.wait_for_function(f"() => document.querySelector('{BOARD}').naturalWidth > 500",
                           timeout=30_000)
    vh.assert_no_traceback(page)


def test_board_edit_validate_save_reload(voila_server, page, vh, tmp_path):
    workbooks = tmp_path / "workbooks"
    base = voila_server(NOTEBOOK, env={"SVC_WORKBOOK_DIR": str(workbooks)})
    _open(page, base, vh)
    assert page.locator(".svc-week").count() == 13
    assert page.locator(".svc-week-milestone").count() == 3
    vh.screenshot(page, "d4m2-1-open")

    # editing a goal redraws the board
    before = _board_src(page)
    _goal(page, 3).fill(EDITED)
    _goal(page, 3).press("Tab")
    _wait_board_changed(page, before)

    save = page.get_by_role("button", name="保存", exact=True)
    save.click()
    page.locator(".svc-status-ok", has_text="已保存").wait_for(timeout=30_000)

    # blanking a goal: Chinese message beside it, 保存 disabled, saved version unchanged
    _goal(page, 3).fill("")
    _goal(page, 3).press("Tab")
    page.locator(".svc-week-3 .svc-msg-error", has_text="请写本周目标").wait_for(timeout=30_000)
    expect(save).to_be_disabled(timeout=30_000)
    card = page.locator(".svc-week-3").first
    card.scroll_into_view_if_needed()
    vh.screenshot(page, "d4m2-2-message")
    vh.assert_no_traceback(page)
    latest = Workbook(TEAM, workbooks).latest(Plan306090App.exercise_id)
    assert latest is not None and len(Workbook(TEAM, workbooks).history(Plan306090App.exercise_id)) == 1
    assert latest.payload["state"]["weeks"][2]["goal"] == EDITED
    assert latest.payload["artifact"]["weeks"][2]["goal"] == EDITED

    # a new page (new kernel) restores the saved board, not the blanked one
    page.reload(wait_until="domcontentloaded")
    _open(page, base, vh)
    page.wait_for_function(
        "(v) => { const i = document.querySelector('.svc-w3-goal textarea'); return i && i.value === v; }",
        arg=EDITED, timeout=30_000)
    assert page.locator(".svc-status-ok", has_text="已恢复").count() == 1
    page.locator(".svc-week-3").first.scroll_into_view_if_needed()
    vh.screenshot(page, "d4m2-3-restored")
    assert not page.external_requests, page.external_requests
