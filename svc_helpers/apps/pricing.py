"""D1-M3 exercise: three-tier pricing 基础 / 专业 / 旗舰 with a rate card."""
from __future__ import annotations

import html
import math
from dataclasses import asdict

import ipywidgets as W

from ..charts.pricing import tier_price_chart
from ..methods.pricing import (TIER_NAMES, TierInput, TierQuote, check_tiers, item_costs,
                               line_unit_cost, pricing_table, quote_tiers, rate_card)
from .base import LABEL_STYLE, ExerciseApp, table_html

DEFAULT_LINE = "设施维修"
DEFAULT_MARKUP_PCT, DEFAULT_VALUE_SHARE_PCT, DEFAULT_MARGIN_FLOOR_PCT = 20.0, 70.0, 10.0
DEFAULT_PROPOSITIONS = {
    "基础": "保障基本需求：标准响应、按量计费、价格透明",
    "专业": "更快更稳：计划性服务减少停机，月度报告看得见",
    "旗舰": "省心托付：专属团队 7×24 小时兜底，按结果负责",
}
PRICE_METHODS = {"成本加成价": "cost_plus", "价值定价": "value_based", "市场基准": "market"}


def _round_up(value: float, step: float = 1.0) -> float:
    return math.ceil(value / step) * step


class PricingTiersApp(ExerciseApp):
    """Scope, price and position three tiers of one service line."""

    module = "d1m3"

    # -- controls -------------------------------------------------------------------
    def build(self) -> W.Widget:
        lines = list(dict.fromkeys(self.case.service_items["service_line"]))
        self.line = W.Dropdown(options=lines, value=DEFAULT_LINE if DEFAULT_LINE in lines else lines[0],
                               description="服务线", style=LABEL_STYLE, layout=W.Layout(width="220px"))
        self.line.observe(self._on_line_change, names="value")
        self._line_drafts: dict[str, dict] = {}
        self.unit_info = W.HTML()
        number = dict(style=LABEL_STYLE, layout=W.Layout(width="190px"))
        self.markup = W.BoundedFloatText(value=DEFAULT_MARKUP_PCT, min=0, max=300, step=1,
                                         description="成本加成率 %", **number)
        self.value_share = W.BoundedFloatText(value=DEFAULT_VALUE_SHARE_PCT, min=0, max=100, step=5,
                                              description="价值分成比例 %", **number)
        self.margin_floor = W.BoundedFloatText(value=DEFAULT_MARGIN_FLOOR_PCT, min=0, max=90, step=1,
                                               description="毛利率底线 %", **number)
        self.method = W.Dropdown(options=list(PRICE_METHODS), description="一键填价",
                                 style=LABEL_STYLE, layout=W.Layout(width="220px"))
        self.fill_button = W.Button(description="按此方法填入三档价格", layout=W.Layout(width="170px"))
        self.fill_button.on_click(lambda _: self.fill_prices(PRICE_METHODS[self.method.value]))

        self.scope_box = W.VBox()
        self.checks: dict[tuple[int, str], W.Checkbox] = {}
        self.prices, self.propositions, self.references = [], [], []
        columns = []
        for i, name in enumerate(TIER_NAMES):
            price = W.BoundedFloatText(value=0, min=0, max=1e7, step=1, description="价格（元）",
                                       style=LABEL_STYLE, layout=W.Layout(width="170px"))
            proposition = W.Textarea(placeholder=f"{name}档的价值主张", rows=3, continuous_update=False,
                                     layout=W.Layout(width="95%"))
            reference = W.HTML()
            self.prices.append(price)
            self.propositions.append(proposition)
            self.references.append(reference)
            columns.append(W.VBox([
                W.HTML(f"<b>{name}档</b>"), self.field(f"tier-{i}.price", price), reference,
                self.field(f"tier-{i}.proposition", proposition),
                self.message_slot(f"tier-{i}.items"),
            ], layout=W.Layout(width="33%", padding="0 8px 0 0")))
        return W.VBox([
            W.HBox([self.line, self.unit_info]),
            W.HBox([self.field("markup", self.markup), self.field("value_share", self.value_share),
                    self.field("margin_floor", self.margin_floor)]),
            W.HTML("<b>服务范围</b>（勾选每档包含的服务项目）"),
            self.scope_box,
            W.HBox([self.method, self.fill_button]),
            W.HBox(columns),
        ])

    def _items(self, line: str):
        base = line_unit_cost(self.case.cost_ledger, self.case.cost_centres, line)
        return base, item_costs(self.case.service_items, line, base)

    def _unit(self, line: str) -> str:
        centres = self.case.cost_centres
        units = centres.loc[centres["service_line"] == line, "volume_unit"]
        return str(units.iloc[0]) if not units.empty else "单位"

    def _build_scope(self, line: str) -> None:
        """One row per service item, one checkbox per tier."""
        self.base_cost, self.items = self._items(line)
        self.unit = self._unit(line)
        self.unit_info.value = (f'<span class="svc-hint">近 12 个月平均单位成本 '
                                f'{self.base_cost:,.0f} 元/{html.escape(self.unit)}（来自成本台账）</span>')
        self.checks = {}
        header = W.HBox([W.HTML("<b>服务项目</b>", layout=W.Layout(width="230px")),
                         W.HTML("<b>单位成本</b>", layout=W.Layout(width="110px"))]
                        + [W.HTML(f"<b>{n}</b>", layout=W.Layout(width="70px")) for n in TIER_NAMES])
        rows = [header]
        for _, item in self.items.iterrows():
            boxes = []
            for i in range(len(TIER_NAMES)):
                box = W.Checkbox(value=False, indent=False, layout=W.Layout(width="70px"))
                box.add_class(f"svc-scope-{i}-{item['item_id']}")
                self.checks[(i, item["item_id"])] = box
                self.watch(box)
                boxes.append(box)
            rows.append(W.HBox([W.HTML(html.escape(item["item_name"]), layout=W.Layout(width="230px")),
                                W.HTML(f"{item['unit_cost_cny']:,.0f} 元", layout=W.Layout(width="110px"))]
                               + boxes))
        self.scope_box.children = rows

    def _on_line_change(self, change) -> None:
        """Switch service line; the other line's unsaved draft is kept for switching back."""
        if self._applying:
            return
        self._line_drafts[change["old"]] = {**self.read_state(), "service_line": change["old"]}
        kept = self._line_drafts.get(change["new"])
        self._apply(kept or self.default_state(change["new"]))
        if not self.findings:
            self._set_status(f"已切换到“{change['new']}”" + ("，恢复了刚才未保存的草稿。" if kept else
                             "，生成了默认三档，请调整后保存。"))

    # -- state ----------------------------------------------------------------------
    def default_state(self, line: str | None = None) -> dict:
        line = line or (DEFAULT_LINE if DEFAULT_LINE in set(self.case.service_items["service_line"])
                        else self.case.service_items["service_line"].iloc[0])
        _, items = self._items(line)
        tiers, included = [], []
        for name in TIER_NAMES:
            included += list(items.loc[items["suggested_tier"] == name, "item_id"])
            cost = items.loc[items["item_id"].isin(included), "unit_cost_cny"].sum()
            tiers.append({"name": name, "items": list(included),
                          "price": _round_up(cost * (1 + DEFAULT_MARKUP_PCT / 100)),
                          "proposition": DEFAULT_PROPOSITIONS[name]})
        return {"service_line": line, "markup_pct": DEFAULT_MARKUP_PCT,
                "value_share_pct": DEFAULT_VALUE_SHARE_PCT,
                "margin_floor_pct": DEFAULT_MARGIN_FLOOR_PCT, "tiers": tiers}

    def upgrade(self, payload: dict) -> dict:
        """A saved state, checked against today's case data (a line may have been renamed)."""
        state = super().upgrade(payload)
        if state.get("service_line") not in self.line.options:
            raise ValueError(f"案例中已没有服务线“{state.get('service_line')}”")
        return state

    def apply_state(self, state: dict) -> None:
        self.line.value = state["service_line"]
        self._build_scope(state["service_line"])
        self.markup.value = state["markup_pct"]
        self.value_share.value = state["value_share_pct"]
        self.margin_floor.value = state["margin_floor_pct"]
        for i, tier in enumerate(state["tiers"]):
            for (j, item_id), box in self.checks.items():
                if j == i:
                    box.value = item_id in tier["items"]
            self.prices[i].value = tier["price"]
            self.propositions[i].value = tier["proposition"]

    def read_state(self) -> dict:
        tiers = []
        for i, name in enumerate(TIER_NAMES):
            items = [item_id for (j, item_id), box in self.checks.items() if j == i and box.value]
            tiers.append({"name": name, "items": items, "price": float(self.prices[i].value),
                          "proposition": self.propositions[i].value.strip()})
        return {"service_line": self.line.value, "markup_pct": float(self.markup.value),
                "value_share_pct": float(self.value_share.value),
                "margin_floor_pct": float(self.margin_floor.value), "tiers": tiers}

    # -- evaluation -----------------------------------------------------------------
    def evaluate(self, state: dict):
        tiers = [TierInput(t["name"], tuple(t["items"]), t["price"], t["proposition"])
                 for t in state["tiers"]]
        quotes = quote_tiers(tiers, self.items, state["markup_pct"] / 100,
                             state["value_share_pct"] / 100)
        findings = check_tiers(quotes, state["margin_floor_pct"] / 100)
        tiers_out = []
        for q in quotes:
            row = asdict(q)
            row["margin"] = q.margin if q.price > 0 else None
            tiers_out.append(row)
        artifact = {"service_line": state["service_line"], "unit": self.unit,
                    "base_unit_cost": self.base_cost, "margin_floor": state["margin_floor_pct"] / 100,
                    "tiers": tiers_out,
                    "rate_card": rate_card(quotes, self.unit).to_dict(orient="records")}
        return artifact, findings

    def after_refresh(self, state: dict, artifact: dict | None, findings) -> None:
        """The three reference prices under each tier's price box."""
        for tier, reference in zip(artifact["tiers"] if artifact else [], self.references):
            reference.value = (f'<div class="svc-hint">成本 {tier["unit_cost"]:,.0f} · '
                               f'成本加成 {tier["cost_plus"]:,.0f} · 价值定价 {tier["value_based"]:,.0f} · '
                               f'市场基准 {tier["market"]:,.0f}（元/{html.escape(self.unit)}）</div>')

    def fill_prices(self, method: str) -> None:
        """Fill the three prices from one reference (rounded up to whole yuan)."""
        with self._guard("填入价格"):
            self.refresh()
            with self.batch():
                for tier, price in zip(self.draft["tiers"], self.prices):
                    price.value = _round_up(tier[method])

    # -- outputs ----------------------------------------------------------------------
    def _quotes_of(self, artifact: dict) -> list[TierQuote]:
        return [TierQuote(**{**t, "items": tuple(t["items"]), "item_names": tuple(t["item_names"]),
                             "margin": t["margin"] if t["margin"] is not None else float("-inf")})
                for t in artifact["tiers"]]

    def figure_keys(self, artifact: dict) -> dict:
        table = pricing_table(self._quotes_of(artifact))
        return {"tiers": (artifact["service_line"], table.to_json())}

    def figures(self, artifact: dict, only: set[str] | None = None) -> dict:
        table = pricing_table(self._quotes_of(artifact))
        title = f"{artifact['service_line']}三档：成本、定价与客户价值"
        return {"tiers": tier_price_chart(table, artifact["unit"], title=title)}

    def tables(self, artifact: dict) -> dict:
        quotes = self._quotes_of(artifact)
        return {"价目表": rate_card(quotes, artifact["unit"]), "定价测算": pricing_table(quotes)}

    def summary_html(self, artifact: dict) -> str:
        card = rate_card(self._quotes_of(artifact), artifact["unit"])
        return table_html(card, caption=f"{artifact['service_line']} 价目表")
