"""D2-M5 exercise: the IFM vendor radar, the shortlist rule and the risk register."""
from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd

from ..charts.vendors import radar_chart, risk_matrix_chart, trend_chart
from ..methods import Finding
from ..methods.vendors import (DEFAULT_MIN_TOTAL, DEFAULT_MINIMUMS, DEFAULT_WEIGHTS, DIMENSIONS,
                               IFM_TENDER, MAX_RADAR_VENDORS, apply_overrides, check_overrides,
                               check_risk_plans, check_selection, check_thresholds,
                               check_weights, inspection_trend, monthly_scores, risk_band,
                               risk_band_grid, risk_register, shortlist, vendor_scores)
from .base import LABEL_STYLE, ExerciseApp, table_html

TAB_TITLES = ("① 权重与入围规则", "② 分数调整", "③ 雷达比较", "④ 风险登记册")
TAB_OF_FIELD = {"weights": 0, "min": 0, "min_total": 0, "override_reason": 1, "overrides": 1,
                "vendors": 2, "risk": 3}

SCORE_NOTES = {
    "能力": "0.6×技术评分 + 0.2×案例分 + 0.2×体系分（ISO9001/ISO41001）",
    "价格": "最低报价 ÷ 本家报价 × 100（低价优先法）",
    "数字化": "数字化成熟度等级 × 20",
    "口碑": "近 6 个月巡检均分 − 6×每月下滑分；无本集团巡检记录时 60 + 可比客户案例数（最多 80）",
    "合规": "0.5×事件分 + 0.25×体系分（ISO45001/14001/27001）+ 0.25×财务分",
}


