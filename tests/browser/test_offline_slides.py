"""Offline proof for the svc-reveal and svc-lab templates (DESIGN.md: everything works offline).

The fixture deck has a title slide, a slide with an IntSlider whose observer updates an HTML
label, and a third slide. Served by Voila exactly as ``svc_helpers.server`` builds it.
"""

from __future__ import annotations

from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parent / "fixtures" / "offline_slides.ipynb"


# voila's reveal bundle does not expose ``window.Reveal``: read reveal's DOM state instead.
READY_JS = "() => document.querySelector('.reveal') && document.querySelector('.reveal').classList.contains('ready')"
INDEX_JS = """() => Array.from(document.querySelectorAll('.reveal .slides > section'))
                   .findIndex(s => s.classList.contains('present'))"""


def _slide_index(page) -> int:
    return page.evaluate(INDEX_JS)


def _wait_slide(page, index: int) -> None:
    page.wait_for_function(f"() => ({INDEX_JS})() === {index}", timeout=10_000)


def _probe_text(page) -> str:
    return page.locator(".svc-probe").first.inner_text()


def test_reveal_slides_offline_with_live_widget(voila_server, page, vh):
    base = voila_server(NOTEBOOK, template="svc-reveal")
    page.goto(base, wait_until="domcontentloaded")
    vh.wait_for_voila(page)
    page.wait_for_function(READY_JS, timeout=30_000)
    vh.assert_no_traceback(page)
    assert _slide_index(page) == 0
    vh.screenshot(page, "svc-reveal-1-title")

    page.locator(".reveal").click(position={"x": 5, "y": 5})
    page.keyboard.press("ArrowRight")
    _wait_slide(page, 1)
    slider = page.locator("section.present .slider-container").first
    slider.wait_for(state="visible", timeout=10_000)
    assert "当前值：3" in _probe_text(page)

    # move the slider with the keyboard: focus the handle, press End (max = 10)
    handle = page.locator("section.present .noUi-handle").first
    handle.focus()
    page.keyboard.press("End")
    page.wait_for_function(
        "() => document.querySelector('.svc-probe').textContent.includes('当前值：10')",
        timeout=15_000)
    vh.screenshot(page, "svc-reveal-2-slider")
    assert _slide_index(page) == 1, "slider keys must not change slide"

    page.locator(".reveal").click(position={"x": 5, "y": 5})
    page.keyboard.press("ArrowRight")
    _wait_slide(page, 2)
    assert "第三页" in page.locator("section.present").first.inner_text()

    # reveal CSS (vendored) applied: the slides container is laid out by reveal.css
    assert page.evaluate("() => getComputedStyle(document.querySelector('.reveal .slides')).position") \
        in ("absolute", "relative")
    vh.assert_no_traceback(page)
    assert page.external_requests == [], f"requests left 127.0.0.1: {page.external_requests}"
    assert not [e for e in page.console_errors if "MathJax" in e or "TypeError" in e], page.console_errors


def test_lab_template_offline(voila_server, page, vh):
    base = voila_server(NOTEBOOK, template="svc-lab")
    page.goto(base, wait_until="domcontentloaded")
    vh.wait_for_voila(page)
    page.locator(".slider-container").first.wait_for(state="visible", timeout=15_000)
    vh.assert_no_traceback(page)
    # Font Awesome served locally and loaded
    loaded = page.evaluate(
        """async () => (await document.fonts.load('900 16px "Font Awesome 5 Free"', '\\uf00c')).length""")
    assert loaded > 0, "Font Awesome webfont did not load from the project"
    vh.screenshot(page, "svc-lab")
    assert page.external_requests == [], f"requests left 127.0.0.1: {page.external_requests}"
