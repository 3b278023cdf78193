"""D2-M5 in Chromium, served by Voila: radar renders, a weight redraws it, an invalid weight sum
is refused beside the field, and a reload restores the saved version (not the unsaved edit)."""
import pytest

from svc_helpers.paths import NOTEBOOKS_DIR

pytestmark = pytest.mark.browser

APP = NOTEBOOKS_DIR / "day2" / "d2m5_vendor_radar.ipynb"
RADAR = "img.svc-chart-radar"


def radar_src(page) -> str:
    return page.locator(RADAR).get_attribute("src")


def set_weight(page, index: int, value: int) -> None:
    box = page.locator(f".svc-weight-{index} input")
    box.fill(str(value))
    box.press("Enter")


def open_tab(page, title: str) -> None:
    page.locator(".svc-vendor-tabs .lm-TabBar-tab", has_text=title).click()


def fill_visible_risk_plans(page) -> int:
    open_tab(page, "风险登记册")
    rows = page.locator("[class*='svc-field-risk-']:visible")
    for i in range(rows.count()):
        inputs = rows.nth(i).locator("input")
        inputs.nth(0).fill("合同写入整改时限、KPI 扣款与退出条款")
        inputs.nth(0).press("Enter")
        inputs.nth(1).fill("采购部")
        inputs.nth(1).press("Enter")
    return rows.count()


def test_vendor_radar_weights_validate_save_reload(voila_server, page, vh):
    base = voila_server(APP)
    page.goto(base)
    vh.wait_for_voila(page)
    page.wait_for_selector(RADAR, timeout=90_000)
    page.wait_for_selector("img.svc-chart-trend")
    page.wait_for_selector("img.svc-chart-risks")
    vh.assert_no_traceback(page)
    assert "入围" in page.inner_text(".svc-app")

    # the shortlisted vendors' risks need a mitigation and an owner before saving
    save = page.locator("button.svc-save")
    assert save.is_disabled()
    assert fill_visible_risk_plans(page) >= 1
    page.wait_for_function("() => !document.querySelector('button.svc-save').disabled",
                           timeout=30_000)
    save.click()
    page.wait_for_selector(".svc-status-line :text('已保存为版本 1')", timeout=30_000)
    open_tab(page, "权重与入围规则")

    # a weight change redraws the radar (totals in the legend); the sum is now 105 %
    before = radar_src(page)
    set_weight(page, 0, 35)
    page.wait_for_function(f"b => document.querySelector('{RADAR}').src !== b", arg=before,
                           timeout=30_000)
    page.wait_for_function(
        "() => document.querySelector('.svc-msg-weights').innerText.includes('多了 5%')",
        timeout=30_000)
    assert "应为 100%" in page.inner_text(".svc-msg-weights")
    page.wait_for_function("() => document.querySelector('button.svc-save').disabled",
                           timeout=30_000)
    page.locator(".svc-field-weights").scroll_into_view_if_needed()
    vh.screenshot(page, "d2m5_invalid_weights")

    # fix the sum, save version 2, then leave an unsaved invalid edit
    set_weight(page, 1, 20)
    page.wait_for_function("() => !document.querySelector('button.svc-save').disabled",
                           timeout=30_000)
    save.click()
    page.wait_for_selector(".svc-status-line :text('已保存为版本 2')", timeout=30_000)
    set_weight(page, 0, 50)
    page.wait_for_function("() => document.querySelector('button.svc-save').disabled",
                           timeout=30_000)

    page.reload()
    vh.wait_for_voila(page)
    page.wait_for_selector(".svc-status-line :text('已恢复')", timeout=90_000)
    assert page.locator(".svc-weight-0 input").input_value() == "35"
    assert page.locator(".svc-weight-1 input").input_value() == "20"
    page.wait_for_function("() => !document.querySelector('button.svc-save').disabled",
                           timeout=30_000)
    vh.assert_no_traceback(page)
    page.locator(RADAR).scroll_into_view_if_needed()
    vh.screenshot(page, "d2m5_restored")
    assert page.external_requests == []
