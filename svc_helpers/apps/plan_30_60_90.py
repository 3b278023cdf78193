"""D4-M2 exercise: the 30-60-90 board — 13 weekly goals with their 评估口径 for a new role.

The saved artifact is ``methods.onboarding.Plan.to_dict()`` (a documented, versioned
structure the closing commitment notebook reuses); the saved state keeps what the trainee
typed (targets as text), so a half-finished board restores exactly.
"""
from __future__ import annotations

import html
import json
from datetime import date

import ipywidgets as W

from ..charts.board import board_figure
from ..methods import Finding
from ..methods.onboarding import (CHECK_METHODS, N_WEEKS, PHASES, RESOURCES, Plan, WeekGoal,
                                  default_plan, fmt_day, is_milestone_week, milestone_table,
                                  parse_date, parse_target, plan_table,
                                  validate_plan, week_dates, weeks_of_phase)
from .base import LABEL_STYLE, ExerciseApp, table_html

CUSTOM_ROLE = "其他（自定义）"
DEFAULT_ROLE = "客户经理AE"
FALLBACK_ROLES = ("客户经理AE", "交付主管", "售后专员", "数据分析员", "一线主管", "技术工程师",
                  "服务专员")
SHORT = dict(style=LABEL_STYLE)


class Plan306090App(ExerciseApp):
    """Plan the first 90 days of a role as 13 weekly goals in three phases."""

    module = "d4m2"
    schema_version = 1
    chart_width = "100%"     # the board is as wide as the app

    # -- controls -------------------------------------------------------------------
    def build(self) -> W.Widget:
        self._draft_armed = False
        self._last_draft: list[dict] | None = None
        roles = self._roles()
        self.role = W.Dropdown(options=roles + [CUSTOM_ROLE], value=roles[0], description="岗位",
                               style=LABEL_STYLE, layout=W.Layout(width="230px"))
        self.custom_role = W.Text(placeholder="岗位名称，如：园区运营经理", continuous_update=False,
                                  layout=W.Layout(width="220px", display="none"))
        self.role.observe(self._on_role_change, names="value")
        self.watch(self.role, self.custom_role)
        self.start = W.DatePicker(description="第一天（入职/转岗）", style=LABEL_STYLE,
                                  layout=W.Layout(width="280px"))
        self.start.observe(self._on_start_change, names="value")
        self.owner = W.Text(description="计划负责人", placeholder="带教人或直属主管",
                            continuous_update=False, style=LABEL_STYLE,
                            layout=W.Layout(width="260px"))
        self.draft_button = W.Button(description="按角色生成草案", icon="magic",
                                     tooltip="用案例中该岗位的资深员工作负责人，生成 13 周草案",
                                     layout=W.Layout(width="170px"))
        self.draft_button.on_click(lambda _: self.generate_draft())

        self.cards: dict[int, dict[str, W.Widget]] = {}
        columns = []
        for phase in (1, 2, 3):
            cards = [self._card(k) for k in weeks_of_phase(phase)]
            head = W.HTML(f'<div class="svc-phase svc-phase-{phase}">{html.escape(PHASES[phase])}</div>')
            columns.append(W.VBox([head, *cards],
                                  layout=W.Layout(width="33%", padding="0 6px 0 0")))
        css = W.HTML("""<style>
.svc-phase {font-weight: bold; color: white; padding: 4px 8px; border-radius: 4px; margin: 4px 0;}
.svc-phase-1 {background: #1f5f8b;} .svc-phase-2 {background: #3a9e8f;} .svc-phase-3 {background: #8c6bb1;}
.svc-week {border: 1px solid #c9d3dc; border-radius: 6px; padding: 4px 6px; margin: 0 0 8px 0;}
.svc-week-milestone {border: 2px solid #c0504d; background: #fff8ec;}
.svc-week-head {font-size: 13px; color: #1b3f66;}
</style>""")
        return W.VBox([
            css,
            W.HBox([self.field("role", W.HBox([self.role, self.custom_role]), watch=False)]),
            W.HBox([self.field("start_date", self.start, watch=False),
                    self.field("owner", self.owner), self.draft_button]),
            W.HTML('<div class="svc-hint">每周一张卡片；<b>红框</b>是阶段里程碑（第 4、8、13 周），'
                   '目标值必须是数字并写明单位。</div>'),
            W.HBox(columns, layout=W.Layout(width="100%")),
        ])

    def _card(self, k: int) -> W.VBox:
        text = dict(continuous_update=False, **SHORT)
        widgets = {
            "head": W.HTML(),
            "goal": W.Textarea(description="目标", placeholder="本周要达成什么", rows=2, **text,
                               layout=W.Layout(width="215px", height="56px")),
            "measure": W.Text(description="指标", placeholder="如：测验得分、转化率", **text,
                              layout=W.Layout(width="215px")),
            "target": W.Text(description="目标值", placeholder="数字", **text,
                             layout=W.Layout(width="125px")),
            "unit": W.Text(description="单位", placeholder="分/%/件", **text,
                           layout=W.Layout(width="88px")),
            "check": W.Dropdown(options=CHECK_METHODS, description="检查", **SHORT,
                                layout=W.Layout(width="150px")),
            "resource": W.Dropdown(options=RESOURCES, description="资源", **SHORT,
                                   layout=W.Layout(width="110px")),
            "owner": W.Text(description="负责人", placeholder="姓名", **text,
                            layout=W.Layout(width="215px")),
            "due": W.DatePicker(description="截止", **SHORT, layout=W.Layout(width="215px")),
        }
        for name, widget in widgets.items():
            widget.add_class(f"svc-w{k}-{name}")
        self.watch(widgets["target"], widgets["unit"], widgets["check"], widgets["resource"])
        self.cards[k] = widgets
        key = f"week-{k}"
        card = W.VBox([
            widgets["head"],
            self.field(f"{key}.goal", widgets["goal"]),
            self.field(f"{key}.measure", widgets["measure"]),
            W.HBox([widgets["target"], widgets["unit"], self.message_slot(f"{key}.target")],
                   layout=W.Layout(align_items="center")),
            W.HBox([widgets["check"], widgets["resource"]]),
            W.HBox([self.message_slot(f"{key}.check"), self.message_slot(f"{key}.resource")]),
            self.field(f"{key}.owner", widgets["owner"]),
            self.field(f"{key}.due", widgets["due"]),
        ])
        card.add_class("svc-week")
        card.add_class(f"svc-week-{k}")
        if is_milestone_week(k):
            card.add_class("svc-week-milestone")
        return card

    # -- case data -----------------------------------------------------------------------
    def _staff(self):
        """The staff table, or an empty table (logged) when the case cannot be read."""
        import pandas as pd

        try:
            return self.case.staff
        except Exception:  # noqa: BLE001 - the board still works without the case
            self._log_error("读取员工表")
            return pd.DataFrame(columns=["staff_id", "name", "role", "service_line", "grade"])

    def _roles(self) -> list[str]:
        staff = self._staff()
        present = set(staff["role"]) if "role" in staff.columns else set()
        roles = [r for r in FALLBACK_ROLES if r in present]
        roles += sorted(str(r) for r in present - set(roles) if str(r).strip())
        return roles or list(FALLBACK_ROLES)

    def _role_name(self, state: dict) -> str:
        choice = state.get("role_choice", "")
        return (state.get("custom_role") or "").strip() if choice == CUSTOM_ROLE else choice

    # -- state ----------------------------------------------------------------------------
    @staticmethod
    def _state_from_plan(plan: Plan, role_choice: str, custom_role: str = "") -> dict:
        weeks = []
        for w in plan.weeks:
            target = "" if w.target_value is None else \
                (f"{w.target_value:.0f}" if float(w.target_value).is_integer() else f"{w.target_value:g}")
            weeks.append({"week": w.week, "goal": w.goal, "measure": w.measure, "target": target,
                          "unit": w.target_unit, "check": w.check_method, "owner": w.owner,
                          "resource": w.resource,
                          "due": w.due_date.isoformat() if w.due_date else None})
        return {"role_choice": role_choice, "custom_role": custom_role,
                "start_date": plan.start_date.isoformat() if plan.start_date else None,
                "owner": plan.owner, "weeks": weeks}

    def default_state(self) -> dict:
        role = DEFAULT_ROLE if DEFAULT_ROLE in self.role.options else self.role.options[0]
        state = self._state_from_plan(default_plan(role, self._staff()), role)
        self._last_draft = state["weeks"]
        return state

    def read_state(self) -> dict:
        weeks = []
        for k in range(1, N_WEEKS + 1):
            c = self.cards[k]
            weeks.append({"week": k, "goal": c["goal"].value.strip(),
                          "measure": c["measure"].value.strip(), "target": c["target"].value.strip(),
                          "unit": c["unit"].value.strip(), "check": c["check"].value,
                          "owner": c["owner"].value.strip(), "resource": c["resource"].value,
                          "due": c["due"].value.isoformat() if c["due"].value else None})
        return {"role_choice": self.role.value, "custom_role": self.custom_role.value.strip(),
                "start_date": self.start.value.isoformat() if self.start.value else None,
                "owner": self.owner.value.strip(), "weeks": weeks}

    def apply_state(self, state: dict) -> None:
        choice = state.get("role_choice") or DEFAULT_ROLE
        custom = state.get("custom_role") or ""
        if choice not in self.role.options:      # a role no longer in the case: keep its name
            choice, custom = CUSTOM_ROLE, custom or choice
        self.role.value = choice
        self.custom_role.value = custom
        self.custom_role.layout.display = None if choice == CUSTOM_ROLE else "none"
        self.start.value = parse_date(state.get("start_date"))
        self.owner.value = state.get("owner") or ""
        by_week = {int(w.get("week", 0)): w for w in state.get("weeks", [])}
        for k, c in self.cards.items():
            w = by_week.get(k, {})
            for name in ("goal", "measure", "target", "unit", "owner"):
                c[name].value = str(w.get(name) or "")
            c["check"].value = w.get("check") if w.get("check") in CHECK_METHODS else CHECK_METHODS[0]
            c["resource"].value = w.get("resource") if w.get("resource") in RESOURCES else RESOURCES[0]
            c["due"].value = parse_date(w.get("due"))

    # -- evaluation -------------------------------------------------------------------------
    def evaluate(self, state: dict) -> tuple[dict | None, list[Finding]]:
        typed: list[Finding] = []
        weeks = []
        for w in state["weeks"]:
            try:
                target = parse_target(w["target"])
            except ValueError as exc:
                typed.append(Finding(f"week-{w['week']}.target", str(exc)))
                target = None
            weeks.append(WeekGoal(week=w["week"], goal=w["goal"], measure=w["measure"],
                                  target_value=target, target_unit=w["unit"],
                                  check_method=w["check"], owner=w["owner"],
                                  resource=w["resource"], due_date=parse_date(w["due"])))
        plan = Plan(role=self._role_name(state), start_date=parse_date(state["start_date"]),
                    owner=state["owner"], weeks=weeks)
        typed_keys = {f.field for f in typed}
        findings = typed + [f for f in validate_plan(plan) if f.field not in typed_keys]
        return plan.to_dict(), findings

    # -- reactions ----------------------------------------------------------------------------
    def after_refresh(self, state: dict, artifact: dict | None, findings) -> None:
        self._update_heads()

    def _update_heads(self) -> None:
        start = self.start.value
        for k, c in self.cards.items():
            dates = ""
            if start:
                first, last = week_dates(start, k)
                dates = f" · {fmt_day(first)}–{fmt_day(last)}"
            mark = ' · <b style="color:#c0504d">◆ 阶段里程碑</b>' if is_milestone_week(k) else ""
            c["head"].value = f'<div class="svc-week-head"><b>第{k}周</b>{dates}{mark}</div>'

    def _on_role_change(self, change: dict) -> None:
        self.custom_role.layout.display = None if change["new"] == CUSTOM_ROLE else "none"
        self._disarm()

    def _on_start_change(self, change: dict) -> None:
        """Moving day 1 moves every due date by the same number of days."""
        if self._applying:
            return
        with self._guard("更新日期"), self.batch():
            old, new = change.get("old"), change.get("new")
            if isinstance(old, date) and isinstance(new, date) and old != new:
                for c in self.cards.values():
                    if c["due"].value:
                        c["due"].value = c["due"].value + (new - old)

    def _disarm(self) -> None:
        self._draft_armed = False
        self.draft_button.description = "按角色生成草案"
        self.draft_button.button_style = ""

    def generate_draft(self) -> None:
        """Fill the 13 cards with a draft for the chosen role (asks once before replacing edits)."""
        with self._guard("生成草案"):
            current = self.read_state()
            role = self._role_name(current)
            if not role:
                self._show_findings([Finding("role", "请先填写岗位名称")])
                self._set_status("请先选择或填写岗位，再生成草案。", ok=False)
                return
            edited = self._last_draft is None or current["weeks"] != self._last_draft
            if edited and not self._draft_armed:
                self._draft_armed = True
                self.draft_button.description = "确认：用草案替换"
                self.draft_button.button_style = "warning"
                self._set_status("草案会替换下面 13 周已填写的内容（已保存的版本不受影响，可在“历史版本”"
                                 "找回）。确定的话请再点一次“确认：用草案替换”。", ok=False)
                return
            self._disarm()
            start = self.start.value or None
            plan = default_plan(role, self._staff(), start)
            state = self._state_from_plan(plan, current["role_choice"], current["custom_role"])
            if current["owner"] and not plan.owner:
                state["owner"] = current["owner"]
            self._last_draft = state["weeks"]
            self._apply(state)
            if self.findings:
                self._set_status(f"已生成“{role}”的草案；案例中没有这个岗位的员工，请补上负责人"
                                 "（见红色提示）后保存。", ok=False)
            else:
                self._set_status(f"✓ 已生成“{role}”的草案，请按本团队实际修改后保存。")

    # -- outputs ------------------------------------------------------------------------------
    def figure_keys(self, artifact: dict) -> dict:
        # the board shows every field of the plan: redraw when any of them changed
        return {"board": json.dumps(artifact, sort_keys=True, ensure_ascii=False)}

    def figures(self, artifact: dict, only: set[str] | None = None) -> dict:
        plan = Plan.from_dict(artifact)
        start = plan.start_date.isoformat() if plan.start_date else ""
        return {"board": board_figure(plan_table(plan), role=plan.role, start=start)}

    def tables(self, artifact: dict) -> dict:
        plan = Plan.from_dict(artifact)
        return {"计划表": plan_table(plan), "阶段里程碑": milestone_table(plan)}

    def summary_html(self, artifact: dict) -> str:
        return table_html(milestone_table(Plan.from_dict(artifact)), caption="三个阶段的里程碑")


__all__ = ["CUSTOM_ROLE", "Plan306090App"]
