"""Pictures for D4-M2: the 30-60-90 board (three phase columns of week cards)."""
from __future__ import annotations

import unicodedata
from datetime import date

import pandas as pd
from matplotlib.patches import FancyBboxPatch

from .style import ALERT, MUTED, PALETTE, new_figure

PHASE_TITLES = {"0–30天": "0–30天 · 学习（产品/流程/系统/合规）",
                "31–60天": "31–60天 · 演练（场景演练与带教）",
                "61–90天": "61–90天 · 交付（独立交付与复盘）"}
PHASE_COLOURS = {"0–30天": "#eaf2f8", "31–60天": "#e8f4f1", "61–90天": "#f3eefa"}
HEADER_COLOURS = {"0–30天": PALETTE[0], "31–60天": PALETTE[1], "61–90天": PALETTE[3]}
FIG_WIDTH = 12.0           # inches; ≈ the app's width at 96 dpi, so text is not scaled down
CARD_TEXT_UNITS = 50       # wrap width of a card line, in half-width units (a CJK char is 2)


def text_width(text: str) -> int:
    """Display width in half-width units: wide/full-width characters (CJK) count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def cjk_wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Wrap ``text`` to lines of at most ``width`` half-width units.

    CJK text may break between any two characters; runs of Latin letters and digits are
    kept whole when they fit on a line; a line does not start with closing punctuation
    (，。、；：）》” …). With ``max_lines`` the last kept line ends in "…".

    >>> cjk_wrap("熟悉CRM商机录入与报价审批流程", 12)
    ['熟悉CRM商机', '录入与报价审', '批流程']
    """
    text = " ".join(str(text or "").split())
    if not text:
        return []
    tokens: list[str] = []
    for ch in text:
        if tokens and ch.isascii() and ch.isalnum() and tokens[-1][-1].isascii() \
                and tokens[-1][-1].isalnum():
            tokens[-1] += ch
        else:
            tokens.append(ch)
    pieces: list[str] = []
    for token in tokens:                      # a Latin run longer than a line: hard breaks
        while text_width(token) > width:
            cut = max(1, width)
            pieces.append(token[:cut])
            token = token[cut:]
        if token:
            pieces.append(token)
    no_start = set("，。、；：？！）》」』”’,.;:?!)%…")
    lines: list[str] = []
    line = ""
    for token in pieces:
        if not line or text_width(line + token) <= width \
                or (token in no_start and text_width(line) <= width):
            line += token
        else:
            lines.append(line.rstrip())
            line = token.lstrip()
    if line.strip():
        lines.append(line.rstrip())
    if max_lines is not None and len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        while last and text_width(last + "…") > width:
            last = last[:-1]
        kept[-1] = last + "…"
        return kept
    return lines


def _fmt_date(value) -> str:
    if value is None or (not isinstance(value, date) and pd.isna(value)):
        return ""
    return f"{value.month}/{value.day}"


def _fmt_target(value, unit: str) -> str:
    if value is None or pd.isna(value):
        return f"目标 — {unit}".strip()
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    return f"目标 {number} {unit}".strip()


