"""Worked examples for svc_helpers.methods.vendors (vendor radar, shortlist, risk matrix)."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from svc_helpers.methods import Finding
from svc_helpers.methods.vendors import (DIMENSIONS, apply_overrides, check_overrides,
                                         check_risk_plans, check_selection, check_thresholds,
                                         check_weights, inspection_trend, ols_slope, price_score,
                                         reputation_score, risk_band, risk_band_grid,
                                         risk_register, shortlist, vendor_scores, weighted_total)


def small_case():
    """Three vendors bid on the IFM tender; V02 bids lowest and its inspections decay."""
    vendors = pd.DataFrame({
        "vendor_id": ["V01", "V02", "V03", "V04"],
        "vendor_name": ["甲物业", "乙服务", "丙设施", "丁保洁"],
        "service_lines": ["物业;保洁", "物业;保洁;设施维修", "设施维修", "保洁"],
        "founded_year": [2001, 2008, 2012, 2015],
        "employees": [3000, 1800, 900, 400],
        "annual_revenue_cny": [9e8, 5e8, 2e8, 6e7],
        "certifications": ["ISO9001;ISO41001;ISO45001;ISO14001;ISO27001", "ISO9001", None, "ISO9001"],
        "digital_level": [4, 3, 5, 2],
        "reference_clients": [12, 5, 2, 1],
        "compliance_incidents_3y": [0, 1, 3, 0],
        "financial_health": [5, 3, 2, 4],
    })
    bids = pd.DataFrame({
        "bid_id": ["B1", "B2", "B3", "B4"],
        "tender_id": ["T2025-IFM-01"] * 3 + ["T2025-CLN-01"],
        "vendor_id": ["V01", "V02", "V03", "V04"],
        "service_line": ["IFM一体化"] * 3 + ["保洁"],
        "bid_year": [2025] * 4,
        "annual_price_cny": [10_000_000.0, 8_000_000.0, 9_000_000.0, 1_000_000.0],
        "price_per_m2_month_cny": [8.0, 6.4, 7.2, None],
        "technical_score": [90.0, 80.0, 70.0, 60.0],
        "delivery_plan_score": [85.0, 80.0, 60.0, 60.0],
    })
    months = pd.date_range("2025-01-01", periods=18, freq="MS")
    rows = []
    for i, m in enumerate(months):
        rows.append(("V01", m, 88.0 + (i % 2)))                      # flat ~88.5
        rows.append(("V02", m, 90.0 if i < 6 else 90.0 - 1.5 * (i - 5)))  # 90 → 72 in 12 months
    inspections = pd.DataFrame(
        [{"inspection_id": f"I{k}", "vendor_id": v, "month": m, "campus_id": "P1",
          "service_line": "物业", "score": s, "defects": 1, "complaints": 0}
         for k, (v, m, s) in enumerate(rows)])
    risks = pd.DataFrame({
        "risk_id": ["R01", "R02", "R03", "R04"],
        "vendor_id": ["V01", "V02", "V02", "V03"],
        "category": ["财务", "交付", "声誉", "合规"],
        "description": ["应收账款周期长", "巡检得分持续下滑", "媒体报道欠薪", "近三年合规事件多"],
        "likelihood": [2, 4, 2, 3],
        "impact": [2, 5, 3, 4],
        "source": ["财报", "巡检", "舆情", "尽调"],
    })
    return vendors, bids, inspections, risks


WEIGHTS = {"能力": 30, "价格": 25, "数字化": 15, "口碑": 20, "合规": 10}


def test_price_score_lowest_price_method():
    """财政部令第87号 第五十五条: 投标报价得分 = 评标基准价 / 投标报价 × 100."""
    assert_allclose(price_score([800_000, 1_000_000, 1_600_000]), [100.0, 80.0, 50.0])
    with pytest.raises(ValueError):
        price_score([0, 100])


def test_weighted_sum_by_hand():
    """SAW (Belton & Stewart 2002 ch.5): 0.30×80 + 0.25×100 + 0.15×60 + 0.20×90 + 0.10×70 = 83."""
    scores = pd.DataFrame([{"能力": 80.0, "价格": 100.0, "数字化": 60.0, "口碑": 90.0, "合规": 70.0}])
    assert weighted_total(scores, WEIGHTS).iloc[0] == pytest.approx(83.0)


def test_ols_slope_and_decay_detection():
    """Synthetic series: 90 → 72 over 12 months is −1.5 points/month (flagged); flat is not."""
    decaying = [90 - 1.5 * i for i in range(12)]
    assert ols_slope(decaying) == pytest.approx(-1.5)
    assert 0 < ols_slope([88, 89] * 6) < 0.1                      # flat, tiny positive slope
    _, _, inspections, _ = small_case()
    trend = inspection_trend(inspections).set_index("vendor_id")
    assert trend.loc["V02", "slope_per_month"] == pytest.approx(-1.5)
    assert bool(trend.loc["V02", "decaying"]) and not bool(trend.loc["V01", "decaying"])
    assert trend.loc["V02", "recent_mean"] == pytest.approx((79.5 + 78 + 76.5 + 75 + 73.5 + 72) / 6)


def test_reputation_penalises_falling_trend_only():
    assert reputation_score(80.0, -1.5) == pytest.approx(71.0)
    assert reputation_score(80.0, 2.0) == pytest.approx(80.0)
    assert reputation_score(None, None) == pytest.approx(60.0)
    assert reputation_score(None, None, reference_clients=2) == pytest.approx(62.0)
    assert reputation_score(None, None, reference_clients=48) == pytest.approx(80.0)


def test_vendor_scores_worked_example():
    """Hand calculation for the three IFM bidders of the small case."""
    vendors, bids, inspections, _ = small_case()
    s = vendor_scores(vendors, bids, inspections).set_index("vendor_id")
    assert list(s.index) == ["V01", "V02", "V03"]            # V04 did not bid on the IFM tender
    # 能力 V01 = 0.6×90 + 0.2×100 (12 cases, capped at 10) + 0.2×100 (ISO9001+ISO41001)
    assert s.loc["V01", "能力"] == pytest.approx(94.0)
    # 能力 V02 = 0.6×80 + 0.2×50 + 0.2×50 = 68
    assert s.loc["V02", "能力"] == pytest.approx(68.0)
    # 价格: lowest bid 8.0 M; V01 8/10 = 80, V03 8/9 = 88.9
    assert s.loc["V02", "价格"] == 100.0 and s.loc["V01", "价格"] == pytest.approx(80.0)
    assert s.loc["V03", "价格"] == pytest.approx(88.9)
    assert s.loc["V03", "数字化"] == 100.0
    # 口碑 V02 = recent mean 75.75 − 6 × 1.5 = 66.75; V03 has no inspections → 60 + 2 cases
    assert s.loc["V02", "口碑"] == pytest.approx(66.75, abs=0.06)
    assert s.loc["V03", "口碑"] == 62.0
    # 合规 V01 = 0.5×100 + 0.25×100 + 0.25×100 = 100; V03 = 0.5×40 + 0 + 0.25×40 = 30
    assert s.loc["V01", "合规"] == pytest.approx(100.0)
    assert s.loc["V03", "合规"] == pytest.approx(30.0)
    assert bool(s.loc["V02", "decaying"])


def test_shortlist_reasons_and_ranking():
    scores = pd.DataFrame({
        "vendor_id": ["A", "B", "C"], "vendor_name": ["甲", "乙", "丙"],
        "能力": [90.0, 85.0, 50.0], "价格": [70.0, 95.0, 100.0], "数字化": [80.0, 60.0, 100.0],
        "口碑": [90.0, 65.0, 80.0], "合规": [90.0, 80.0, 90.0]})
    mins = {"能力": 60, "价格": 60, "数字化": 40, "口碑": 70, "合规": 60}
    out = shortlist(scores, WEIGHTS, mins, 75).set_index("vendor_id")
    # A: 27 + 17.5 + 12 + 18 + 9 = 83.5; B: 25.5 + 23.75 + 9 + 13 + 8 = 79.25; C: 15+25+15+16+9 = 80
    assert out.loc["A", "加权总分"] == pytest.approx(83.5)
    assert list(out["排名"]) == [1, 2, 3] and list(out.index) == ["A", "C", "B"]
    assert out.loc["A", "结论"] == "入围" and "各维度均达门槛" in out.loc["A", "原因"]
    assert out.loc["B", "结论"] == "未入围" and "口碑 65.0 分低于门槛 70 分" in out.loc["B", "原因"]
    assert "能力 50.0 分低于门槛 60 分" in out.loc["C", "原因"]
    high = shortlist(scores, WEIGHTS, {d: 0 for d in DIMENSIONS}, 82).set_index("vendor_id")
    assert "加权总分 80.0 分低于入围线 82 分" in high.loc["C", "原因"]


@pytest.mark.parametrize("lik,imp,score,band", [
    (1, 1, 1, "低"), (2, 2, 4, "低"), (1, 5, 5, "中"), (3, 3, 9, "中"), (2, 5, 10, "高"),
    (4, 4, 16, "高"), (4, 5, 20, "极高"), (5, 5, 25, "极高")])
def test_risk_band_boundaries(lik, imp, score, band):
    """Boundaries 4/5, 9/10, 16/20 of the 5×5 matrix (IEC 31010:2019 / GB/T 27921-2023 style)."""
    assert risk_band(lik, imp) == (score, band)


def test_every_cell_has_a_band_and_no_product_between_bands():
    products = {l * i for l in range(1, 6) for i in range(1, 6)}
    assert not products & {17, 18, 19}
    grid = risk_band_grid()
    assert len(grid) == 5 and all(len(r) == 5 for r in grid)
    with pytest.raises(ValueError):
        risk_band(0, 3)


def test_risk_register_and_plan_findings():
    _, _, _, risks = small_case()
    reg = risk_register(risks, ["V02"], {"R02": {"mitigation": "合同约定整改期", "owner": ""}},
                        {"V02": "乙服务"})
    assert list(reg["风险编号"]) == ["R02", "R03"]          # highest score first
    assert reg.loc[0, "等级"] == "极高" and reg.loc[0, "供应商"] == "乙服务"
    findings = check_risk_plans(reg)
    assert Finding("risk.R02", "R02（极高）请填写责任人") in findings
    assert Finding("risk.R03", "R03（中）请填写应对措施和责任人") in findings


def test_weight_findings_say_by_how_much():
    assert check_weights(WEIGHTS) == []
    short = check_weights({**WEIGHTS, "合规": 5})
    assert short == [Finding("weights", "五项权重合计为 95%，应为 100%（还差 5%）")]
    over = check_weights({**WEIGHTS, "合规": 20})
    assert "多了 10%" in over[0].message


def test_selection_override_threshold_findings():
    known = ["V01", "V02", "V03", "V04", "V05"]
    assert check_selection(["V01"], known) == []
    assert check_selection([], known)[0].field == "vendors"
    assert "去掉 1 家" in check_selection(known, known)[0].message
    missing = check_overrides([{"vendor_id": "V01", "dimension": "价格", "score": 70, "reason": " "}],
                              known)
    assert [f.field for f in missing] == ["override_reason"]
    assert check_overrides([{"vendor_id": "V01", "dimension": "价格", "score": 70,
                             "reason": "报价含税口径不同"}], known) == []
    assert check_overrides([{"vendor_id": "X", "dimension": "价格", "score": 70, "reason": "r"}],
                           known)[0].field == "overrides"
    assert check_thresholds({d: 50 for d in DIMENSIONS}, 70) == []
    assert check_thresholds({**{d: 50 for d in DIMENSIONS}, "价格": 120}, 70)[0].field == "min.价格"


def test_apply_overrides_changes_only_the_named_cell():
    vendors, bids, inspections, _ = small_case()
    s = vendor_scores(vendors, bids, inspections)
    out = apply_overrides(s, [{"vendor_id": "V03", "dimension": "口碑", "score": 75, "reason": "r"}])
    assert out.set_index("vendor_id").loc["V03", "口碑"] == 75.0
    assert out.drop(columns="口碑").equals(s.drop(columns="口碑"))


score_st = st.floats(min_value=0, max_value=100, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(*[score_st] * 5), min_size=2, max_size=6),
       raw=st.tuples(*[st.integers(min_value=1, max_value=20)] * 5),
       factor=st.integers(min_value=2, max_value=5))
def test_scaling_weights_keeps_the_ranking(rows, raw, factor):
    """Additive weighting is invariant to a common positive scale of the weights (Belton &
    Stewart 2002 §5.2): totals scale by the factor, so the ranking and the order are the same."""
    scores = pd.DataFrame(rows, columns=list(DIMENSIONS))
    weights = dict(zip(DIMENSIONS, raw))
    scaled = {d: w * factor for d, w in weights.items()}
    a, b = weighted_total(scores, weights), weighted_total(scores, scaled)
    assert_allclose(b, a * factor, rtol=1e-9, atol=1e-9)
    assert list(a.rank(method="first")) == list(b.rank(method="first")) or \
        a.round(9).duplicated().any()
