"""Drive the D2-M5 vendor radar app as a trainee would: set widgets, click buttons, read results."""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from svc_helpers.apps.vendor_radar import VendorRadarApp
from svc_helpers.workbook import Workbook

IDS = ["V01", "V02", "V03", "V04", "V05", "V06"]


def fake_case() -> SimpleNamespace:
    """Six IFM bidders; V03 bids lowest and its inspection scores fall from 90 to 72."""
    vendors = pd.DataFrame({
        "vendor_id": IDS,
        "vendor_name": ["甲物业", "乙设施", "丙综合", "丁服务", "戊后勤", "己楼宇"],
        "service_lines": ["物业;保洁;设施维修"] * 6,
        "founded_year": [1998, 2005, 2012, 2001, 2010, 2016],
        "employees": [9000, 4000, 3000, 8000, 2000, 700],
        "annual_revenue_cny": [2e9, 6e8, 5e8, 1e9, 3e8, 1.5e8],
        "certifications": ["ISO9001;ISO41001;ISO45001;ISO14001;ISO27001", "ISO9001;ISO45001",
                           "ISO9001;ISO41001", "ISO9001;ISO14001;ISO45001", "ISO9001", None],
        "digital_level": [4, 3, 3, 4, 2, 5],
        "reference_clients": [30, 12, 11, 20, 6, 5],
        "compliance_incidents_3y": [0, 1, 2, 1, 3, 0],
        "financial_health": [5, 4, 2, 4, 2, 3],
    })
    bids = pd.DataFrame({
        "bid_id": [f"B{i}" for i in range(6)], "tender_id": ["T2025-IFM-01"] * 6,
        "vendor_id": IDS, "service_line": ["IFM一体化"] * 6, "bid_year": [2025] * 6,
        "annual_price_cny": [98e6, 92e6, 77e6, 95e6, 85e6, 90e6],
        "price_per_m2_month_cny": [15.7, 14.7, 12.3, 15.2, 13.6, 14.4],
        "technical_score": [92.0, 80.0, 81.0, 85.0, 62.0, 76.0],
        "delivery_plan_score": [90.0, 78.0, 78.0, 82.0, 60.0, 74.0],
    })
    months = pd.date_range("2025-01-01", periods=18, freq="MS")
    rows = []
    for i, m in enumerate(months):
        rows += [("V01", m, 88.0 + i % 2), ("V02", m, 84.0 + i % 3),
                 ("V03", m, 90.0 if i < 6 else 90.0 - 1.5 * (i - 5))]
    inspections = pd.DataFrame([{"inspection_id": f"I{k}", "vendor_id": v, "month": m,
                                 "campus_id": "P1", "service_line": "物业", "score": s,
                                 "defects": 1, "complaints": 0} for k, (v, m, s) in enumerate(rows)])
    risks = pd.DataFrame({
        "risk_id": ["R01", "R02", "R03", "R04", "R05", "R06", "R07"],
        "vendor_id": ["V01", "V01", "V02", "V03", "V03", "V04", "V05"],
        "category": ["财务", "数据", "交付", "交付", "财务", "声誉", "合规"],
        "description": ["低价中标后成本倒挂", "工单数据存放境外云", "多园区同时进场人手不足",
                        "巡检得分持续下滑", "报价显著低于同行", "媒体报道服务纠纷", "社保缴纳不完整"],
        "likelihood": [2, 3, 3, 4, 4, 2, 3], "impact": [3, 3, 2, 4, 3, 3, 4],
        "source": ["尽调", "尽调", "访谈", "巡检", "尽调", "舆情", "尽调"],
    })
    return SimpleNamespace(vendors=vendors, bids=bids, inspections=inspections, vendor_risks=risks)


@pytest.fixture
def app(tmp_path):
    return VendorRadarApp(fake_case(), Workbook("物业一组", tmp_path))


def message(app, key: str) -> str:
    return app._messages[key].value


def fill_plans(app) -> None:
    """Write a mitigation and an owner for every visible (shortlisted) risk row."""
    for rid, (mitigation, owner) in app.plan_inputs.items():
        if app.risk_rows[rid].layout.display != "none":
            mitigation.value = f"合同写入整改时限与扣款条款（{rid}）"
            owner.value = "采购部 王经理"


def test_opens_with_defaults_and_asks_for_risk_plans(app):
    state = app.read_state()
    assert sum(state["weights"].values()) == 100
    assert "V03" in state["vendors"] and len(state["vendors"]) <= 4   # the decaying vendor
    shortlisted = app.draft["shortlisted"]
    assert shortlisted and "V03" not in shortlisted                    # 口碑 falls below 70
    assert any(f.field.startswith("risk.") for f in app.findings)
    assert app.save_button.disabled
    visible = [rid for rid, row in app.risk_rows.items() if row.layout.display != "none"]
    assert set(visible) == {r["风险编号"] for r in app.draft["risk_register"]}
    assert "请填写应对措施和责任人" in message(app, f"risk.{visible[0]}")
    assert app.tab.titles[3].endswith(f"（⚠ {len(visible)}）")   # messages on a hidden tab
    fill_plans(app)
    assert app.findings == [] and not app.save_button.disabled
    assert "✓" in app.status.value and not any("⚠" in t for t in app.tab.titles)


