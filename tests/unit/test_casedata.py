"""The synthetic case data: reproducible, valid against the schema, and carrying the planted patterns.

Pattern checks use plain pandas, as a trainee would, with generous margins rather than
hard-coded numbers, so that the generator can be tuned without rewriting the tests.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from svc_helpers.casedata import CaseDataError, load_case, load_table
from svc_helpers.casedata.schema import (
    CAMPUS_IDS,
    IFM_LINES,
    ROLES,
    SERVICE_LINES,
    TABLES,
    TIERS,
    VOLUME_UNITS,
)
from svc_helpers.paths import CASEDATA_DIR

CJK = re.compile(r"[\u4e00-\u9fff]")
COST_COLS = ["labour_cny", "materials_cny", "outsourcing_cny", "energy_cny", "depreciation_cny", "overhead_cny"]


@pytest.fixture(scope="module")
def case():
    return load_case()


# ------------------------------------------------------------------ reproducibility
def test_regenerating_gives_byte_identical_files(tmp_path):
    from svc_helpers.casedata.generate import generate

    generate(tmp_path)
    expected = sorted([t.filename for t in TABLES.values()] + ["README.md"])
    assert sorted(p.name for p in tmp_path.iterdir()) == expected
    for name in expected:
        committed = (CASEDATA_DIR / name).read_bytes()
        fresh = (tmp_path / name).read_bytes()
        assert fresh == committed, f"{name} differs after regeneration: run python -m svc_helpers.casedata.generate"


def test_files_are_plain_utf8_with_unix_line_ends_and_small():
    total = 0
    for spec in TABLES.values():
        raw = (CASEDATA_DIR / spec.filename).read_bytes()
        total += len(raw)
        assert not raw.startswith(b"\xef\xbb\xbf"), spec.filename
        assert b"\r\n" not in raw, spec.filename
        header = raw.split(b"\n", 1)[0].decode("utf-8")
        assert header.split(",") == list(spec.column_names), spec.filename
    assert total < 6 * 1024 * 1024


def test_readme_has_story_and_every_column():
    text = (CASEDATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "恒岳控股集团" in text and "线索" in text
    for spec in TABLES.values():
        assert spec.filename in text
        for col in spec.columns:
            assert f"`{col.name}`" in text, (spec.name, col.name)


# ------------------------------------------------------------------ schema & loaders
@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_loads_and_validates(name):
    df = load_table(name)
    spec = TABLES[name]
    assert list(df.columns[: len(spec.columns)]) == list(spec.column_names)
    assert len(df) > 0
    for col in spec.columns:
        s = df[col.name]
        if col.dtype in ("date", "datetime"):
            assert pd.api.types.is_datetime64_any_dtype(s), col.name
        elif col.dtype == "int":
            assert str(s.dtype) == ("Int64" if col.nullable else "int64"), col.name
        elif col.dtype == "float":
            assert s.dtype == np.float64, col.name
        if not col.nullable:
            assert s.notna().all(), col.name
        assert CJK.search(col.meaning), (name, col.name)


def test_load_returns_a_copy_and_case_is_lazy(case):
    a = load_table("vendors")
    a.loc[0, "vendor_name"] = "改坏了"
    assert load_table("vendors").loc[0, "vendor_name"] != "改坏了"
    assert "work_orders" in dir(case)
    assert len(case.cost_centres) == len(load_table("cost_centres"))
    with pytest.raises(AttributeError):
        case.no_such_table  # noqa: B018


def _copy_table(tmp_path: Path, name: str, nrows: int = 20) -> pd.DataFrame:
    src = CASEDATA_DIR / TABLES[name].filename
    raw = pd.read_csv(src, dtype=str, keep_default_na=False, nrows=nrows)
    return raw


def _write(tmp_path: Path, name: str, raw: pd.DataFrame) -> None:
    raw.to_csv(tmp_path / TABLES[name].filename, index=False, lineterminator="\n")


def test_error_missing_file(tmp_path):
    with pytest.raises(CaseDataError) as exc:
        load_table("work_orders", tmp_path)
    msg = str(exc.value)
    assert "work_orders.csv" in msg and CJK.search(msg)


def test_error_missing_column(tmp_path):
    raw = _copy_table(tmp_path, "work_orders").drop(columns=["priority"])
    _write(tmp_path, "work_orders", raw)
    with pytest.raises(CaseDataError) as exc:
        load_table("work_orders", tmp_path)
    msg = str(exc.value)
    assert "work_orders.csv" in msg and "priority" in msg and "缺少列" in msg


def test_error_value_not_allowed(tmp_path):
    raw = _copy_table(tmp_path, "work_orders")
    raw.loc[10, "priority"] = "P9"
    _write(tmp_path, "work_orders", raw)
    with pytest.raises(CaseDataError) as exc:
        load_table("work_orders", tmp_path)
    msg = str(exc.value)
    assert "work_orders.csv" in msg and "priority" in msg and "P9" in msg
    assert "第 12 行" in msg and "P1/P2/P3/P4" in msg and "不在允许范围" in msg


def test_error_non_numeric_value(tmp_path):
    raw = _copy_table(tmp_path, "work_orders")
    raw.loc[3, "labour_hours"] = "两小时"
    _write(tmp_path, "work_orders", raw)
    with pytest.raises(CaseDataError) as exc:
        load_table("work_orders", tmp_path)
    msg = str(exc.value)
    assert "work_orders.csv" in msg and "labour_hours" in msg and "两小时" in msg and "第 5 行" in msg


def test_error_out_of_range_and_null(tmp_path):
    raw = _copy_table(tmp_path, "cost_centres")
    raw.loc[0, "strategic_value"] = "9"
    _write(tmp_path, "cost_centres", raw)
    with pytest.raises(CaseDataError, match=r"cost_centres\.csv 的列 strategic_value .*超出取值范围"):
        load_table("cost_centres", tmp_path)
    raw.loc[0, "strategic_value"] = "3"
    raw.loc[2, "campus_id"] = ""
    _write(tmp_path, "cost_centres", raw)
    with pytest.raises(CaseDataError, match=r"cost_centres\.csv 的列 campus_id 第 4 行为空"):
        load_table("cost_centres", tmp_path)


def test_error_bad_date_and_cache_sees_rewrites(tmp_path):
    shutil.copy(CASEDATA_DIR / "asset_events.csv", tmp_path / "asset_events.csv")
    assert len(load_table("asset_events", tmp_path)) == len(load_table("asset_events"))
    raw = _copy_table(tmp_path, "asset_events")
    raw.loc[1, "date"] = "2026/13/01"
    _write(tmp_path, "asset_events", raw)
    with pytest.raises(CaseDataError, match=r"asset_events\.csv 的列 date 第 3 行"):
        load_table("asset_events", tmp_path)


# ------------------------------------------------------------------ integrity & magnitudes
def test_referential_integrity(case):
    cc = case.cost_centres
    assert set(cc["service_line"]) == set(SERVICE_LINES)
    assert (cc["volume_unit"] == cc["service_line"].map(VOLUME_UNITS)).all()
    assert 18 <= len(cc) <= 24
    wo = case.work_orders
    assert set(wo["cost_centre_id"]) <= set(cc["cost_centre_id"])
    merged = wo.merge(cc[["cost_centre_id", "service_line", "campus_id"]], on="cost_centre_id", suffixes=("", "_cc"))
    assert (merged["service_line"] == merged["service_line_cc"]).all()
    customers = set(case.internal_customers["customer_id"])
    for t in ("work_orders", "interactions", "nps_survey", "bookings"):
        assert set(getattr(case, t)["customer_id"]) <= customers, t
    vendors = set(case.vendors["vendor_id"])
    for t in ("bids", "inspections", "vendor_risks"):
        assert set(getattr(case, t)["vendor_id"]) <= vendors, t
    assert set(case.bookings["resource_id"]) <= set(case.resources["resource_id"])
    assert set(case.office_supply_demand["item_id"]) == set(case.office_supplies["item_id"])
    assert set(case.staff["role"]) == set(ROLES)
    assert set(case.parks["park_id"]) >= set(CAMPUS_IDS)


def test_annual_cost_per_centre_is_plausible(case):
    led = case.cost_ledger
    assert led["month"].min() == pd.Timestamp("2024-01-01") and led["month"].nunique() == 30
    annual = led[led["month"].dt.year == 2025].groupby("cost_centre_id")[COST_COLS].sum().sum(axis=1)
    assert annual.between(0.5e6, 60e6).all(), annual.describe()
    assert 100e6 < annual.sum() < 600e6


def test_work_order_priority_follows_impact_urgency_matrix(case):
    wo = case.work_orders
    rank = {"高": 1, "中": 2, "低": 3}
    score = wo["impact"].map(rank) + wo["urgency"].map(rank)
    expected = score.map({2: "P1", 3: "P2", 4: "P3", 5: "P4", 6: "P4"})
    assert (wo["priority"] == expected).all()
    assert (wo["responded_at"] >= wo["created_at"]).all()
    done = wo.dropna(subset=["resolved_at"])
    assert (done["resolved_at"] >= done["responded_at"]).all()
    assert 15000 <= len(wo) <= 25000


def test_service_items_are_coherent_with_the_ledger(case):
    cc, led, items = case.cost_centres, case.cost_ledger, case.service_items
    last = led[led["month"] >= "2025-07-01"].merge(cc[["cost_centre_id", "service_line"]], on="cost_centre_id")
    unit_cost = last[COST_COLS].sum(axis=1).groupby(last["service_line"]).sum() / last.groupby("service_line")["volume"].sum()
    cost = items["service_line"].map(unit_cost) * items["cost_weight"]
    assert np.allclose(items["unit_cost_cny"], cost, rtol=0.001, atol=0.006)  # rounded to fen
    cost = items["unit_cost_cny"]
    assert (items["customer_value_cny"] / cost).between(1.45, 3.05).all()
    assert (items["market_price_cny"] / cost).between(1.0, 1.65).all()
    per_line = items.groupby("service_line")
    assert per_line.size().between(4, 7).all() and set(per_line.groups) == set(SERVICE_LINES)
    assert (items[items["suggested_tier"] == "基础"].groupby("service_line").size() >= 2).all()
    assert set(items["suggested_tier"]) == set(TIERS)


# ------------------------------------------------------------------ planted patterns
def test_pattern_seasonality_canteen_and_energy(case):
    led = case.cost_ledger.merge(case.cost_centres[["cost_centre_id", "service_line"]], on="cost_centre_id")
    canteen = led[led["service_line"] == "餐饮"].groupby("month")["volume"].sum()
    feb = canteen[canteen.index.month == 2].mean()
    others = canteen[~canteen.index.month.isin([1, 2])].mean()
    assert feb < 0.85 * others
    per_month = led[led["service_line"] != "车辆"].groupby("month")["energy_cny"].sum()
    energy = per_month.groupby(per_month.index.month).mean()  # average over the years
    assert energy.idxmax() in (7, 8) and energy[7] > 1.3 * energy[4]


def test_pattern_sla_breach_lowers_csat(case):
    wo = case.work_orders.dropna(subset=["resolved_at"])
    hours = (wo["resolved_at"] - wo["created_at"]).dt.total_seconds() / 3600
    breach = hours > wo["sla_resolve_h"]
    assert 0.05 < breach.mean() < 0.35
    csat = wo.groupby(breach)["csat"].mean()
    assert csat[False] - csat[True] > 0.5
    complaint = wo.groupby(breach)["complaint_level"].apply(lambda s: (s > 0).mean())
    assert complaint[True] > 3 * complaint[False]


def test_pattern_meeting_room_admin_approval_is_the_slow_step(case):
    ev = case.meeting_room_events.sort_values(["case_id", "timestamp"], kind="stable")
    ev["wait_h"] = ev.groupby("case_id")["timestamp"].diff().dt.total_seconds() / 3600
    handling = ["部门审批", "行政审批", "会议室分配", "发送通知"]
    med = ev[ev["activity"].isin(handling)].groupby("activity")["wait_h"].median()
    assert med.idxmax() == "行政审批"
    assert 8 <= med["行政审批"] <= 72 and med["行政审批"] > 4 * med["部门审批"]
    assert 1200 <= ev["case_id"].nunique() <= 1800
    # 部门审批 almost never sends a request back: the duplicated approval adds little
    returns = ev[ev["activity"] == "退回修改"]["lane"].value_counts()
    dept = (ev["activity"] == "部门审批").sum()
    assert returns.get("部门主管", 0) / dept < 0.03
    assert set(ev["activity"]) >= {"提交申请", "部门审批", "行政审批", "会议室分配", "发送通知", "签到", "会议结束", "退回修改", "取消"}


def test_pattern_decaying_vendor_bids_cheap(case):
    ins = case.inspections
    assert 5 <= ins["vendor_id"].nunique() <= 8
    monthly = ins.groupby(["vendor_id", "month"])[["score", "complaints"]].mean().reset_index()
    last3 = monthly[monthly["month"] >= "2026-04-01"].groupby("vendor_id")["score"].mean()
    first12 = monthly[monthly["month"] < "2025-01-01"].groupby("vendor_id")["score"].mean()
    drop = (first12 - last3).sort_values(ascending=False)
    decayer = drop.index[0]
    assert drop.iloc[0] > 10 and drop.iloc[1] < 5
    comp = monthly[monthly["vendor_id"] == decayer]
    assert comp[comp["month"] >= "2026-01-01"]["complaints"].mean() > 2 * comp[comp["month"] < "2025-07-01"]["complaints"].mean()
    bids = case.bids
    ifm = bids[bids["tender_id"] == "T2025-IFM-01"]
    capable = case.vendors[case.vendors["service_lines"].str.split(";").apply(lambda s: bool(set(s) & set(IFM_LINES)))]
    assert len(capable) >= 8 and set(capable["vendor_id"]) == set(ifm["vendor_id"])
    cheapest = ifm.nsmallest(2, "price_per_m2_month_cny")["vendor_id"].tolist()
    assert decayer in cheapest
    risks = case.vendor_risks
    assert risks.groupby("vendor_id").size().between(2, 4).all()
    delivery = risks[(risks["vendor_id"] == decayer) & (risks["category"] == "交付")]
    assert (delivery["likelihood"] >= 4).any()


def test_pattern_chiller_vibration_drifts_before_failure(case):
    iot = case.iot_readings
    ev = case.asset_events
    failure = ev[ev["event"] == "故障停机"]
    assert len(failure) == 1
    asset, fail_day = failure["asset_id"].iloc[0], failure["date"].iloc[0]
    vib = iot[(iot["asset_id"] == asset) & (iot["metric"] == "vibration_mm_s")].set_index("timestamp")["value"]
    base = vib[vib.index < "2026-04-01"]
    daily = vib[vib.index < fail_day].resample("D").mean()
    alarm = daily[daily > base.mean() + 3 * base.std()]
    first = alarm.index.min()
    assert pd.Timedelta(days=10) <= fail_day - first <= pd.Timedelta(days=35)
    assert vib[fail_day - pd.Timedelta(days=3): fail_day].mean() > base.mean() + 6 * base.std()
    # the sibling chiller stays calm
    other = iot[(iot["asset_id"] == "CH-01") & (iot["metric"] == "vibration_mm_s")]["value"]
    assert other.max() < base.mean() + 6 * base.std()


def test_pattern_small_rd_teams_churn(case):
    cust = case.internal_customers
    rd = cust["business_unit"] == "研发中心"
    assert cust.loc[rd, "churned"].mean() > 3 * cust.loc[~rd, "churned"].mean()
    assert cust.loc[rd, "churned"].mean() > 0.25
    assert (cust["churned"] == cust["churn_date"].notna()).all()
    spend = cust.groupby(pd.qcut(cust["headcount"], 3, labels=False))["annual_spend_cny"].median()
    assert spend.is_monotonic_increasing


def test_pattern_servqual_largest_gap_is_responsiveness(case):
    sq = case.servqual_survey
    assert sq["respondent_id"].nunique() >= 150
    assert sq.groupby("dimension")["item_no"].nunique().to_dict() == {"有形性": 4, "可靠性": 5, "响应性": 4, "保证性": 4, "移情性": 5}
    gap = (sq["perception"] - sq["expectation"]).groupby(sq["dimension"]).mean()
    assert gap.idxmin() == "响应性" and gap.sort_values().iloc[1] - gap.min() > 0.3


KANO_TABLE = {  # (functional, dysfunctional) -> category, Berger et al. 1993 evaluation table
    **{(1, d): "A" for d in (2, 3, 4)}, (1, 5): "O", (1, 1): "Q", (5, 5): "Q",
    **{(f, 5): "M" for f in (2, 3, 4)}, **{(f, d): "I" for f in (2, 3, 4) for d in (2, 3, 4)},
    **{(f, 1): "R" for f in (2, 3, 4, 5)}, **{(5, d): "R" for d in (2, 3, 4)},
}


def test_pattern_kano_features_have_clear_categories(case):
    ks = case.kano_survey
    cat = [KANO_TABLE[(f, d)] for f, d in zip(ks["functional"], ks["dysfunctional"])]
    counts = pd.crosstab(ks["feature"], pd.Series(cat, index=ks.index, name="cat"))
    share = counts.max(axis=1) / counts.sum(axis=1)
    assert (share > 0.4).all()
    assert set(counts.idxmax(axis=1)) == {"A", "O", "M", "I"}
    assert 8 <= len(counts) <= 10


def test_pattern_staff_capability_gap(case):
    st = case.staff
    assert 250 <= len(st) <= 400
    means = st[["skill_ae", "skill_delivery", "skill_aftersales", "skill_data"]].mean()
    assert max(means["skill_ae"], means["skill_data"]) < min(means["skill_delivery"], means["skill_aftersales"])
    kpi = st.groupby("performance_rating")["kpi_achievement_pct"].mean()
    assert kpi["A"] > kpi["B"] > kpi["C"] > kpi["D"]


def test_bookings_do_not_overlap(case):
    bk = case.bookings.sort_values(["resource_id", "start"])
    assert (bk["end"] > bk["start"]).all()
    prev_end = bk.groupby("resource_id")["end"].shift()
    assert (prev_end.isna() | (bk["start"] >= prev_end)).all()
    res = bk.merge(case.resources, on="resource_id")
    assert (res["attendees"] <= res["capacity"]).all()
    assert 8000 <= len(bk) <= 12000
    big = res[(res["resource_type"] == "会议室") & (res["capacity"] >= 30)]
    assert (big["attendees"] <= 8).mean() > 0.3  # big rooms booked by small meetings


def test_pattern_churners_complain_more_and_recommend_less(case):
    cust = case.internal_customers[["customer_id", "churned"]]
    ia = case.interactions.merge(cust, on="customer_id")
    complaint_share = ia.groupby("churned")["type"].apply(lambda s: (s == "投诉").mean())
    assert complaint_share[True] > 1.8 * complaint_share[False]
    nps = case.nps_survey.merge(cust, on="customer_id").groupby("churned")["nps_score"].mean()
    assert nps[False] - nps[True] > 0.5
