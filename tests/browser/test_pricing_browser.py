"""D1-M3 in Chromium, served by Voila the way the workshop serves it: course map -> app."""
import pytest
from playwright.sync_api import expect

from svc_helpers.paths import NOTEBOOKS_DIR

pytestmark = pytest.mark.browser

APP = "day1/d1m3_pricing_tiers.ipynb"


def chart_src(page) -> str:
    return page.locator("img.svc-chart-tiers").get_attribute("src")


def set_price(page, tier: int, value: int) -> None:
    box = page.locator(f".svc-field-tier-{tier}-price input")
    box.fill(str(value))
    box.press("Enter")


def test_course_map_to_pricing_app_edit_validate_save_reload(voila_server, page, vh):
    base = voila_server(NOTEBOOKS_DIR)
    external = []
    page.context.on("request", lambda r: external.append(r.url)
                    if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.goto(base + "voila/render/index.ipynb")
    page.wait_for_selector(".svc-course-map", timeout=90_000)
    assert page.locator("a.svc-module-link").count() >= 1
    assert "即将推出" in page.inner_text(".svc-course-map")
    vh.screenshot(page, "course_map")

    # the course map opens a module in a new tab and stays open itself
    with page.context.expect_page() as opened:
        page.click(f"a.svc-module-link[href='{APP}']")
    page = opened.value
    assert page.url.endswith("voila/render/" + APP)
    vh.wait_for_voila(page)
    page.wait_for_selector("img.svc-chart-tiers", timeout=60_000)
    vh.assert_no_traceback(page)

    # a change redraws the chart
    before = chart_src(page)
    set_price(page, 2, 4000)
    page.wait_for_function("b => document.querySelector('img.svc-chart-tiers').src !== b", arg=before)
    save = page.locator("button.svc-save")
    expect(save).to_be_enabled()
    save.click()
    page.wait_for_selector(".svc-status-line :text('已保存为版本 1')")

    # an invalid price: Chinese message beside the field, save disabled
    set_price(page, 1, 1)
    message = page.locator(".svc-msg-tier-1-price")
    message.wait_for()
    page.wait_for_function(
        "() => document.querySelector('.svc-msg-tier-1-price').innerText.includes('必须高于基础档')")
    expect(save).to_be_disabled()
    vh.screenshot(page, "d1m3_invalid")

    # export offers an Excel download
    set_price(page, 1, 2000)
    page.wait_for_function("() => !document.querySelector('button.svc-save').disabled")
    page.click("button.svc-export")
    link = page.locator(".svc-downloads a[download$='.xlsx']")
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename.endswith(".xlsx")
    assert open(info.value.path(), "rb").read(2) == b"PK"

    # reload: the saved version comes back (the unsaved 2000 does not)
    page.reload()
    vh.wait_for_voila(page)
    page.wait_for_selector(".svc-status-line :text('已恢复')", timeout=60_000)
    expect(page.locator(".svc-field-tier-2-price input")).to_have_value("4000")
    expect(page.locator(".svc-field-tier-1-price input")).not_to_have_value("2000")
    vh.assert_no_traceback(page)
    page.locator(".svc-app").scroll_into_view_if_needed()
    vh.screenshot(page, "d1m3_restored")
    assert external == []
