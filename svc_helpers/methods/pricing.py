"""Three-tier pricing of an internal service (D1-M3 成本中心如何重塑为利润中心?).

The unit cost of a service line comes from the cost ledger (full absorption cost per unit
delivered); a tier's cost adds up the cost of the service items in its scope, each item
weighted by the activity it consumes (activity-based costing). Three reference prices are
then compared: cost-plus, value-based and the market benchmark. The checks a rate card
must pass are business rules and live here too.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

import pandas as pd

from . import Finding

TIER_NAMES: tuple[str, ...] = ("基础", "专业", "旗舰")
COST_COLUMNS: tuple[str, ...] = ("labour_cny", "materials_cny", "outsourcing_cny", "energy_cny",
                                 "depreciation_cny", "overhead_cny")


def line_unit_cost(cost_ledger: pd.DataFrame, cost_centres: pd.DataFrame, service_line: str,
                   months: int = 12) -> float:
    """Average full cost per unit delivered by one service line over the last ``months``.

    .. math:: c = \\frac{\\sum_{t} \\sum_{k} C_{k,t}}{\\sum_t Q_t}

    summed over every cost centre of the line, every cost element ``k`` (labour, materials,
    outsourcing, energy, depreciation, overhead) and the last ``months`` months ``t``.

    References
    ----------
    Horngren, Datar & Rajan, *Cost Accounting: A Managerial Emphasis*, 15th ed. (2015),
    ch. 4 and 17: average (absorption) unit cost = total cost / units of output.
    """
    centres = cost_centres.loc[cost_centres["service_line"] == service_line, "cost_centre_id"]
    if centres.empty:
        raise ValueError(f"案例数据中没有“{service_line}”的成本中心")
    rows = cost_ledger[cost_ledger["cost_centre_id"].isin(centres)]
    recent = rows[rows["month"] > rows["month"].max() - pd.DateOffset(months=months)]
    volume = recent["volume"].sum()
    if volume <= 0:
        raise ValueError(f"“{service_line}”最近 {months} 个月没有服务量，无法计算单位成本")
    return float(recent[list(COST_COLUMNS)].to_numpy().sum() / volume)


def item_costs(service_items: pd.DataFrame, service_line: str, base_unit_cost: float) -> pd.DataFrame:
    """The service items of one line with their unit cost (``base_unit_cost × cost_weight``).

    References
    ----------
    Kaplan & Anderson, "Time-Driven Activity-Based Costing", *Harvard Business Review*
    (Nov 2004): a service's cost is the sum of the activities it consumes, each at the
    line's cost-driver rate.
    """
    items = service_items[service_items["service_line"] == service_line].copy()
    items["unit_cost_cny"] = items["cost_weight"] * base_unit_cost
    return items.reset_index(drop=True)


def cost_plus_price(unit_cost: float, markup: float) -> float:
    """Cost-plus price ``p = c (1 + m)`` with markup ``m`` on cost (0.2 = 20 %).

    References
    ----------
    Nagle & Müller, *The Strategy and Tactics of Pricing*, 6th ed. (2018), ch. 1:
    cost-plus pricing and why it ignores the customer.
    """
    if unit_cost < 0:
        raise ValueError("单位成本不能为负")
    return unit_cost * (1.0 + markup)


def value_based_price(customer_value: float, capture_share: float) -> float:
    """Value-based price: the share ``s`` of the customer's economic value ``V`` the provider
    asks for, ``p = s V`` (the customer keeps ``(1 - s) V`` as the reason to buy).

    References
    ----------
    Nagle & Müller (2018), ch. 2, economic value estimation (EVC); Anderson, Narus &
    van Rossum, "Customer Value Propositions in Business Markets", *HBR* (Mar 2006).
    """
    if not 0.0 <= capture_share <= 1.0:
        raise ValueError("价值分成比例必须在 0% 到 100% 之间")
    return customer_value * capture_share


def gross_margin(price: float, unit_cost: float) -> float:
    """Gross margin on price ``(p - c) / p``; ``-inf`` when the price is not positive.

    References
    ----------
    Horngren et al. (2015), ch. 3: contribution and gross margin percentages.
    """
    return (price - unit_cost) / price if price > 0 else float("-inf")


@dataclass(frozen=True)
class TierInput:
    """What the trainee decides for one tier."""

    name: str
    items: tuple[str, ...]
    price: float
    proposition: str = ""


@dataclass(frozen=True)
class TierQuote:
    """One priced tier: its cost, the three reference prices and the chosen price."""

    name: str
    items: tuple[str, ...]
    unit_cost: float
    cost_plus: float
    value_based: float
    market: float
    customer_value: float
    price: float
    margin: float
    proposition: str = ""
    item_names: tuple[str, ...] = field(default=())


def quote_tiers(tiers: Sequence[TierInput], items: pd.DataFrame, markup: float,
                capture_share: float) -> list[TierQuote]:
    """Price every tier from the items in its scope.

    ``items`` is ``item_costs(...)``: one row per item with ``item_id``, ``item_name``,
    ``unit_cost_cny``, ``customer_value_cny`` and ``market_price_cny``. A tier's cost,
    customer value and market benchmark are the sums over its items; the cost-plus and
    value-based prices follow from them (see the functions above).
    """
    table = items.set_index("item_id")
    quotes = []
    for tier in tiers:
        chosen = table.loc[[i for i in tier.items if i in table.index]]
        cost = float(chosen["unit_cost_cny"].sum())
        value = float(chosen["customer_value_cny"].sum())
        quotes.append(TierQuote(
            name=tier.name, items=tuple(chosen.index), unit_cost=cost,
            cost_plus=cost_plus_price(cost, markup),
            value_based=value_based_price(value, capture_share),
            market=float(chosen["market_price_cny"].sum()), customer_value=value,
            price=float(tier.price), margin=gross_margin(float(tier.price), cost),
            proposition=tier.proposition.strip(), item_names=tuple(chosen["item_name"])))
    return quotes


def check_tiers(quotes: Sequence[TierQuote], margin_floor: float) -> list[Finding]:
    """The rules a three-tier rate card must pass.

    1. every tier has at least one service item and a value proposition;
    2. scope is nested: each tier contains everything of the tier below, and more
       ("good-better-best" versioning);
    3. price rises strictly with the tier;
    4. each tier's gross margin is at least ``margin_floor``.

    Findings point at fields ``tier-<i>.items``, ``tier-<i>.price`` and
    ``tier-<i>.proposition`` (``i`` = 0, 1, 2).

    References
    ----------
    Shapiro & Varian, *Information Rules* (1999), ch. 3 "Versioning" (good-better-best
    lines, three versions); Nagle & Müller (2018), ch. 6, price-value fences.
    """
    if not 0.0 <= margin_floor < 1.0:
        raise ValueError("毛利率底线必须在 0% 到 100% 之间（不含 100%）")
    findings: list[Finding] = []
    for i, q in enumerate(quotes):
        key = f"tier-{i}"
        if not q.items:
            findings.append(Finding(f"{key}.items", f"{q.name}档至少要包含一项服务"))
        if not q.proposition:
            findings.append(Finding(f"{key}.proposition", f"请用一句话写出{q.name}档的价值主张"))
        if q.price <= 0:
            findings.append(Finding(f"{key}.price", f"{q.name}档价格必须大于 0"))
        elif q.items and q.margin < margin_floor - 1e-9:  # tolerance for float rounding
            floor_price = q.unit_cost / (1 - margin_floor)
            shortfall = (f"低于成本 {q.unit_cost:,.0f} 元" if q.price < q.unit_cost
                         else f"毛利率 {q.margin:.1%} 低于底线 {margin_floor:.0%}")
            findings.append(Finding(f"{key}.price",
                                    f"{q.name}档价格{shortfall}，至少应定 {math.ceil(floor_price):,} 元"))
        if i == 0:
            continue
        lower = quotes[i - 1]
        missing = [n for n, item in zip(lower.item_names, lower.items) if item not in q.items]
        if missing:
            findings.append(Finding(f"{key}.items",
                                    f"{q.name}档必须包含{lower.name}档的全部服务，缺少：{'、'.join(missing)}"))
        elif q.items and len(q.items) <= len(lower.items):
            findings.append(Finding(f"{key}.items", f"{q.name}档要比{lower.name}档多至少一项服务"))
        if q.price > 0 and lower.price > 0 and q.price <= lower.price:
            findings.append(Finding(f"{key}.price",
                                    f"{q.name}档价格（{q.price:,.0f} 元）必须高于{lower.name}档"
                                    f"（{lower.price:,.0f} 元）"))
    return findings


def rate_card(quotes: Sequence[TierQuote], unit: str) -> pd.DataFrame:
    """The rate card a customer sees: tier, scope, price per unit, value proposition."""
    return pd.DataFrame({
        "档位": [q.name for q in quotes],
        "服务内容": ["、".join(q.item_names) for q in quotes],
        f"价格（元/{unit}）": [round(q.price, 2) for q in quotes],
        "价值主张": [q.proposition for q in quotes],
    })


def pricing_table(quotes: Sequence[TierQuote]) -> pd.DataFrame:
    """The internal workings: cost, three reference prices, chosen price and margin."""
    return pd.DataFrame({
        "档位": [q.name for q in quotes],
        "单位成本（元）": [round(q.unit_cost, 2) for q in quotes],
        "成本加成价（元）": [round(q.cost_plus, 2) for q in quotes],
        "价值定价（元）": [round(q.value_based, 2) for q in quotes],
        "市场基准（元）": [round(q.market, 2) for q in quotes],
        "客户价值（元）": [round(q.customer_value, 2) for q in quotes],
        "定价（元）": [round(q.price, 2) for q in quotes],
        "毛利率": [round(q.margin, 4) if q.price > 0 else None for q in quotes],
    })


COST_LABELS = {"labour_cny": "人工", "materials_cny": "物料", "outsourcing_cny": "外包",
               "energy_cny": "能耗", "depreciation_cny": "折旧", "overhead_cny": "管理分摊"}


def line_cost_overview(cost_ledger: pd.DataFrame, cost_centres: pd.DataFrame,
                       months: int = 12) -> pd.DataFrame:
    """Per service line over the last ``months``: total cost, volume and average unit cost.

    The unit cost is ``line_unit_cost`` (absorption cost per unit; Horngren et al. 2015),
    one row per line, largest cost first. Cost elements are in 万元 (10,000 CNY) by element.
    """
    ledger = cost_ledger.merge(cost_centres[["cost_centre_id", "service_line", "volume_unit"]],
                               on="cost_centre_id")
    recent = ledger[ledger["month"] > ledger["month"].max() - pd.DateOffset(months=months)]
    grouped = recent.groupby("service_line")
    elements = grouped[list(COST_COLUMNS)].sum() / 1e4
    table = elements.rename(columns=COST_LABELS)
    table["合计（万元）"] = elements.sum(axis=1)
    table["服务量"] = grouped["volume"].sum()
    table["单位"] = grouped["volume_unit"].first()
    table["单位成本（元）"] = table["合计（万元）"] * 1e4 / table["服务量"]
    table = table.sort_values("合计（万元）", ascending=False).round(1)
    table.index.name = "服务线"
    return table.reset_index()
