"""Vendor selection: the five-dimension vendor radar, the shortlist rule and the risk matrix.

Scores are 0–100 on five dimensions (``DIMENSIONS``), derived from the case tables
``vendors``, ``bids`` (one tender) and ``inspections``:

=========  ==============================================================================
能力        0.6 × 技术评分 + 0.2 × 案例分 + 0.2 × 体系分
            案例分 = min(可比客户案例数, 10) ÷ 10 × 100；体系分 = 持有 ISO9001、ISO41001
            中的张数 ÷ 2 × 100（质量与设施管理体系）
价格        评标基准价 ÷ 投标报价 × 100，评标基准价 = 最低有效报价（低价优先法）
数字化      数字化成熟度等级 × 20（1 级 = 20 分，5 级 = 100 分）
口碑        近 6 个月巡检月均分 − 6 × 下滑速度（近 12 个月月均分的最小二乘斜率为负时，
            每月下滑 1 分扣 6 分；上升不加分）；没有本集团巡检记录的供应商按可比客户
            案例估计：60 + min(案例数, 20)（背调口碑，最高 80 分）
合规        0.5 × 事件分 + 0.25 × 体系分 + 0.25 × 财务分
            事件分 = max(0, 100 − 20 × 近三年合规事件数)；体系分 = 持有 ISO45001、
            ISO14001、ISO27001 中的张数 ÷ 3 × 100；财务分 = 财务健康度 × 20
=========  ==============================================================================

The total is the simple additive weighting (SAW) of the five scores with weights in %
that sum to 100. A vendor is shortlisted (入围) when every dimension reaches its minimum
and the total reaches the minimum total. Risks are scored likelihood × impact on 1–5
scales and banded 1–4 低, 5–9 中, 10–16 高, 20–25 极高.

No widgets, no plotting: apps and notebooks call these functions.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from . import Finding

if TYPE_CHECKING:  # pandas loads on first use
    import pandas as pd

DIMENSIONS: tuple[str, ...] = ("能力", "价格", "数字化", "口碑", "合规")
IFM_TENDER = "T2025-IFM-01"
MAX_RADAR_VENDORS = 4

CAPABILITY_CERTS = ("ISO9001", "ISO41001")
COMPLIANCE_CERTS = ("ISO45001", "ISO14001", "ISO27001")
NO_RECORD_REPUTATION = 60.0          # 口碑 of a vendor without inspections: 60 + references
NO_RECORD_MAX_BONUS = 20.0           # … at most +20 (a reference check never beats a record)
TREND_PENALTY_MONTHS = 6.0           # a fall of 1 point/month costs 6 points of 口碑
DECAY_THRESHOLD = -0.8               # points per month; steeper falls are flagged 下滑
TREND_WINDOW = 12                    # months in the slope
LEVEL_WINDOW = 6                     # months in the recent mean

# Risk bands: (lowest score, highest score, name); every product of 1..5 × 1..5 falls in one.
RISK_BANDS: tuple[tuple[int, int, str], ...] = (
    (1, 4, "低"), (5, 9, "中"), (10, 16, "高"), (20, 25, "极高"))
BAND_ORDER = ("低", "中", "高", "极高")

DEFAULT_WEIGHTS: dict[str, float] = {"能力": 30, "价格": 25, "数字化": 15, "口碑": 20, "合规": 10}
DEFAULT_MINIMUMS: dict[str, float] = {"能力": 60, "价格": 60, "数字化": 40, "口碑": 70, "合规": 60}
DEFAULT_MIN_TOTAL = 75.0


# -- scores ---------------------------------------------------------------------------------
def _cert_set(value: object) -> set[str]:
    if value is None or (isinstance(value, float) and value != value):
        return set()
    return {part.strip().upper() for part in str(value).split(";") if part.strip()}


def price_score(prices: Sequence[float]) -> list[float]:
    """Price scores by the lowest-price method: lowest valid bid ÷ bid × 100.

    Parameters
    ----------
    prices
        The bid prices (元/年) of the valid bids in one tender; all must be positive.

    Returns
    -------
    list of float
        One score per bid in 0–100; the lowest bid scores 100.

    References
    ----------
    《政府采购货物和服务招标投标管理办法》（财政部令第 87 号）第五十五条，综合评分法价格分：
    “评标基准价为满足招标文件要求且投标价格最低的投标报价”，
    “投标报价得分 = (评标基准价 / 投标报价) × 100”。

    Examples
    --------
    >>> price_score([800_000, 1_000_000])
    [100.0, 80.0]
    """
    values = [float(p) for p in prices]
    if not values:
        return []
    if min(values) <= 0:
        raise ValueError("投标报价必须大于 0")
    base = min(values)
    return [base / p * 100.0 for p in values]


def ols_slope(values: Sequence[float]) -> float:
    """Least-squares slope of ``values`` against 0, 1, 2, … (units per step).

    References
    ----------
    Ordinary least squares, b = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)²; e.g. Montgomery, D. C.,
    *Introduction to Statistical Quality Control*, 8th ed., Wiley 2019, §4 (trend patterns).

    >>> ols_slope([90, 88, 86, 84])
    -2.0
    """
    n = len(values)
    if n < 2:
        return 0.0
    x_mean = (n - 1) / 2.0
    y_mean = sum(values) / n
    num = sum((i - x_mean) * (float(v) - y_mean) for i, v in enumerate(values))
    den = sum((i - x_mean) ** 2 for i in range(n))
    return num / den


def inspection_trend(inspections: "pd.DataFrame", *, window: int = TREND_WINDOW,
                     level_window: int = LEVEL_WINDOW,
                     threshold: float = DECAY_THRESHOLD) -> "pd.DataFrame":
    """Per vendor: recent level, the slope of the last ``window`` months and a 下滑 flag.

    The monthly score of a vendor is the mean over its campuses and service lines.

    Returns
    -------
    DataFrame
        ``vendor_id``, ``months`` (months with data), ``last_month``, ``recent_mean``
        (mean of the last ``level_window`` months), ``slope_per_month`` (OLS slope of the last
        ``window`` months, points per month) and ``decaying`` (slope ≤ ``threshold``).

    References
    ----------
    OLS slope as a trend test, as in Montgomery (2019) §4; the threshold (−0.8 分/月,
    about 10 points a year) is this course's choice, stated so teams can debate it.
    """
    import pandas as pd

    columns = ["vendor_id", "months", "last_month", "recent_mean", "slope_per_month", "decaying"]
    if inspections is None or len(inspections) == 0:
        return pd.DataFrame(columns=columns)
    monthly = monthly_scores(inspections)
    rows = []
    for vendor_id, group in monthly.groupby("vendor_id", sort=True):
        series = group.sort_values("month")["score"].tolist()
        slope = ols_slope(series[-window:])
        rows.append({"vendor_id": vendor_id, "months": len(series),
                     "last_month": group["month"].max(),
                     "recent_mean": sum(series[-level_window:]) / len(series[-level_window:]),
                     "slope_per_month": slope, "decaying": bool(slope <= threshold)})
    return pd.DataFrame(rows, columns=columns)


def monthly_scores(inspections: "pd.DataFrame") -> "pd.DataFrame":
    """Mean inspection score per vendor and month (``vendor_id``, ``month``, ``score``)."""
    import pandas as pd

    frame = inspections[["vendor_id", "month", "score"]].copy()
    frame["month"] = pd.to_datetime(frame["month"])
    return (frame.groupby(["vendor_id", "month"], as_index=False)["score"].mean()
            .sort_values(["vendor_id", "month"]).reset_index(drop=True))


def reputation_score(recent_mean: float | None, slope: float | None,
                     reference_clients: int = 0) -> float:
    """口碑 from our own inspections, or from reference clients when we have no record.

    With inspections: recent mean − 6 × max(0, −slope), clipped to 0–100.
    Without: 60 + min(reference_clients, 20) (a reference check, at most 80).

    References
    ----------
    Course rule; the trend penalty follows the "trend" pattern of control charts
    (Montgomery 2019 §4) and the reference check the 尽调 step of the course outline.

    >>> reputation_score(80.0, -1.5)
    71.0
    >>> reputation_score(80.0, 0.7)
    80.0
    >>> reputation_score(None, None, reference_clients=35)
    80.0
    """
    if recent_mean is None or recent_mean != recent_mean:
        return NO_RECORD_REPUTATION + min(float(reference_clients), NO_RECORD_MAX_BONUS)
    fall = max(0.0, -(slope or 0.0))
    return float(min(100.0, max(0.0, recent_mean - TREND_PENALTY_MONTHS * fall)))


def vendor_scores(vendors: "pd.DataFrame", bids: "pd.DataFrame",
                  inspections: "pd.DataFrame", tender_id: str = IFM_TENDER) -> "pd.DataFrame":
    """The five 0–100 scores of every vendor that bid on ``tender_id``.

    Parameters
    ----------
    vendors, bids, inspections
        The case tables (columns as in ``casedata/README.md``).
    tender_id
        The tender whose bids are compared (one bid per vendor; a vendor's lowest counts).

    Returns
    -------
    DataFrame
        ``vendor_id``, ``vendor_name``, ``annual_price_cny``, one column per dimension in
        ``DIMENSIONS``, ``has_inspections`` and ``decaying``; sorted by ``vendor_id``.

    References
    ----------
    Derivations in the module docstring. 价格: 财政部令第 87 号 第五十五条. The five
    dimensions follow the course outline (能力 × 价格 × 数字化 × 口碑 + 合规).
    """
    import pandas as pd

    tender = bids[bids["tender_id"] == tender_id]
    if tender.empty:
        raise ValueError(f"找不到招标项目 {tender_id} 的投标记录")
    tender = (tender.sort_values(["vendor_id", "annual_price_cny"])
              .drop_duplicates("vendor_id", keep="first"))
    merged = tender.merge(vendors, on="vendor_id", how="inner", validate="one_to_one")
    trend = inspection_trend(inspections).set_index("vendor_id")
    prices = price_score(merged["annual_price_cny"].tolist())

    rows = []
    for (_, row), price in zip(merged.iterrows(), prices):
        certs = _cert_set(row.get("certifications"))
        refs = min(int(row["reference_clients"]), 10) / 10 * 100
        cap_certs = len(certs & set(CAPABILITY_CERTS)) / len(CAPABILITY_CERTS) * 100
        capability = 0.6 * float(row["technical_score"]) + 0.2 * refs + 0.2 * cap_certs
        has = row["vendor_id"] in trend.index
        recent = trend.at[row["vendor_id"], "recent_mean"] if has else None
        slope = trend.at[row["vendor_id"], "slope_per_month"] if has else None
        incidents = max(0.0, 100.0 - 20.0 * int(row["compliance_incidents_3y"]))
        comp_certs = len(certs & set(COMPLIANCE_CERTS)) / len(COMPLIANCE_CERTS) * 100
        compliance = 0.5 * incidents + 0.25 * comp_certs + 0.25 * int(row["financial_health"]) * 20
        rows.append({"vendor_id": row["vendor_id"], "vendor_name": row["vendor_name"],
                     "annual_price_cny": float(row["annual_price_cny"]),
                     "能力": round(capability, 1), "价格": round(price, 1),
                     "数字化": float(int(row["digital_level"]) * 20),
                     "口碑": round(reputation_score(recent, slope, int(row["reference_clients"])), 1),
                     "合规": round(compliance, 1),
                     "has_inspections": bool(has),
                     "decaying": bool(trend.at[row["vendor_id"], "decaying"]) if has else False})
    return pd.DataFrame(rows).sort_values("vendor_id").reset_index(drop=True)


def apply_overrides(scores: "pd.DataFrame", overrides: Iterable[Mapping]) -> "pd.DataFrame":
    """``scores`` with the team's overrides applied (unknown vendors/dimensions ignored)."""
    out = scores.copy()
    for item in overrides:
        dim, vid = item.get("dimension"), item.get("vendor_id")
        if dim in DIMENSIONS and vid in set(out["vendor_id"]):
            out.loc[out["vendor_id"] == vid, dim] = float(item.get("score", 0))
    return out


# -- weighting and the shortlist ---------------------------------------------------------
def weighted_total(scores: "pd.DataFrame", weights: Mapping[str, float]) -> "pd.Series":
    """Simple additive weighting: Σ wᵢ·sᵢ / 100 with weights in % (summing to 100).

    References
    ----------
    Belton, V. & Stewart, T. J. (2002) *Multiple Criteria Decision Analysis: An Integrated
    Approach*, Kluwer, ch. 5 (value function / additive model); the same weighted sum is
    the 综合评分法 of 财政部令第 87 号 第五十五条.

    >>> import pandas as pd
    >>> s = pd.DataFrame({"能力": [80.0], "价格": [100.0], "数字化": [60.0], "口碑": [90.0], "合规": [70.0]})
    >>> float(weighted_total(s, {"能力": 30, "价格": 25, "数字化": 15, "口碑": 20, "合规": 10}).iloc[0])
    83.0
    """
    total = sum(float(weights.get(d, 0)) for d in DIMENSIONS)
    if total <= 0:
        raise ValueError("权重合计必须大于 0")
    return sum(scores[d] * float(weights.get(d, 0)) for d in DIMENSIONS) / 100.0


def shortlist(scores: "pd.DataFrame", weights: Mapping[str, float],
              min_per_dimension: Mapping[str, float], min_total: float) -> "pd.DataFrame":
    """Rank the vendors by weighted total and decide 入围 / 未入围, with reasons in Chinese.

    A vendor is 入围 when every dimension is at least its minimum *and* the weighted total is
    at least ``min_total`` (a conjunctive screen followed by a compensatory total, as in
    Belton & Stewart 2002 §2.3 / tender practice of 资格门槛 + 综合评分).

    Returns
    -------
    DataFrame
        ``排名``, ``vendor_id``, ``vendor_name``, the five dimensions, ``加权总分``,
        ``结论`` (入围/未入围), ``原因``; ranked by total (ties by vendor_id).
    """
    frame = scores.copy()
    frame["加权总分"] = weighted_total(frame, weights).round(1)
    frame = frame.sort_values(["加权总分", "vendor_id"], ascending=[False, True])
    verdicts, reasons = [], []
    for _, row in frame.iterrows():
        misses = [f"{d} {row[d]:.1f} 分低于门槛 {float(min_per_dimension.get(d, 0)):g} 分"
                  for d in DIMENSIONS if row[d] < float(min_per_dimension.get(d, 0)) - 1e-9]
        if row["加权总分"] < float(min_total) - 1e-9:
            misses.append(f"加权总分 {row['加权总分']:.1f} 分低于入围线 {float(min_total):g} 分")
        if misses:
            verdicts.append("未入围")
            reasons.append("；".join(misses))
        else:
            verdicts.append("入围")
            reasons.append(f"各维度均达门槛，加权总分 {row['加权总分']:.1f} 分 ≥ 入围线 "
                           f"{float(min_total):g} 分")
    frame["结论"] = verdicts
    frame["原因"] = reasons
    frame.insert(0, "排名", range(1, len(frame) + 1))
    keep = ["排名", "vendor_id", "vendor_name", *DIMENSIONS, "加权总分", "结论", "原因"]
    return frame[keep].reset_index(drop=True)


# -- risks ----------------------------------------------------------------------------------
def risk_band(likelihood: int, impact: int) -> tuple[int, str]:
    """Risk score (likelihood × impact) and its band on the 5×5 matrix.

    Bands: 1–4 低, 5–9 中, 10–16 高, 20–25 极高. The products of two 1–5 ratings are
    1–6, 8–10, 12, 15, 16, 20, 25, so no score falls between the bands (17–19 cannot occur).

    References
    ----------
    The consequence/likelihood matrix of IEC 31010:2019 *Risk management — Risk assessment
    techniques* §B.10.3 (adopted in China as GB/T 27921-2023《风险管理 风险评估技术》):
    the standard leaves the scales and band limits to the organisation; the limits here are
    the common 5×5 convention this course adopts.

    >>> risk_band(2, 2), risk_band(1, 5), risk_band(3, 3), risk_band(2, 5), risk_band(4, 4), risk_band(4, 5)
    ((4, '低'), (5, '中'), (9, '中'), (10, '高'), (16, '高'), (20, '极高'))
    """
    lik, imp = int(likelihood), int(impact)
    if not (1 <= lik <= 5 and 1 <= imp <= 5):
        raise ValueError("可能性与影响程度都应在 1–5 之间")
    score = lik * imp
    for low, high, name in RISK_BANDS:
        if low <= score <= high:
            return score, name
    raise ValueError(f"风险分值 {score} 不在任何等级内")  # pragma: no cover - unreachable


def risk_register(risks: "pd.DataFrame", vendor_ids: Iterable[str],
                  plans: Mapping[str, Mapping[str, str]],
                  names: Mapping[str, str] | None = None) -> "pd.DataFrame":
    """The risk register of ``vendor_ids``: scored, banded, highest first, with the plans.

    ``plans`` maps risk_id → {"mitigation": …, "owner": …} (the team's entries).
    """
    import pandas as pd

    ids = list(vendor_ids)
    subset = risks[risks["vendor_id"].isin(ids)]
    rows = []
    for _, r in subset.iterrows():
        score, band = risk_band(r["likelihood"], r["impact"])
        plan = plans.get(r["risk_id"], {})
        rows.append({"风险编号": r["risk_id"], "vendor_id": r["vendor_id"],
                     "供应商": (names or {}).get(r["vendor_id"], r["vendor_id"]),
                     "类别": r["category"], "风险描述": r["description"],
                     "可能性": int(r["likelihood"]), "影响": int(r["impact"]),
                     "分值": score, "等级": band, "来源": r.get("source", ""),
                     "应对措施": str(plan.get("mitigation", "")).strip(),
                     "责任人": str(plan.get("owner", "")).strip()})
    columns = ["风险编号", "vendor_id", "供应商", "类别", "风险描述", "可能性", "影响", "分值",
               "等级", "来源", "应对措施", "责任人"]
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return frame
    return frame.sort_values(["分值", "风险编号"], ascending=[False, True]).reset_index(drop=True)


# -- validation (Findings beside the fields) ----------------------------------------------------
def check_weights(weights: Mapping[str, float]) -> list[Finding]:
    """Weights in % must each be 0–100 and sum to 100 (field ``weights``)."""
    findings = []
    for d in DIMENSIONS:
        w = float(weights.get(d, 0))
        if w < 0 or w > 100:
            findings.append(Finding("weights", f"“{d}”的权重应在 0–100% 之间（当前 {w:g}%）"))
    total = sum(float(weights.get(d, 0)) for d in DIMENSIONS)
    if abs(total - 100) > 1e-6:
        gap = 100 - total
        how = f"还差 {gap:g}%" if gap > 0 else f"多了 {-gap:g}%"
        findings.append(Finding("weights", f"五项权重合计为 {total:g}%，应为 100%（{how}）"))
    return findings


def check_selection(vendor_ids: Sequence[str], known: Iterable[str],
                    limit: int = MAX_RADAR_VENDORS) -> list[Finding]:
    """Between 1 and ``limit`` known vendors on the radar (field ``vendors``)."""
    known = set(known)
    if not vendor_ids:
        return [Finding("vendors", "请至少选择 1 家供应商画在雷达图上")]
    findings = []
    if len(vendor_ids) > limit:
        findings.append(Finding("vendors", f"雷达图最多叠加 {limit} 家供应商，当前选了 "
                                           f"{len(vendor_ids)} 家，请去掉 {len(vendor_ids) - limit} 家"))
    unknown = [v for v in vendor_ids if v not in known]
    if unknown:
        findings.append(Finding("vendors", f"未参加本次投标的供应商：{'、'.join(unknown)}"))
    return findings


def check_thresholds(min_per_dimension: Mapping[str, float], min_total: float) -> list[Finding]:
    """Minimums within 0–100 (fields ``min.<维度>`` and ``min_total``)."""
    findings = [Finding(f"min.{d}", f"“{d}”门槛应在 0–100 分之间")
                for d in DIMENSIONS if not 0 <= float(min_per_dimension.get(d, 0)) <= 100]
    if not 0 <= float(min_total) <= 100:
        findings.append(Finding("min_total", "入围线应在 0–100 分之间"))
    return findings


def check_overrides(overrides: Sequence[Mapping], known: Iterable[str]) -> list[Finding]:
    """Each override names a known vendor and dimension, a 0–100 score and a reason.

    An override without a reason is reported at field ``override_reason`` (the reason box),
    other problems at ``overrides`` (the list).
    """
    known = set(known)
    findings = []
    for item in overrides:
        label = f"{item.get('vendor_id', '')}·{item.get('dimension', '')}"
        if item.get("vendor_id") not in known or item.get("dimension") not in DIMENSIONS:
            findings.append(Finding("overrides", f"调整记录 {label} 指向的供应商或维度不存在，请删除"))
            continue
        score = float(item.get("score", -1))
        if not 0 <= score <= 100:
            findings.append(Finding("overrides", f"{label} 的调整分应在 0–100 分之间"))
        if not str(item.get("reason", "")).strip():
            findings.append(Finding("override_reason",
                                    f"{label} 调为 {score:g} 分但没有写理由：请填写理由后点“添加/更新”"))
    return findings


def check_risk_plans(register: "pd.DataFrame") -> list[Finding]:
    """Every risk of a shortlisted vendor needs a mitigation and an owner (field ``risk.<id>``)."""
    findings = []
    for _, row in register.iterrows():
        missing = [name for name, col in (("应对措施", "应对措施"), ("责任人", "责任人"))
                   if not str(row[col]).strip()]
        if missing:
            findings.append(Finding(f"risk.{row['风险编号']}",
                                    f"{row['风险编号']}（{row['等级']}）请填写{'和'.join(missing)}"))
    return findings


__all__ = ["DIMENSIONS", "IFM_TENDER", "MAX_RADAR_VENDORS", "RISK_BANDS", "BAND_ORDER",
           "DEFAULT_WEIGHTS", "DEFAULT_MINIMUMS", "DEFAULT_MIN_TOTAL",
           "price_score", "ols_slope", "monthly_scores", "inspection_trend", "reputation_score",
           "vendor_scores", "apply_overrides", "weighted_total", "shortlist", "risk_band",
           "risk_register", "check_weights", "check_selection", "check_thresholds",
           "check_overrides", "check_risk_plans"]


def risk_band_grid() -> list[list[str]]:
    """The band of every cell of the 5×5 matrix: ``grid[likelihood-1][impact-1]``."""
    return [[risk_band(lik, imp)[1] for imp in range(1, 6)] for lik in range(1, 6)]


__all__ += ["risk_band_grid"]


def score_table(scores: "pd.DataFrame") -> "pd.DataFrame":
    """``vendor_scores`` with Chinese headers for trainees, cheapest bid first (price in 万元/年)."""
    frame = scores.sort_values(["annual_price_cny", "vendor_id"]).reset_index(drop=True)
    out = frame[["vendor_id", "vendor_name"]].rename(columns={"vendor_id": "编号",
                                                              "vendor_name": "供应商"})
    out["年度报价（万元）"] = (frame["annual_price_cny"] / 1e4).round(0).astype(int)
    for d in DIMENSIONS:
        out[d] = frame[d]
    out["巡检趋势"] = ["下滑" if d else ("无记录" if not h else "平稳")
                    for d, h in zip(frame["decaying"], frame["has_inspections"])]
    return out


__all__ += ["score_table"]
