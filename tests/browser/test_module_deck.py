"""An instructor presents D1-M3 as reveal.js slides and uses the live app on its slide."""
import pytest
from playwright.sync_api import expect

from svc_helpers.paths import NOTEBOOKS_DIR

pytestmark = pytest.mark.browser

DECK = NOTEBOOKS_DIR / "day1" / "d1m3_pricing_tiers.ipynb"
READY = "() => document.querySelector('.reveal') && document.querySelector('.reveal').classList.contains('ready')"
INDICES = """() => { const h = Array.from(document.querySelectorAll('.reveal .slides > section'));
  const i = h.findIndex(s => s.classList.contains('present'));
  const v = Array.from(h[i].querySelectorAll(':scope > section'));
  return [i, Math.max(0, v.findIndex(s => s.classList.contains('present')))]; }"""


def test_deck_keyboard_navigation_and_live_widget(voila_server, page, vh):
    base = voila_server(DECK, template="svc-reveal")
    page.goto(base, wait_until="domcontentloaded")
    vh.wait_for_voila(page)
    page.wait_for_function(READY, timeout=60_000)
    assert page.evaluate(INDICES) == [0, 0]
    assert "D1-M3" in page.locator("section.present").first.inner_text()

    page.locator(".reveal").click(position={"x": 5, "y": 5})
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => ({INDICES})()[0] === 1")

    # walk on (space = next slide, subslide or fragment) until the exercise app is on screen
    app_slide = page.locator("section.present:not(.stack) .svc-app")
    for _ in range(30):
        if app_slide.count():
            break
        page.locator(".reveal").click(position={"x": 5, "y": 5})
        page.keyboard.press("Space")
        page.wait_for_timeout(300)
    assert app_slide.count() == 1, "the exercise app never came on screen"
    where = page.evaluate(INDICES)
    assert where[0] >= 2

    chart = page.locator("img.svc-chart-tiers")
    chart.wait_for(timeout=30_000)
    before = chart.get_attribute("src")
    box = page.locator(".svc-field-tier-2-price input")
    box.fill("3999")
    box.press("Enter")
    page.wait_for_function("b => document.querySelector('img.svc-chart-tiers').src !== b", arg=before)
    expect(page.locator("button.svc-save")).to_be_enabled()
    assert page.evaluate(INDICES) == where, "typing in a widget must not move the deck"
    vh.screenshot(page, "d1m3_deck_app")
    vh.assert_no_traceback(page)
    assert page.external_requests == []