class VendorRadarApp(ExerciseApp):
    """Weight five dimensions, set the shortlist rule, plan the shortlisted vendors' risks."""

    module = "d2m5"

    # -- controls -------------------------------------------------------------------
    def build(self) -> W.Widget:
        case = self.case
        self.base_scores = vendor_scores(case.vendors, case.bids, case.inspections, IFM_TENDER)
        self.names = dict(zip(self.base_scores["vendor_id"], self.base_scores["vendor_name"]))
        bidders = set(self.names)
        inspections = case.inspections[case.inspections["vendor_id"].isin(bidders)]
        self.monthly = monthly_scores(inspections) if len(inspections) else \
            pd.DataFrame(columns=["vendor_id", "month", "score"])
        self.trend = inspection_trend(inspections)
        self.risks = case.vendor_risks[case.vendor_risks["vendor_id"].isin(bidders)] \
            .sort_values("risk_id").reset_index(drop=True)
        self._overrides: list[dict] = []
        number = dict(style=LABEL_STYLE, layout=W.Layout(width="132px"))

        # weights (one message for the group) and minimums
        self.weights = {d: W.BoundedIntText(value=0, min=0, max=100, step=5, description=f"{d} %",
                                            continuous_update=False, **number) for d in DIMENSIONS}
        for d, box in self.weights.items():
            box.add_class(f"svc-weight-{DIMENSIONS.index(d)}")
        self.watch(*self.weights.values())
        self.weight_sum = W.HTML()
        self.minimums = {d: W.BoundedIntText(value=0, min=0, max=100, step=5, description=f"{d} ≥",
                                             continuous_update=False, **number) for d in DIMENSIONS}
        self.min_total = W.BoundedFloatText(value=DEFAULT_MIN_TOTAL, min=0, max=100, step=1,
                                            description="加权总分 ≥", continuous_update=False,
                                            style=LABEL_STYLE, layout=W.Layout(width="160px"))

        # vendors on the radar
        options = [(f"{vid} {name}", vid) for vid, name in self.names.items()]
        self.vendor_picker = W.SelectMultiple(options=options, rows=min(8, len(options)),
                                              description="雷达图上的供应商", style=LABEL_STYLE,
                                              layout=W.Layout(width="360px"))

        # overrides: an editor row, a list, add/update and delete
        self.ov_vendor = W.Dropdown(options=options, description="供应商", style=LABEL_STYLE,
                                    layout=W.Layout(width="250px"))
        self.ov_dimension = W.Dropdown(options=list(DIMENSIONS), description="维度",
                                       style=LABEL_STYLE, layout=W.Layout(width="130px"))
        self.ov_score = W.BoundedFloatText(value=0, min=0, max=100, step=1, description="调整为（分）",
                                           style=LABEL_STYLE, layout=W.Layout(width="170px"))
        self.ov_reason = W.Text(placeholder="理由（必填），如：现场考察发现……", description="理由",
                                style=LABEL_STYLE, layout=W.Layout(width="360px"))
        self.ov_hint = W.HTML()
        self.ov_add = W.Button(description="添加/更新", icon="plus", layout=W.Layout(width="110px"))
        self.ov_list = W.Select(options=[], rows=4, description="已调整", style=LABEL_STYLE,
                                layout=W.Layout(width="560px"))
        self.ov_delete = W.Button(description="删除所选", icon="trash", layout=W.Layout(width="110px"))
        self.ov_vendor.observe(self._prefill_override, names="value")
        self.ov_dimension.observe(self._prefill_override, names="value")
        self.ov_list.observe(self._edit_override, names="value")
        self.ov_add.on_click(lambda _: self.add_override())
        self.ov_delete.on_click(lambda _: self.delete_override())

        # risk register rows: one per risk of every bidder; only the shortlisted are shown
        self.plan_inputs: dict[str, tuple[W.Text, W.Text]] = {}
        self.risk_rows: dict[str, W.Widget] = {}
        for _, r in self.risks.iterrows():
            rid = r["risk_id"]
            score, band = risk_band(r["likelihood"], r["impact"])
            mitigation = W.Text(placeholder="应对措施（合同条款/监控/预案）", continuous_update=False,
                                layout=W.Layout(width="330px"))
            owner = W.Text(placeholder="责任人/部门", continuous_update=False,
                           layout=W.Layout(width="130px"))
            mitigation.add_class(f"svc-risk-mitigation-{rid}")
            owner.add_class(f"svc-risk-owner-{rid}")
            self.watch(mitigation, owner)
            self.plan_inputs[rid] = (mitigation, owner)
            label = W.HTML(f'<b>{html.escape(rid)}</b> {html.escape(self.names.get(r["vendor_id"], ""))}'
                           f' · {html.escape(r["category"])} · {html.escape(r["description"])}'
                           f' <span class="svc-hint">（{r["likelihood"]}×{r["impact"]}={score}，{band}）</span>')
            self.risk_rows[rid] = W.VBox([label, self.field(f"risk.{rid}", W.HBox([mitigation, owner]),
                                                            watch=False)])
        self.risk_hint = W.HTML()
        self.risk_box = W.VBox(list(self.risk_rows.values()))

        notes = "".join(f"<li><b>{d}</b>：{html.escape(n)}</li>" for d, n in SCORE_NOTES.items())
        pages = [
            W.VBox([W.HTML("<b>权重</b>（%，五项合计 100%）"),
                    self.field("weights", W.HBox(list(self.weights.values())), watch=False),
                    self.weight_sum,
                    W.HTML("<b>入围规则</b>（每个维度的最低分，以及加权总分入围线）"),
                    W.HBox([self.field(f"min.{d}", box) for d, box in self.minimums.items()]),
                    self.field("min_total", self.min_total),
                    W.HTML(f'<details><summary class="svc-hint">各维度得分怎么来的？</summary>'
                           f'<ul class="svc-hint">{notes}</ul></details>')]),
            W.VBox([W.HTML('<span class="svc-hint">可选：对某项得分有不同意见时调整，每条都要写理由'
                           '（同一供应商、同一维度再次“添加/更新”即覆盖）。</span>'),
                    W.HBox([self.ov_vendor, self.ov_dimension, self.ov_score, self.ov_hint]),
                    W.HBox([self.field("override_reason", self.ov_reason, watch=False), self.ov_add]),
                    W.HBox([self.field("overrides", self.ov_list, watch=False), self.ov_delete])]),
            W.VBox([W.HTML('<span class="svc-hint">按住 Ctrl（Mac 为 ⌘）多选，最多 4 家。</span>'),
                    self.field("vendors", self.vendor_picker)]),
            W.VBox([self.risk_hint, self.risk_box]),
        ]
        tabs = self.tabs([(title, page, tuple(k for k, i in TAB_OF_FIELD.items() if i == n))
                          for n, (title, page) in enumerate(zip(TAB_TITLES, pages))])
        tabs.add_class("svc-vendor-tabs")
        return tabs

    # -- overrides ---------------------------------------------------------------------
    def _current_score(self, vendor_id: str, dimension: str) -> float:
        for item in self._overrides:
            if item["vendor_id"] == vendor_id and item["dimension"] == dimension:
                return float(item["score"])
        row = self.base_scores.loc[self.base_scores["vendor_id"] == vendor_id]
        return float(row[dimension].iloc[0]) if len(row) else 0.0

    def _prefill_override(self, _=None) -> None:
        vid, dim = self.ov_vendor.value, self.ov_dimension.value
        if vid is None:
            return
        base = self.base_scores.loc[self.base_scores["vendor_id"] == vid, dim]
        self.ov_score.value = self._current_score(vid, dim)
        self.ov_hint.value = (f'<span class="svc-hint">数据得分 {float(base.iloc[0]):.1f} 分</span>'
                              if len(base) else "")

    def _edit_override(self, change) -> None:
        index = change["new"]
        if index is None or not 0 <= index < len(self._overrides):
            return
        item = self._overrides[index]
        self.ov_vendor.value, self.ov_dimension.value = item["vendor_id"], item["dimension"]
        self.ov_score.value, self.ov_reason.value = item["score"], item["reason"]

    def _show_overrides(self) -> None:
        labels = []
        for i, item in enumerate(self._overrides):
            reason = item["reason"] or "⚠ 缺理由"
            labels.append((f"{item['vendor_id']} {self.names.get(item['vendor_id'], '')} · "
                           f"{item['dimension']} → {item['score']:g} 分 · {reason}", i))
        self.ov_list.options = labels
        self.ov_list.value = None

    def add_override(self) -> None:
        """Add the editor's override, or update the one for the same vendor and dimension."""
        with self._guard("添加分数调整"):
            item = {"vendor_id": self.ov_vendor.value, "dimension": self.ov_dimension.value,
                    "score": float(self.ov_score.value), "reason": self.ov_reason.value.strip()}
            self._overrides = [o for o in self._overrides
                               if (o["vendor_id"], o["dimension"]) != (item["vendor_id"], item["dimension"])]
            self._overrides.append(item)
            self._show_overrides()
            self.refresh()

    def delete_override(self) -> None:
        """Remove the override selected in the list."""
        with self._guard("删除分数调整"):
            index = self.ov_list.value
            if index is None or not 0 <= index < len(self._overrides):
                self._set_status("请先在“已调整”列表中选中要删除的一条。", ok=False)
                return
            del self._overrides[index]
            self._show_overrides()
            self.refresh()

    # -- state ----------------------------------------------------------------------
    def default_state(self) -> dict:
        ranked = shortlist(self.base_scores, DEFAULT_WEIGHTS, DEFAULT_MINIMUMS, DEFAULT_MIN_TOTAL)
        picks = list(ranked["vendor_id"][:3])
        decaying = [v for v in self.base_scores.loc[self.base_scores["decaying"], "vendor_id"]
                    if v not in picks]
        picks += decaying[:1] if decaying else list(ranked["vendor_id"][3:4])
        return {"weights": dict(DEFAULT_WEIGHTS), "vendors": picks,
                "min_per_dimension": dict(DEFAULT_MINIMUMS), "min_total": DEFAULT_MIN_TOTAL,
                "overrides": [], "risk_plans": {}}

    def read_state(self) -> dict:
        plans = {rid: {"mitigation": m.value.strip(), "owner": o.value.strip()}
                 for rid, (m, o) in self.plan_inputs.items() if m.value.strip() or o.value.strip()}
        return {"weights": {d: int(w.value) for d, w in self.weights.items()},
                "vendors": list(self.vendor_picker.value),
                "min_per_dimension": {d: float(m.value) for d, m in self.minimums.items()},
                "min_total": float(self.min_total.value),
                "overrides": [dict(o) for o in self._overrides],
                "risk_plans": plans}

    def apply_state(self, state: dict) -> None:
        for d, box in self.weights.items():
            box.value = int(state["weights"].get(d, 0))
        for d, box in self.minimums.items():
            box.value = int(state["min_per_dimension"].get(d, 0))
        self.min_total.value = float(state["min_total"])
        known = set(self.names)
        self.vendor_picker.value = tuple(v for v in state["vendors"] if v in known)
        self._overrides = [dict(o) for o in state.get("overrides", [])]
        self._show_overrides()
        self.ov_reason.value = ""
        self._prefill_override()
        plans = state.get("risk_plans", {})
        for rid, (m, o) in self.plan_inputs.items():
            m.value = plans.get(rid, {}).get("mitigation", "")
            o.value = plans.get(rid, {}).get("owner", "")

    # -- evaluation -----------------------------------------------------------------
    def evaluate(self, state: dict):
        known = list(self.names)
        weights = state["weights"]
        findings: list[Finding] = []
        findings += check_weights(weights)
        findings += check_thresholds(state["min_per_dimension"], state["min_total"])
        findings += check_overrides(state["overrides"], known)
        findings += check_selection(state["vendors"], known)
        total = sum(float(weights.get(d, 0)) for d in DIMENSIONS)
        if total <= 0:
            return None, findings
        scores = apply_overrides(self.base_scores, state["overrides"])
        ranked = shortlist(scores, weights, state["min_per_dimension"], state["min_total"])
        chosen = list(ranked.loc[ranked["结论"] == "入围", "vendor_id"])
        register = risk_register(self.risks, chosen, state["risk_plans"], self.names)
        findings += check_risk_plans(register)
        if not chosen:
            findings.append(Finding("", "按当前规则没有供应商入围：请检查门槛与入围线是否过高。"))
        artifact = {
            "tender_id": IFM_TENDER,
            "weights": {d: float(weights.get(d, 0)) for d in DIMENSIONS},
            "min_per_dimension": {d: float(state["min_per_dimension"].get(d, 0)) for d in DIMENSIONS},
            "min_total": float(state["min_total"]),
            "radar_vendors": [v for v in state["vendors"] if v in self.names][:MAX_RADAR_VENDORS],
            "ranking": ranked.to_dict(orient="records"),
            "shortlisted": chosen,
            "decaying": [v for v in self.base_scores.loc[self.base_scores["decaying"], "vendor_id"]],
            "overrides": [dict(o, original=float(self.base_scores.loc[
                self.base_scores["vendor_id"] == o["vendor_id"], o["dimension"]].iloc[0]))
                for o in state["overrides"] if o.get("vendor_id") in self.names
                and o.get("dimension") in DIMENSIONS],
            "risk_register": register.to_dict(orient="records"),
        }
        return artifact, findings

    def after_refresh(self, state: dict, artifact: dict | None, findings) -> None:
        """Weight total, and only the shortlisted vendors' risk rows."""
        total = sum(float(state["weights"].get(d, 0)) for d in DIMENSIONS)
        self.weight_sum.value = f'<span class="svc-hint">当前合计 {total:g}%</span>'
        chosen = artifact["shortlisted"] if artifact else []
        shown = {r["风险编号"] for r in artifact["risk_register"]} if artifact else set()
        for rid, row in self.risk_rows.items():
            row.layout.display = None if rid in shown else "none"
        self.risk_hint.value = (f'<span class="svc-hint">入围 {len(chosen)} 家，共 {len(shown)} 条风险'
                                f'需要应对措施与责任人。</span>' if chosen else
                                '<span class="svc-hint">暂无入围供应商。</span>')

    # -- outputs ----------------------------------------------------------------------
    def _ranking(self, artifact: dict) -> pd.DataFrame:
        return pd.DataFrame(artifact["ranking"])

    def figure_keys(self, artifact: dict) -> dict:
        """What each figure depends on; an unchanged key means the picture need not be redrawn."""
        radar = tuple((r["vendor_id"], r["加权总分"], r["结论"], *(r[d] for d in DIMENSIONS))
                      for r in artifact["ranking"] if r["vendor_id"] in artifact["radar_vendors"])
        return {"radar": (radar, tuple(artifact["min_per_dimension"].items())),
                "trend": (),
                "risks": tuple((r["风险编号"], r["可能性"], r["影响"]) for r in artifact["risk_register"])}

    def figures(self, artifact: dict, only: set[str] | None = None) -> dict:
        out = {}
        if only is None or "radar" in only:
            out["radar"] = self._radar(artifact)
        if only is None or "trend" in only:
            out["trend"] = trend_chart(self.monthly, self.trend, self.names)
        if only is None or "risks" in only:
            register = pd.DataFrame(artifact["risk_register"], columns=["风险编号", "可能性", "影响"])
            out["risks"] = risk_matrix_chart(register, risk_band_grid())
        return out

    def _radar(self, artifact: dict):
        ranking = self._ranking(artifact).set_index("vendor_id")
        picks = [v for v in ranking.index if v in artifact["radar_vendors"]]
        radar = ranking.loc[picks].reset_index()
        radar["label"] = [f"{r['vendor_name']}（总分 {r['加权总分']:.1f}，{r['结论']}）"
                          for _, r in radar.iterrows()]
        return radar_chart(radar, DIMENSIONS, artifact["min_per_dimension"], "label")

    def tables(self, artifact: dict) -> dict:
        ranking = self._ranking(artifact).rename(columns={"vendor_id": "供应商编号",
                                                          "vendor_name": "供应商"})
        rules = pd.DataFrame({
            "维度": list(DIMENSIONS) + ["加权总分"],
            "权重（%）": [artifact["weights"][d] for d in DIMENSIONS] + [sum(artifact["weights"].values())],
            "最低分": [artifact["min_per_dimension"][d] for d in DIMENSIONS] + [artifact["min_total"]],
            "得分口径": [SCORE_NOTES[d] for d in DIMENSIONS] + ["Σ 权重 × 得分 ÷ 100"],
        })
        register = pd.DataFrame(artifact["risk_register"]).drop(columns=["vendor_id"], errors="ignore")
        overrides = pd.DataFrame(artifact["overrides"],
                                 columns=["vendor_id", "dimension", "original", "score", "reason"])
        overrides = overrides.rename(columns={"vendor_id": "供应商编号", "dimension": "维度",
                                              "original": "数据得分", "score": "调整后得分",
                                              "reason": "理由"})
        return {"评分与排名": ranking, "权重与规则": rules, "风险登记册": register,
                "分数调整记录": overrides}

    def summary_html(self, artifact: dict) -> str:
        ranking = self._ranking(artifact)
        table = ranking[["排名", "vendor_name", *DIMENSIONS, "加权总分", "结论", "原因"]] \
            .rename(columns={"vendor_name": "供应商"})
        decaying = [self.names.get(v, v) for v in artifact["decaying"]]
        note = (f'<div class="svc-hint">⚠ 巡检趋势下滑：{html.escape("、".join(decaying))}'
                f'（近 12 个月斜率低于 −0.8 分/月，口碑已按下滑扣分）</div>' if decaying else "")
        return table_html(table, caption="评分与排名（IFM 一体化招标 T2025-IFM-01）") + note