def board_figure(plan_table: pd.DataFrame, role: str = "", start: str = ""):
    """The 30-60-90 board: one column per phase, one card per week, milestones highlighted.

    Parameters
    ----------
    plan_table : DataFrame
        ``methods.onboarding.plan_table(plan)`` (columns 周次, 阶段, 本周起, 本周止, 截止日期,
        周目标, 评估指标, 目标值, 单位, 检查方式, 负责人, 培训资源, 里程碑).
    role, start : str
        Optional caption (the role and day 1), shown above the columns.

    Returns
    -------
    matplotlib.figure.Figure
    """
    phases = list(PHASE_TITLES)
    columns = {p: plan_table[plan_table["阶段"] == p] for p in phases}
    n_rows = max([len(c) for c in columns.values()] + [1])
    card_h, gap, head_h = 1.62, 0.14, 0.55
    height = head_h + n_rows * (card_h + gap) + (0.35 if role or start else 0.05)
    fig = new_figure(FIG_WIDTH, height)
    fig.set_layout_engine("none")    # the cards are placed in inches on one full-figure axes
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, FIG_WIDTH)
    ax.set_ylim(height, 0)           # y grows downwards, in inches
    col_gap, left = 0.15, 0.1
    col_w = (FIG_WIDTH - 2 * left - 2 * col_gap) / 3
    top = 0.05
    if role or start:
        caption = "30-60-90 入职与转型计划" + (f" · 岗位：{role}" if role else "") \
            + (f" · 第一天：{start}" if start else "")
        ax.text(left, 0.22, caption, fontsize=12, fontweight="bold", color="#1b3f66", va="center")
        top = 0.38
    for i, phase in enumerate(phases):
        x0 = left + i * (col_w + col_gap)
        ax.add_patch(FancyBboxPatch((x0, top), col_w, head_h - 0.12, boxstyle="round,pad=0,rounding_size=0.06",
                                    facecolor=HEADER_COLOURS[phase], edgecolor="none"))
        ax.text(x0 + col_w / 2, top + (head_h - 0.12) / 2, PHASE_TITLES[phase], color="white",
                fontsize=11, fontweight="bold", ha="center", va="center")
        y = top + head_h
        for _, row in columns[phase].iterrows():
            _card(ax, x0, y, col_w, card_h, row, PHASE_COLOURS[phase])
            y += card_h + gap
    return fig


def _card(ax, x0: float, y0: float, w: float, h: float, row: pd.Series, fill: str) -> None:
    milestone = str(row.get("里程碑", "")) == "是"
    ax.add_patch(FancyBboxPatch((x0, y0), w, h, boxstyle="round,pad=0,rounding_size=0.08",
                                facecolor="#fff8ec" if milestone else fill,
                                edgecolor=ALERT if milestone else MUTED,
                                linewidth=2.2 if milestone else 0.8))
    pad = 0.12
    first, last, due = _fmt_date(row.get("本周起")), _fmt_date(row.get("本周止")), \
        _fmt_date(row.get("截止日期"))
    header = f"第{int(row['周次'])}周" + (f"  {first}–{last}" if first else "")
    ax.text(x0 + pad, y0 + 0.2, header, fontsize=10, fontweight="bold", color="#1b3f66",
            va="center")
    right = ("◆ 阶段里程碑" if milestone else "") + (f"  截止 {due}" if due else "")
    if right.strip():
        ax.text(x0 + w - pad, y0 + 0.2, right.strip(), fontsize=9, va="center", ha="right",
                color=ALERT if milestone else "#5b6770",
                fontweight="bold" if milestone else "normal")
    goal = str(row.get("周目标") or "").strip()
    goal_lines = cjk_wrap(goal, CARD_TEXT_UNITS, max_lines=2) or ["（本周目标未填写）"]
    ax.text(x0 + pad, y0 + 0.42, "\n".join(goal_lines), fontsize=10, va="top",
            color="#1f2a33" if goal else ALERT, linespacing=1.35)
    measure = str(row.get("评估指标") or "").strip() or "（评估指标未填写）"
    target = _fmt_target(row.get("目标值"), str(row.get("单位") or ""))
    check = str(row.get("检查方式") or "")
    measure_text = f"评估：{measure} · {target}" + (f"（{check}）" if check else "")
    ax.text(x0 + pad, y0 + 0.98, "\n".join(cjk_wrap(measure_text, CARD_TEXT_UNITS + 5, max_lines=1)),
            fontsize=9, va="top", color="#33424f")
    owner = str(row.get("负责人") or "").strip() or "（未填写）"
    resource = str(row.get("培训资源") or "")
    ax.text(x0 + pad, y0 + 1.27, f"负责人：{owner}    资源：{resource}", fontsize=9, va="top",
            color="#33424f" if owner != "（未填写）" else ALERT)
