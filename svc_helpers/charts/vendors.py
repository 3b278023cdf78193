"""Pictures for D2-M5 vendor selection: the vendor radar, inspection trends, the risk matrix."""
from __future__ import annotations

import math
from typing import Mapping, Sequence

import pandas as pd

from .style import ALERT, MUTED, PALETTE, new_figure

BAND_COLOURS = {"低": "#cfe8d8", "中": "#f6e3a1", "高": "#f2b47e", "极高": "#e07a6f"}


def radar_angles(n: int) -> list[float]:
    """Angles (radians) of ``n`` spokes, the first repeated at the end to close the polygon."""
    if n < 3:
        raise ValueError("雷达图至少需要 3 个维度")
    angles = [2 * math.pi * i / n for i in range(n)]
    return angles + angles[:1]


def _closed(values: Sequence[float]) -> list[float]:
    values = [float(v) for v in values]
    return values + values[:1]


def radar_chart(scores: pd.DataFrame, dimensions: Sequence[str],
                minimums: Mapping[str, float] | None = None, label_column: str = "vendor_name"):
    """Up to four vendors on one radar (0–100 per dimension), the minimums as a dashed line.

    ``scores`` has one row per vendor with ``label_column`` and one column per dimension.
    """
    fig = new_figure(9.0, 4.6)
    ax = fig.add_subplot(projection="polar")
    angles = radar_angles(len(dimensions))
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    for i, (_, row) in enumerate(scores.iterrows()):
        colour = PALETTE[i % len(PALETTE)]
        values = _closed([row[d] for d in dimensions])
        ax.plot(angles, values, color=colour, lw=2, label=str(row[label_column]))
        ax.fill(angles, values, color=colour, alpha=0.10)
    if minimums:
        ax.plot(angles, _closed([minimums.get(d, 0) for d in dimensions]), color=ALERT, lw=1.5,
                ls="--", label="入围门槛")
    ax.set_xticks(angles[:-1], [f"{d}" for d in dimensions])
    ax.set_ylim(0, 100)
    ax.set_yticks([20, 40, 60, 80, 100], ["20", "40", "60", "80", "100 分"], fontsize=8,
                  color=MUTED)
    ax.set_rlabel_position(90 / len(dimensions))
    ax.tick_params(axis="x", pad=6)
    fig.legend(loc="outside right upper", fontsize=9)  # constrained layout makes room
    return fig


def trend_chart(monthly: pd.DataFrame, trend: pd.DataFrame, names: Mapping[str, str] | None = None):
    """Monthly inspection score per vendor; vendors flagged ``decaying`` drawn in the alert colour.

    ``monthly`` is ``methods.vendors.monthly_scores``; ``trend`` is ``inspection_trend``.
    """
    fig = new_figure(8.0, 4.0)
    ax = fig.subplots()
    names = names or {}
    flags = dict(zip(trend["vendor_id"], trend["decaying"])) if len(trend) else {}
    slopes = dict(zip(trend["vendor_id"], trend["slope_per_month"])) if len(trend) else {}
    for vendor_id, group in monthly.groupby("vendor_id", sort=True):
        group = group.sort_values("month")
        label = names.get(vendor_id, vendor_id)
        if flags.get(vendor_id):
            ax.plot(group["month"], group["score"], color=ALERT, lw=2.6, zorder=3,
                    label=f"{label}（近 12 个月 {slopes[vendor_id]:+.1f} 分/月，下滑）")
            last = group.iloc[-1]
            ax.annotate(f"{last['score']:.0f} 分", (last["month"], last["score"]), xytext=(4, -4),
                        textcoords="offset points", color=ALERT, fontsize=9)
        else:
            ax.plot(group["month"], group["score"], color=MUTED, lw=1.2, alpha=0.8,
                    label=f"{label}")
    ax.set_ylabel("巡检月均分（分）")
    ax.set_xlabel("月份")
    ax.set_ylim(max(0, monthly["score"].min() - 5) if len(monthly) else 0, 100)
    ax.legend(loc="lower left", fontsize=8, ncols=2)
    fig.autofmt_xdate()
    return fig


def risk_matrix_chart(register: pd.DataFrame, bands: Sequence[Sequence[str]]):
    """The 5×5 likelihood × impact matrix, cells coloured by band, risk ids placed in their cells.

    ``register`` has ``风险编号``, ``可能性``, ``影响``; ``bands[l-1][i-1]`` is the band name of
    the cell (``methods.vendors.risk_band_grid()``).
    """
    from matplotlib.patches import Patch, Rectangle

    fig = new_figure(6.8, 5.6)
    ax = fig.subplots()
    for lik in range(1, 6):
        for imp in range(1, 6):
            band = bands[lik - 1][imp - 1]
            ax.add_patch(Rectangle((imp - 0.5, lik - 0.5), 1, 1, facecolor=BAND_COLOURS[band],
                                   edgecolor="white", lw=2))
            ax.text(imp + 0.42, lik - 0.42, f"{lik * imp}", ha="right", va="bottom", fontsize=7,
                    color="#5b6770")
    cells: dict[tuple[int, int], list[str]] = {}
    for _, row in register.iterrows():
        cells.setdefault((int(row["可能性"]), int(row["影响"])), []).append(str(row["风险编号"]))
    for (lik, imp), ids in cells.items():
        lines = [" ".join(ids[i:i + 2]) for i in range(0, len(ids), 2)]
        ax.text(imp, lik, "\n".join(lines), ha="center", va="center", fontsize=9,
                fontweight="bold", color="#1b3f66")
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(range(1, 6), ["1 轻微", "2 较小", "3 中等", "4 重大", "5 严重"])
    ax.set_yticks(range(1, 6), ["1 极少", "2 不太可能", "3 可能", "4 很可能", "5 几乎确定"])
    ax.set_xlabel("影响程度（级）")
    ax.set_ylabel("可能性（级）")
    ax.grid(False)
    ax.set_aspect("equal")
    spans: dict[str, list[int]] = {}
    for lik in range(1, 6):
        for imp in range(1, 6):
            spans.setdefault(bands[lik - 1][imp - 1], []).append(lik * imp)
    handles = [Patch(facecolor=BAND_COLOURS[b], label=f"{b}（{min(v)}–{max(v)} 分）")
               for b, v in sorted(spans.items(), key=lambda kv: min(kv[1]))]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9,
              title="等级（分值 = 可能性 × 影响）", title_fontsize=9)
    return fig
