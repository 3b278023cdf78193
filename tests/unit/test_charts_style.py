"""Chinese text renders everywhere: installed CJK font first, the bundled OFL font otherwise."""
import os
import subprocess
import sys
import warnings

import pytest

from svc_helpers.charts import style

RENDER = """
import warnings
warnings.simplefilter("error")            # any warning (a missing glyph above all) fails
from svc_helpers.charts.style import cjk_family, new_figure
from svc_helpers.export import figure_png_bytes
fig = new_figure(4, 3)
ax = fig.subplots()
ax.bar(["基础档", "专业档", "旗舰档"], [1, -2, 3])
ax.set_ylabel("单价（元/工单）"); ax.set_title("毛利率 −5%，骨干 ① ≥ 60 分")
png = figure_png_bytes(fig)
print(cjk_family(), png[:4] == b"\\x89PNG", sep="|")
"""


def render_in_fresh_process(**env):
    out = subprocess.run([sys.executable, "-c", RENDER], capture_output=True, text=True,
                         env={**os.environ, "MPLBACKEND": "Agg", **env})
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().split("|")


def test_bundled_font_renders_chinese_without_missing_glyphs():
    family, ok = render_in_fresh_process(SVC_CJK_FONT="bundled")
    assert family == "Noto Sans SC" and ok == "True"


def test_default_choice_renders_chinese_without_missing_glyphs():
    family, ok = render_in_fresh_process(SVC_CJK_FONT="")
    assert ok == "True" and family in (*style.PREFERRED_FAMILIES, "Noto Sans SC")


def test_without_an_installed_cjk_font_the_bundled_one_is_used(monkeypatch):
    from matplotlib import font_manager

    latin_only = [f for f in font_manager.fontManager.ttflist
                  if f.name not in style.PREFERRED_FAMILIES]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", latin_only)
    monkeypatch.delenv("SVC_CJK_FONT", raising=False)
    style.cjk_family.cache_clear()
    try:
        assert style.cjk_family() == "Noto Sans SC"
    finally:
        style.cjk_family.cache_clear()


def test_a_missing_font_file_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("SVC_CJK_FONT", "/nonexistent/font.otf")
    style.cjk_family.cache_clear()
    try:
        with pytest.raises(style.FontNotFoundError, match="找不到中文字体"):
            style.cjk_family()
    finally:
        style.cjk_family.cache_clear()


def test_strict_mode_turns_a_missing_glyph_into_an_error():
    """The tests rely on this: a □ in a chart must fail, not pass silently."""
    from svc_helpers.export import figure_png_bytes

    fig = style.new_figure(3, 2)
    fig.subplots().set_title("\U0001F600")   # an emoji: no font we use has it
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"Glyph .* missing", category=UserWarning)
        with pytest.raises(UserWarning, match="Glyph"):
            figure_png_bytes(fig)
