"""Pricing methods against worked examples (D1-M3)."""
import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from svc_helpers.methods.pricing import (TierInput, check_tiers, cost_plus_price, gross_margin,
                                         item_costs, line_cost_overview, line_unit_cost,
                                         quote_tiers, rate_card, value_based_price)


def ledger():
    """Two centres of one line over 14 months: the first two months fall outside the window."""
    months = pd.date_range("2025-01-01", periods=14, freq="MS")
    rows = []
    for cc, scale in (("CC1", 1.0), ("CC2", 0.5)):
        for i, month in enumerate(months):
            old = i < 2  # Jan-Feb 2025: expensive months the 12-month window must ignore
            rows.append({"month": month, "cost_centre_id": cc,
                         "labour_cny": 6000 * scale * (10 if old else 1), "materials_cny": 2000 * scale,
                         "outsourcing_cny": 1000 * scale, "energy_cny": 500 * scale,
                         "depreciation_cny": 300 * scale, "overhead_cny": 200 * scale,
                         "volume": int(100 * scale)})
    return pd.DataFrame(rows)


CENTRES = pd.DataFrame({"cost_centre_id": ["CC1", "CC2", "CC3"],
                        "service_line": ["设施维修", "设施维修", "保洁"],
                        "volume_unit": ["工单", "工单", "平方米·月"]})


def test_line_unit_cost_is_total_cost_over_volume_in_the_window():
    # per month: CC1 costs 10,000 for 100 orders, CC2 5,000 for 50 -> 15,000 / 150 = 100 元/工单
    assert line_unit_cost(ledger(), CENTRES, "设施维修") == pytest.approx(100.0)
    # over all 14 months the two expensive months raise it: check the window matters
    assert line_unit_cost(ledger(), CENTRES, "设施维修", months=14) > 100.0


def test_line_unit_cost_unknown_line_is_a_chinese_error():
    with pytest.raises(ValueError, match="没有“会议”的成本中心"):
        line_unit_cost(ledger(), CENTRES, "会议")


def test_line_cost_overview_matches_unit_cost():
    table = line_cost_overview(ledger(), CENTRES)
    row = table.set_index("服务线").loc["设施维修"]
    assert row["合计（万元）"] == pytest.approx(12 * 15000 / 1e4)
    assert row["单位成本（元）"] == pytest.approx(100.0)
    assert row["单位"] == "工单"


def test_cost_plus_and_margin_worked_example():
    # Nagle & Müller ch. 1 style: cost 80, markup 25 % -> price 100, margin on price 20 %
    assert cost_plus_price(80, 0.25) == pytest.approx(100)
    assert gross_margin(100, 80) == pytest.approx(0.20)
    assert gross_margin(0, 80) == -math.inf


def test_value_based_price_is_the_captured_share_of_customer_value():
    # EVC 300 元, provider asks 40 % -> 120 元, the customer keeps 180 元
    assert value_based_price(300, 0.4) == pytest.approx(120)
    with pytest.raises(ValueError):
        value_based_price(300, 1.5)


ITEMS = pd.DataFrame({"item_id": ["A", "B", "C", "D"], "service_line": ["设施维修"] * 4,
                      "item_name": ["报修", "小修", "应急", "驻场"],
                      "cost_weight": [1.0, 0.5, 0.8, 1.5],
                      "customer_value_cny": [250.0, 120.0, 300.0, 500.0],
                      "market_price_cny": [130.0, 60.0, 110.0, 200.0],
                      "suggested_tier": ["基础", "基础", "专业", "旗舰"]})


def quotes(prices=(200, 320, 600), scopes=(("A", "B"), ("A", "B", "C"), ("A", "B", "C", "D"))):
    items = item_costs(ITEMS, "设施维修", base_unit_cost=100.0)
    tiers = [TierInput(n, s, p, f"{n}主张") for n, s, p in zip(("基础", "专业", "旗舰"), scopes, prices)]
    return quote_tiers(tiers, items, markup=0.2, capture_share=0.4)


def test_quote_sums_items_of_the_scope():
    basic, pro, flagship = quotes()
    assert basic.unit_cost == pytest.approx(150)          # 100 x (1.0 + 0.5)
    assert pro.unit_cost == pytest.approx(230)            # + 0.8 x 100
    assert flagship.unit_cost == pytest.approx(380)
    assert basic.cost_plus == pytest.approx(180)          # 150 x 1.2
    assert basic.value_based == pytest.approx(148)        # (250 + 120) x 0.4
    assert pro.market == pytest.approx(300)               # 130 + 60 + 110
    assert basic.margin == pytest.approx(0.25)            # (200 - 150) / 200


def test_a_valid_rate_card_has_no_findings():
    assert check_tiers(quotes(), margin_floor=0.1) == []


def test_price_must_rise_with_the_tier():
    findings = check_tiers(quotes(prices=(240, 235, 600)), margin_floor=0.0)
    assert [f.field for f in findings] == ["tier-1.price"]
    assert "必须高于基础档" in findings[0].message


def test_scope_must_be_nested_and_say_what_is_missing():
    findings = check_tiers(quotes(scopes=(("A", "B"), ("A", "C"), ("A", "B", "C", "D"))), 0.0)
    nested = [f for f in findings if f.field == "tier-1.items"]
    assert nested and "缺少：小修" in nested[0].message


def test_higher_tier_needs_more_than_the_tier_below():
    findings = check_tiers(quotes(scopes=(("A", "B"), ("A", "B"), ("A", "B", "C"))), 0.0)
    assert any(f.field == "tier-1.items" and "多至少一项" in f.message for f in findings)


def test_margin_floor_names_the_minimum_price():
    findings = check_tiers(quotes(prices=(160, 320, 600)), margin_floor=0.2)
    # basic costs 150: at a 20 % floor the minimum price is 150 / 0.8 = 187.5 -> 188
    assert findings == [findings[0]] and findings[0].field == "tier-0.price"
    assert "至少应定 188 元" in findings[0].message


def test_empty_scope_and_proposition_are_findings():
    items = item_costs(ITEMS, "设施维修", 100.0)
    q = quote_tiers([TierInput("基础", (), 100, " ")], items, 0.2, 0.4)
    fields = {f.field for f in check_tiers(q, 0.1)}
    assert fields == {"tier-0.items", "tier-0.proposition"}


def test_rate_card_columns_carry_the_unit():
    card = rate_card(quotes(), "工单")
    assert list(card.columns) == ["档位", "服务内容", "价格（元/工单）", "价值主张"]
    assert card.loc[1, "服务内容"] == "报修、小修、应急"


@given(cost=st.floats(1, 1e5), floor=st.floats(0, 0.9))
def test_the_suggested_minimum_price_passes_the_floor(cost, floor):
    """The price a margin finding suggests always clears the floor."""
    items = pd.DataFrame({"item_id": ["A"], "item_name": ["x"], "unit_cost_cny": [cost],
                          "customer_value_cny": [cost], "market_price_cny": [cost]})
    minimum = math.ceil(cost / (1 - floor))
    q = quote_tiers([TierInput("基础", ("A",), minimum, "主张")], items, 0.0, 0.5)
    assert check_tiers(q, floor) == []
