"""The house style: one seaborn theme and a CJK font, set once for every chart.

Chinese must render on every machine, offline, in PNG exports too. We prefer a CJK font
the system already has (Noto Sans CJK, Source Han Sans, Microsoft YaHei, PingFang …);
otherwise we use Noto Sans SC from the ``pylopdf-fonts-zh-cn`` wheel the project installs
(SIL Open Font License 1.1). The file is registered with matplotlib's font manager by path,
so we never depend on the name of a font a machine happens to have.

Set ``SVC_CJK_FONT=bundled`` to force the bundled font, or to a font file path.
Set ``SVC_STRICT_GLYPHS=1`` (the tests do) to turn matplotlib's "Glyph … missing"
warning into an error.
"""
from __future__ import annotations

import os
import warnings
from functools import lru_cache
from pathlib import Path

# Installed families we trust to cover Simplified Chinese, best first.
PREFERRED_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
)

# Colours: a calm blue-green family for tiers and series, one warm colour for alerts.
PALETTE = ["#1f5f8b", "#3a9e8f", "#e0a030", "#8c6bb1", "#c0504d", "#6b8e23", "#7f7f7f"]
TIER_COLOURS = {"基础": "#8fb8d8", "专业": "#3a7ab8", "旗舰": "#1b3f66"}
ALERT = "#c0504d"
OK = "#3a9e8f"
MUTED = "#9aa5b1"


class FontNotFoundError(RuntimeError):
    """No CJK font could be found or installed."""


@lru_cache(maxsize=1)
def cjk_family() -> str:
    """The CJK font family the charts use, registered with matplotlib (see module docstring)."""
    from matplotlib import font_manager

    choice = os.environ.get("SVC_CJK_FONT", "").strip()
    if not choice:
        # matplotlib's own scan of the system fonts (it knows each face of a .ttc).
        installed = {f.name for f in font_manager.fontManager.ttflist}
        for family in PREFERRED_FAMILIES:
            if family in installed:
                return family
    path = Path(choice) if choice not in ("", "bundled") else bundled_font_path()
    if not path.is_file():
        raise FontNotFoundError(f"找不到中文字体文件：{path}")
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def bundled_font_path() -> Path:
    """Noto Sans SC from the ``pylopdf-fonts-zh-cn`` wheel (SIL OFL 1.1)."""
    try:
        import pylopdf_fonts_zh_cn
    except ImportError as exc:  # pragma: no cover - the project installs it
        raise FontNotFoundError(
            "找不到中文字体：请运行 `python workshop.py` 安装课程依赖（含 Noto Sans SC 字体）。") from exc
    return Path(pylopdf_fonts_zh_cn.sans_path())


_applied: str | None = None


def use_house_style(context: str = "notebook") -> None:
    """Apply the seaborn theme with the CJK font (``context="talk"`` for slides)."""
    global _applied
    import seaborn as sns

    family = cjk_family()
    # seaborn.set_theme resets the font family, so the font goes in through it.
    sns.set_theme(context=context, style="whitegrid", palette=PALETTE,
                  font=family,
                  rc={"font.sans-serif": [family, "DejaVu Sans"],
                      "axes.unicode_minus": False,
                      "axes.spines.top": False,
                      "axes.spines.right": False,
                      "figure.dpi": 100,
                      "savefig.dpi": 144,
                      "legend.frameon": False})
    if os.environ.get("SVC_STRICT_GLYPHS") == "1":
        warnings.filterwarnings("error", message=r"Glyph .* missing", category=UserWarning)
    _applied = context


def ensure_style() -> None:
    """Apply the house style once if nobody has yet (charts call this)."""
    if _applied is None:
        use_house_style()


def new_figure(width: float = 8.0, height: float = 4.5, **kwargs):
    """A house-styled ``Figure`` made with the OO API (no pyplot, nothing leaks)."""
    from matplotlib.figure import Figure

    ensure_style()
    return Figure(figsize=(width, height), layout="constrained", **kwargs)


def picture(fig, dpi: int = 110):
    """A Figure as an IPython PNG image, for a notebook cell's last line.

    (Figures made with the OO API are not shown by the inline backend by themselves.)
    """
    from IPython.display import Image

    from ..export import figure_png_bytes

    return Image(data=figure_png_bytes(fig, dpi=dpi), format="png")