def test_shortlist_reasons_and_decay_note(app):
    ranking = {r["vendor_id"]: r for r in app.draft["ranking"]}
    assert ranking["V03"]["结论"] == "未入围" and "口碑" in ranking["V03"]["原因"]
    assert app.draft["decaying"] == ["V03"]
    assert "巡检趋势下滑" in app.summary.value and "丙综合" in app.summary.value


def test_weights_not_summing_to_100_block_saving(app):
    fill_plans(app)
    first = app.save()
    assert first is not None
    app.weights["合规"].value = 5
    assert "五项权重合计为 95%，应为 100%（还差 5%）" in message(app, "weights")
    assert app.tab.titles[0].endswith("（⚠ 1）")
    assert app.save_button.disabled and app.export_button.disabled
    assert app.save() is None
    assert app.workbook.latest(app.exercise_id).version_id == first.version_id
    assert app.workbook.latest(app.exercise_id).payload["state"]["weights"]["合规"] == 10
    app.weights["合规"].value = 20
    assert "多了 10%" in message(app, "weights")
    app.weights["合规"].value = 10
    assert message(app, "weights") == "" and not app.save_button.disabled


def test_override_needs_a_reason(app):
    fill_plans(app)
    app.ov_vendor.value, app.ov_dimension.value = "V02", "价格"
    assert "数据得分" in app.ov_hint.value
    app.ov_score.value = 60
    app.ov_add.click()
    assert "没有写理由" in message(app, "override_reason")
    assert app.save_button.disabled and app.save() is None
    assert "缺理由" in app.ov_list.options[0][0]
    app.ov_reason.value = "报价未含设备更新费用，按含税口径重算"
    app.ov_add.click()                                   # same vendor+dimension: update
    assert len(app.read_state()["overrides"]) == 1
    assert message(app, "override_reason") == ""
    ranking = {r["vendor_id"]: r for r in app.draft["ranking"]}
    assert ranking["V02"]["价格"] == 60.0
    fill_plans(app)                                      # the shortlist may have changed
    assert app.save() is not None
    app.ov_list.value = 0
    app.ov_delete.click()
    assert app.read_state()["overrides"] == []


def test_more_than_four_vendors_on_the_radar(app):
    app.vendor_picker.value = tuple(IDS[:5])
    assert "最多叠加 4 家" in message(app, "vendors") and "去掉 1 家" in message(app, "vendors")
    app.vendor_picker.value = tuple(IDS[:2])
    assert message(app, "vendors") == ""


def test_restore_after_reopening(tmp_path):
    first = VendorRadarApp(fake_case(), Workbook("物业一组", tmp_path))
    first.weights["能力"].value, first.weights["价格"].value = 35, 20
    first.min_total.value = 72
    first.vendor_picker.value = ("V01", "V03")
    first.ov_vendor.value, first.ov_dimension.value = "V06", "口碑"
    first.ov_score.value, first.ov_reason.value = 72, "走访两家客户，评价良好"
    first.ov_add.click()
    fill_plans(first)
    assert first.save() is not None
    saved = first.read_state()

    again = VendorRadarApp(fake_case(), Workbook("物业一组", tmp_path))
    assert again.read_state() == saved
    assert again.weights["能力"].value == 35 and again.vendor_picker.value == ("V01", "V03")
    assert "已恢复" in again.status.value
    assert again.history_picker.options


def test_export_writes_excel_sheets_and_three_pngs(app):
    fill_plans(app)
    paths = app.export()
    xlsx = [p for p in paths if p.suffix == ".xlsx"]
    pngs = [p for p in paths if p.suffix == ".png"]
    assert len(xlsx) == 1 and len(pngs) == 3
    sheets = pd.read_excel(xlsx[0], sheet_name=None)
    assert list(sheets) == ["说明", "评分与排名", "权重与规则", "风险登记册", "分数调整记录"]
    assert set(sheets["风险登记册"]["责任人"]) == {"采购部 王经理"}
    assert "结论" in sheets["评分与排名"] and "原因" in sheets["评分与排名"]
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    assert "svc-download" in app.downloads.value


def test_hostile_team_name_is_sanitised(tmp_path):
    store = tmp_path / "store"
    app = VendorRadarApp(fake_case(), Workbook("../x", store))
    fill_plans(app)
    assert app.save() is not None
    assert app.workbook.slug == "x"
    assert app.workbook.path.resolve().parent == store.resolve()
    assert not (tmp_path / "x.sqlite").exists()


def test_real_case_plants_the_decaying_low_bidder(case):
    """On the bundled case the vendor whose inspections decay is the one with the lowest IFM bid,
    and the default rule screens it out for 口碑 although its total ranks near the top."""
    from svc_helpers.methods.vendors import vendor_scores

    scores = vendor_scores(case.vendors, case.bids, case.inspections)
    decaying = list(scores.loc[scores["decaying"], "vendor_id"])
    assert len(decaying) == 1
    assert scores.loc[scores["价格"].idxmax(), "vendor_id"] == decaying[0]


def test_real_case_app_opens_without_findings_other_than_risk_plans(case, tmp_path):
    app = VendorRadarApp(case, Workbook("物业一组", tmp_path))
    assert app.findings and all(f.field.startswith("risk.") for f in app.findings)
    ranking = {r["vendor_id"]: r for r in app.draft["ranking"]}
    low = app.draft["decaying"][0]
    assert ranking[low]["结论"] == "未入围" and "口碑" in ranking[low]["原因"]
    assert 2 <= len(app.draft["shortlisted"]) <= 5
    fill_plans(app)
    assert app.findings == [] and app.save() is not None
