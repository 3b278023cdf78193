"""Pictures for D1-M3 three-tier pricing."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .style import ALERT, MUTED, PALETTE, new_figure


def tier_price_chart(table: pd.DataFrame, unit: str = "单位", title: str = ""):
    """Cost, chosen price and customer value per tier, with the market benchmark marked.

    ``table`` is ``methods.pricing.pricing_table(...)``. Returns a Figure.
    """
    fig = new_figure(8.0, 4.2)
    ax = fig.subplots()
    x = np.arange(len(table))
    series = [("单位成本（元）", "单位成本", MUTED), ("定价（元）", "定价", PALETTE[0]),
              ("客户价值（元）", "客户价值", PALETTE[1])]
    width = 0.26
    for offset, (column, label, colour) in zip((-width, 0.0, width), series):
        ax.bar(x + offset, table[column], width=width * 0.95, color=colour, label=label)
    ax.scatter(x, table["市场基准（元）"], marker="D", s=46, color=PALETTE[2], zorder=3,
               label="市场基准")
    tops = table[["单位成本（元）", "定价（元）", "客户价值（元）", "市场基准（元）"]].max(axis=1)
    for xi, top, margin in zip(x, tops, table["毛利率"]):
        if margin is None or pd.isna(margin):
            continue
        colour = ALERT if margin < 0 else "#1b3f66"
        label = "低于成本" if margin < 0 else f"毛利率 {margin:.0%}"
        ax.annotate(label, (xi, top), xytext=(0, 6), textcoords="offset points",
                    ha="center", va="bottom", fontsize=10, color=colour)
    ax.set_xticks(x, [f"{name}档" for name in table["档位"]])
    ax.set_ylabel(f"元/{unit}")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.legend(loc="upper left", ncols=4, fontsize=9)
    ax.margins(y=0.2)
    if title:
        ax.set_title(title, loc="left", fontsize=12)
    return fig


def cost_structure_chart(overview: pd.DataFrame):
    """Stacked horizontal bars of each service line's cost elements (万元).

    ``overview`` is ``methods.pricing.line_cost_overview(...)``.
    """
    elements = ["人工", "物料", "外包", "能耗", "折旧", "管理分摊"]
    data = overview.set_index("服务线")[elements].iloc[::-1]
    fig = new_figure(8.0, 0.38 * len(data) + 1.4)
    ax = fig.subplots()
    left = np.zeros(len(data))
    for colour, element in zip(PALETTE, elements):
        ax.barh(data.index, data[element], left=left, color=colour, label=element, height=0.7)
        left += data[element].to_numpy()
    ax.set_xlabel("近 12 个月成本（万元）")
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.legend(loc="lower right", ncols=3, fontsize=9)
    ax.grid(axis="y", visible=False)
    return fig
