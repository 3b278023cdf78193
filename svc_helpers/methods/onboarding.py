"""The 30-60-90 onboarding board: a 13-week plan for a new (or changed) role.

A plan has one goal per week for 13 weeks (days 1–91), grouped in three phases after
Watkins (2003/2013): 0–30 days *learn* (product, process, systems, compliance),
31–60 days *practise* (scenario drills and coaching), 61–90 days *deliver* (independent
delivery and review). Each goal carries its 评估口径 — a measure, a target with a unit and
a check method — an owner, a training resource and a due date. The last goal of each phase
is a milestone and must be measurable (SMART, Doran 1981): a number and a unit.

Calendar (exact, used everywhere)
---------------------------------
* Day 1 is ``start_date``, the new person's first working day.
* Week ``k`` (1–13) covers days ``7k-6 … 7k``: ``start_date + 7(k-1)`` to
  ``start_date + 7k - 1``. Week 13 ends on day 91.
* The phase of a day ``d`` is 1 for ``d ≤ 30``, 2 for ``31 ≤ d ≤ 60``, 3 for ``d ≥ 61``.
  The phase of a week is the phase of its last day, capped at day 90. So phase 1 = weeks
  1–4, phase 2 = weeks 5–8, phase 3 = weeks 9–13, and the milestone weeks are 4, 8, 13.

The saved artifact (``Plan.to_dict()``, ``BOARD_SCHEMA_VERSION = 1``)
--------------------------------------------------------------------
The closing commitment notebook and the instructor's collector read this JSON without
importing widgets or plotting::

    {"schema_version": 1,            # int, BOARD_SCHEMA_VERSION
     "kind": "board_30_60_90",       # constant, identifies the structure
     "role": "客户经理AE",            # str, the role the plan is for
     "start_date": "2026-03-02",     # ISO date str, day 1 (a working day)
     "owner": "王磊",                 # str, who answers for the whole plan
     "weeks": [                      # 13 dicts, weeks 1..13 in order
        {"week": 1,                  # int 1..13
         "phase": 1,                 # int 1..3, derived from week (see Calendar)
         "goal": "…",                # str, what is achieved this week
         "measure": "…",             # str, the measure (评估指标)
         "target_value": 80.0,       # float or null; required on milestones
         "target_unit": "分",         # str ("" allowed off milestones)
         "check_method": "考试/认证", # one of CHECK_METHODS
         "owner": "王磊",             # str, who is accountable for this goal
         "resource": "微课",          # one of RESOURCES
         "due_date": "2026-03-06",   # ISO date str inside the week
         "is_milestone": false}, …]} # bool, derived: last week of its phase

``phase`` and ``is_milestone`` are derived from ``week``; they are stored for readers and
recomputed by ``from_dict``.

References
----------
Watkins, M. D. (2003; 2013, updated ed.). *The First 90 Days: Proven Strategies for Getting
    Up to Speed Faster and Smarter*. Harvard Business Review Press. (The 90-day transition
    plan in three 30-day stages with an early-wins milestone per stage.)
Doran, G. T. (1981). There's a S.M.A.R.T. way to write management's goals and objectives.
    *Management Review*, 70(11), 35–36. (Milestones must be specific and measurable.)
Kirkpatrick, D. L. (1959); Kirkpatrick, D. L. & Kirkpatrick, J. D. (2006). *Evaluating
    Training Programs: The Four Levels* (3rd ed.). Berrett-Koehler. (The check methods map to
    the levels: 客户反馈 ≈ reaction, 考试/认证 ≈ learning, 任务完成 ≈ behaviour,
    转化率 / NPS ≈ results.)
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from . import Finding

if TYPE_CHECKING:  # pandas loads on first use
    import pandas as pd

BOARD_SCHEMA_VERSION = 1
BOARD_KIND = "board_30_60_90"
N_WEEKS = 13
PLAN_DAYS = 90
PHASES: dict[int, str] = {1: "0–30天 学习：产品/流程/系统/合规",
                          2: "31–60天 演练：场景演练与带教",
                          3: "61–90天 交付：独立交付与复盘"}
PHASE_SHORT: dict[int, str] = {1: "0–30天", 2: "31–60天", 3: "61–90天"}
CHECK_METHODS = ("任务完成", "转化率", "NPS", "考试/认证", "客户反馈", "其他")
RESOURCES = ("微课", "清单", "剧本", "带教")
KIRKPATRICK_LEVEL = {"客户反馈": 1, "考试/认证": 2, "任务完成": 3, "转化率": 4, "NPS": 4}
GRADE_ORDER = tuple(f"P{i}" for i in range(1, 9)) + tuple(f"M{i}" for i in range(1, 5))
WEEKDAYS_CN = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


# -- calendar -------------------------------------------------------------------------
def phase_of_day(day: int) -> int:
    """Phase (1–3) of plan day ``day`` (day 1 = first working day; days past 90 → 3).

    References
    ----------
    Watkins (2003/2013), the three 30-day stages of a 90-day transition.
    """
    if day < 1:
        raise ValueError(f"计划日应从第 1 天开始（收到 {day}）")
    return 1 if day <= 30 else 2 if day <= 60 else 3


def phase_of_week(week: int) -> int:
    """Phase (1–3) of week ``week`` (1–13): the phase of its last day, capped at day 90.

    >>> [phase_of_week(k) for k in range(1, 14)]
    [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3]
    """
    if not 1 <= int(week) <= N_WEEKS:
        raise ValueError(f"周次应在 1–{N_WEEKS} 之间（收到 {week}）")
    return phase_of_day(min(7 * int(week), PLAN_DAYS))


def weeks_of_phase(phase: int) -> list[int]:
    """The weeks of ``phase`` in order (phase 1 → [1, 2, 3, 4])."""
    return [k for k in range(1, N_WEEKS + 1) if phase_of_week(k) == phase]


def milestone_weeks() -> list[int]:
    """The last week of each phase: [4, 8, 13]."""
    return [weeks_of_phase(p)[-1] for p in (1, 2, 3)]


def is_milestone_week(week: int) -> bool:
    """Whether ``week`` closes its phase (its goal is the phase milestone)."""
    return int(week) in milestone_weeks()


def week_dates(start_date: date, week: int) -> tuple[date, date]:
    """First and last calendar day of ``week``: days ``7k-6 … 7k`` counted from ``start_date``.

    >>> week_dates(date(2026, 3, 2), 1)
    (datetime.date(2026, 3, 2), datetime.date(2026, 3, 8))
    >>> week_dates(date(2026, 3, 2), 13)[1]   # day 91
    datetime.date(2026, 5, 31)
    """
    phase_of_week(week)  # range check
    first = start_date + timedelta(days=7 * (int(week) - 1))
    return first, first + timedelta(days=6)


def default_due_date(start_date: date, week: int) -> date:
    """The last working day (Mon–Fri) of ``week``, else the week's last day."""
    first, last = week_dates(start_date, week)
    day = last
    while day.weekday() >= 5 and day > first:
        day -= timedelta(days=1)
    return day


def is_working_day(day: date) -> bool:
    """Monday to Friday (public holidays are not modelled)."""
    return day.weekday() < 5


def fmt_day(day: date | None) -> str:
    """A short Chinese date, e.g. ``3月2日``."""
    return f"{day.month}月{day.day}日" if day else "—"


# -- parsing helpers (trainee input) -------------------------------------------------------
def parse_target(text: Any) -> float | None:
    """A target value typed by a trainee → float, or None when blank.

    Accepts full-width digits and thousands separators (``"１,２00"`` → 1200.0).
    Raises ``ValueError`` (Chinese message) when the text is not a number.
    """
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    else:
        raw = unicodedata.normalize("NFKC", str(text)).strip().replace(",", "")
        if not raw:
            return None
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", raw):
            raise ValueError("目标值只填数字，单位写在“单位”框里")
        value = float(raw)
    if not math.isfinite(value):
        raise ValueError("目标值只填数字，单位写在“单位”框里")
    return value


def parse_date(value: Any) -> date | None:
    """An ISO date string or ``date`` → ``date``; None when blank or not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def fmt_target(value: float | None, unit: str = "") -> str:
    """``80.0, "分"`` → ``"80 分"``; None → ``"—"``."""
    if value is None:
        return f"— {unit}".strip() if unit else "—"
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    return f"{number} {unit}".strip()


# -- the structure ------------------------------------------------------------------------
@dataclass
class WeekGoal:
    """One week's goal on the board (see the module docstring for the JSON form).

    Attributes
    ----------
    week : int
        1–13; week ``k`` covers plan days ``7k-6 … 7k``.
    phase : int
        1–3, derived from ``week`` by :func:`phase_of_week`.
    goal : str
        What the new person achieves this week (one sentence).
    measure : str
        The measure of the goal (评估指标), e.g. "产品知识测验得分".
    target_value : float or None
        The target number; required (not None) on milestone weeks.
    target_unit : str
        The unit of the target (分, %, 件, 个 …); required on milestone weeks.
    check_method : str
        How the goal is checked, one of :data:`CHECK_METHODS`.
    owner : str
        Who is accountable for the goal (mentor, manager, the person …).
    resource : str
        The training resource, one of :data:`RESOURCES` (微课 / 清单 / 剧本 / 带教).
    due_date : date or None
        When the goal is due; must fall inside its week.
    is_milestone : bool
        Derived: the goal closes its phase (weeks 4, 8, 13).
    """

    week: int
    goal: str = ""
    measure: str = ""
    target_value: float | None = None
    target_unit: str = ""
    check_method: str = "任务完成"
    owner: str = ""
    resource: str = "带教"
    due_date: date | None = None
    phase: int = field(init=False)
    is_milestone: bool = field(init=False)

    def __post_init__(self) -> None:
        self.week = int(self.week)
        self.phase = phase_of_week(self.week)
        self.is_milestone = is_milestone_week(self.week)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["due_date"] = self.due_date.isoformat() if self.due_date else None
        order = ("week", "phase", "goal", "measure", "target_value", "target_unit",
                 "check_method", "owner", "resource", "due_date", "is_milestone")
        return {k: data[k] for k in order}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "WeekGoal":
        try:
            week = int(data["week"])
        except (KeyError, TypeError, ValueError):
            raise ValueError("计划中有一周缺少有效的周次") from None
        value = data.get("target_value")
        return cls(week=week, goal=str(data.get("goal") or ""),
                   measure=str(data.get("measure") or ""),
                   target_value=None if value is None else float(value),
                   target_unit=str(data.get("target_unit") or ""),
                   check_method=str(data.get("check_method") or ""),
                   owner=str(data.get("owner") or ""),
                   resource=str(data.get("resource") or ""),
                   due_date=parse_date(data.get("due_date")))


@dataclass
class Plan:
    """A 30-60-90 board: the role, day 1, the plan owner and 13 weekly goals.

    Attributes
    ----------
    role : str
        The role the plan is for (a role from the staff table or one the team names).
    start_date : date or None
        Day 1, the first working day in the role.
    owner : str
        Who answers for the whole plan (usually the mentor or line manager).
    weeks : list of WeekGoal
        Weeks 1–13 in order.
    """

    role: str
    start_date: date | None
    owner: str
    weeks: list[WeekGoal]

    def week(self, k: int) -> WeekGoal | None:
        """The goal of week ``k`` (None when missing)."""
        return next((w for w in self.weeks if w.week == k), None)

    def to_dict(self) -> dict[str, Any]:
        """The versioned JSON-able structure (module docstring)."""
        return {"schema_version": BOARD_SCHEMA_VERSION, "kind": BOARD_KIND,
                "role": self.role,
                "start_date": self.start_date.isoformat() if self.start_date else None,
                "owner": self.owner,
                "weeks": [w.to_dict() for w in sorted(self.weeks, key=lambda w: w.week)]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Plan":
        """Read a structure written by ``to_dict`` (schema version 1).

        Raises
        ------
        ValueError
            Unknown schema version, or a structure no version of the board writes
            (message in Chinese).
        """
        if not isinstance(data, dict):
            raise ValueError("这不是一份 30-60-90 计划（内容格式不对）")
        version = data.get("schema_version")
        if version != BOARD_SCHEMA_VERSION:
            raise ValueError(f"无法读取第 {version} 版的 30-60-90 计划（当前课程工具读取第 "
                             f"{BOARD_SCHEMA_VERSION} 版），请更新课程工具")
        weeks_raw = data.get("weeks")
        if not isinstance(weeks_raw, list):
            raise ValueError("30-60-90 计划缺少每周目标（weeks）")
        weeks = [WeekGoal.from_dict(w) for w in weeks_raw]
        seen = [w.week for w in weeks]
        if len(seen) != len(set(seen)):
            raise ValueError("30-60-90 计划中有重复的周次")
        return cls(role=str(data.get("role") or ""), start_date=parse_date(data.get("start_date")),
                   owner=str(data.get("owner") or ""),
                   weeks=sorted(weeks, key=lambda w: w.week))


# -- validation ---------------------------------------------------------------------------
def validate_plan(plan: Plan) -> list[Finding]:
    """Everything a trainee must fix before the board can be saved.

    Rules (each ``Finding.field`` names the input; ``k`` is the week):

    * ``role`` — the plan names a role; ``owner`` — the plan has an owner;
    * ``start_date`` — day 1 is a date and a working day (Mon–Fri);
    * ``week-k.goal`` — no week without a goal (weeks 1–13 all present);
    * ``week-k.measure`` — every goal says how it is measured;
    * ``week-k.target`` — a typed target is a number; on a milestone week (4, 8, 13) the
      target is a number **and** has a unit (SMART: measurable, Doran 1981);
    * ``week-k.owner`` — no goal without an owner;
    * ``week-k.check`` / ``week-k.resource`` — one of the listed methods / resources;
    * ``week-k.due`` — the due date lies inside its week (dates in order).

    References
    ----------
    Watkins (2003/2013) for the phases and milestones; Doran (1981) for the measurable rule.
    """
    found: list[Finding] = []
    if not plan.role.strip():
        found.append(Finding("role", "请选择或填写岗位名称"))
    if not plan.owner.strip():
        found.append(Finding("owner", "请填写计划负责人（通常是带教人或直属主管）"))
    start = plan.start_date
    if start is None:
        found.append(Finding("start_date", "请选择入职（或转岗）第一天的日期"))
    elif not is_working_day(start):
        found.append(Finding("start_date",
                             f"第一天应为工作日，{fmt_day(start)}是{WEEKDAYS_CN[start.weekday()]}"))
    for k in range(1, N_WEEKS + 1):
        week = plan.week(k)
        key = f"week-{k}"
        if week is None or not week.goal.strip():
            found.append(Finding(f"{key}.goal", "请写本周目标"))
        if week is None:
            continue
        if week.goal.strip() and not week.measure.strip():
            found.append(Finding(f"{key}.measure", "请写评估指标"))
        if week.is_milestone:
            missing = [name for name, ok in (("数字", week.target_value is not None),
                                             ("单位", bool(week.target_unit.strip()))) if not ok]
            if missing:
                found.append(Finding(f"{key}.target",
                                     f"阶段里程碑要可衡量：请填{'和'.join(missing)}"))
        if not week.owner.strip():
            found.append(Finding(f"{key}.owner", "请填写负责人"))
        if week.check_method not in CHECK_METHODS:
            found.append(Finding(f"{key}.check", "请选择检查方式"))
        if week.resource not in RESOURCES:
            found.append(Finding(f"{key}.resource", "请选择培训资源"))
        if week.due_date is None:
            found.append(Finding(f"{key}.due", "请选择截止日期"))
        elif start is not None:
            first, last = week_dates(start, k)
            if not first <= week.due_date <= last:
                found.append(Finding(f"{key}.due",
                                     f"应在本周内（{fmt_day(first)}–{fmt_day(last)}）"))
    return found


# -- the Excel table ----------------------------------------------------------------------
PLAN_COLUMNS = ("周次", "阶段", "本周起", "本周止", "截止日期", "周目标", "评估指标", "目标值",
                "单位", "检查方式", "负责人", "培训资源", "里程碑")


def plan_table(plan: Plan) -> "pd.DataFrame":
    """The plan as one row per week (what 导出 writes to Excel and the board draws).

    Columns: 周次, 阶段, 本周起, 本周止, 截止日期, 周目标, 评估指标, 目标值, 单位, 检查方式,
    负责人, 培训资源, 里程碑 ("是"/""). Dates are ``datetime.date`` (None without a start date).
    """
    import pandas as pd

    rows = []
    for w in sorted(plan.weeks, key=lambda w: w.week):
        first, last = week_dates(plan.start_date, w.week) if plan.start_date else (None, None)
        rows.append({"周次": w.week, "阶段": PHASE_SHORT[w.phase], "本周起": first, "本周止": last,
                     "截止日期": w.due_date, "周目标": w.goal, "评估指标": w.measure,
                     "目标值": w.target_value, "单位": w.target_unit,
                     "检查方式": w.check_method, "负责人": w.owner, "培训资源": w.resource,
                     "里程碑": "是" if w.is_milestone else ""})
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS))


def milestone_table(plan: Plan) -> "pd.DataFrame":
    """One row per phase: its milestone week, goal and target (the board's summary)."""
    import pandas as pd

    rows = []
    for phase in (1, 2, 3):
        k = weeks_of_phase(phase)[-1]
        w = plan.week(k)
        rows.append({"阶段": PHASE_SHORT[phase], "里程碑周": f"第{k}周",
                     "里程碑": w.goal if w else "", "评估指标": w.measure if w else "",
                     "目标": fmt_target(w.target_value, w.target_unit) if w else "—",
                     "检查方式": w.check_method if w else ""})
    return pd.DataFrame(rows)


# -- the case look: who needs a plan ------------------------------------------------------
#: The skill each role is hired for (the four-skill capability map of D4-M1).
ROLE_KEY_SKILL: dict[str, str] = {
    "客户经理AE": "skill_ae", "交付主管": "skill_delivery", "售后专员": "skill_aftersales",
    "数据分析员": "skill_data", "一线主管": "skill_delivery", "技术工程师": "skill_delivery",
    "服务专员": "skill_aftersales"}
SKILL_NAMES = {"skill_ae": "客户经营（AE）", "skill_delivery": "交付管理",
               "skill_aftersales": "售后服务", "skill_data": "数据分析"}
READY_LEVEL = 3   # on the 1–5 scale, 3 = can do the core tasks without help


def role_readiness(staff: "pd.DataFrame") -> "pd.DataFrame":
    """Per role: head count, the key skill, its mean, and how many are below level 3.

    A person below :data:`READY_LEVEL` in the skill their role is hired for is the
    audience of a transition plan; the AE and data columns show the two market-facing
    skills every role now needs.

    Columns: 岗位, 人数, 关键能力, 关键能力均分, 未达3级人数, 未达3级占比（%）,
    客户经营均分, 数据分析均分 (means on the 1–5 scale, 2 decimals), ordered by 未达3级人数.

    References
    ----------
    Watkins (2003/2013), ch. 1: a transition plan is needed wherever people must become
    effective in a role quickly; the skill columns follow the capability map of D4-M1.
    """
    import pandas as pd

    rows = []
    for role, group in staff.groupby("role", sort=False):
        skill = ROLE_KEY_SKILL.get(str(role))
        if skill is None or skill not in group.columns:
            continue
        below = int((group[skill] < READY_LEVEL).sum())
        rows.append({"岗位": role, "人数": int(len(group)), "关键能力": SKILL_NAMES[skill],
                     "关键能力均分": round(float(group[skill].mean()), 2),
                     "未达3级人数": below,
                     "未达3级占比（%）": round(100.0 * below / len(group), 1),
                     "客户经营均分": round(float(group["skill_ae"].mean()), 2),
                     "数据分析均分": round(float(group["skill_data"].mean()), 2)})
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    return table.sort_values(["未达3级人数", "岗位"], ascending=[False, True]).reset_index(drop=True)


# -- drafting a plan from the case ----------------------------------------------------------
# Each row: (goal, measure, target, unit, check method, resource). {line} is the service line.
_Row = tuple[str, str, float | None, str, str, str]

_GENERIC: list[_Row] = [
    ("熟悉{line}服务产品目录、价目表与服务承诺", "产品知识测验得分", 80, "分", "考试/认证", "微课"),
    ("跟岗学习端到端服务流程（阴影学习）", "跟岗观察记录", 5, "份", "任务完成", "带教"),
    ("掌握工单系统与客户台账的日常操作", "系统实操任务通过", 10, "项", "考试/认证", "清单"),
    ("通过合规、安全与保密考核，完成首月复盘", "合规考试得分", 90, "分", "考试/认证", "清单"),
    ("按剧本演练三个高频服务场景", "剧本演练评分（5分制）", 4, "分", "考试/认证", "剧本"),
    ("在带教人陪同下处理真实服务请求", "陪同处理请求数", 10, "件", "任务完成", "带教"),
    ("演练投诉与异议处理，复盘录像", "演练评分（5分制）", 4, "分", "考试/认证", "剧本"),
    ("带教人评估：可半独立上岗", "陪同任务一次通过率", 85, "%", "任务完成", "带教"),
    ("独立负责一个内部客户的日常服务", "独立完成请求数", 15, "件", "任务完成", "清单"),
    ("主动回访客户，收集改进建议", "回访客户数", 8, "个", "客户反馈", "清单"),
    ("独立处理一次投诉并写复盘", "复盘报告", 1, "份", "任务完成", "剧本"),
    ("总结并分享一条可复用的经验", "入库案例数", 1, "条", "任务完成", "微课"),
    ("90天复盘：独立交付并达成客户满意目标", "所负责客户 NPS", 30, "分", "NPS", "带教"),
]

ROLE_TEMPLATES: dict[str, list[_Row]] = {
    "客户经理AE": [
        ("熟悉{line}服务产品目录、价目表与报价规则", "产品知识测验得分", 80, "分", "考试/认证", "微课"),
        ("跟岗两次客户拜访，学习价值问诊五步（阴影学习）", "跟岗拜访记录", 2, "份", "任务完成", "带教"),
        ("掌握CRM商机录入与报价审批流程", "CRM实操任务通过", 8, "项", "考试/认证", "清单"),
        ("通过合同、价格与廉洁合规考核；完成10家客户画像", "完成客户画像", 10, "家", "考试/认证", "清单"),
        ("按剧本演练价值问诊：情境→问题→影响→需求→价值", "剧本演练评分（5分制）", 4, "分", "考试/认证", "剧本"),
        ("在带教人陪同下完成客户拜访", "陪同拜访次数", 6, "次", "任务完成", "带教"),
        ("演练方案呈现与异议处理，复盘录像", "演练评分（5分制）", 4, "分", "考试/认证", "剧本"),
        ("提交首批商机并完成方案报价", "商机转化为报价的比例", 30, "%", "转化率", "带教"),
        ("独立负责5家重点内部客户的经营", "独立拜访次数", 10, "次", "任务完成", "清单"),
        ("推动至少一个商机签约", "签约商机数", 1, "个", "转化率", "带教"),
        ("组织一次客户回访，收集满意度与扩展需求", "回访客户数", 5, "家", "客户反馈", "清单"),
        ("输出一份客户成功案例，入知识库", "入库案例数", 1, "个", "任务完成", "微课"),
        ("90天复盘：达成商机转化并获客户认可", "商机签约转化率", 20, "%", "转化率", "带教"),
    ],
    "交付主管": [
        ("熟悉{line}服务产品的交付标准与SLA", "SLA知识测验得分", 80, "分", "考试/认证", "微课"),
        ("跟岗一个完整交付周期（阴影学习）", "跟岗交付记录", 3, "份", "任务完成", "带教"),
        ("掌握工单、排班与质检系统的操作", "系统实操任务通过", 10, "项", "考试/认证", "清单"),
        ("通过安全生产与供应商管理合规考核；完成现场巡检", "合规考试得分", 90, "分", "考试/认证", "清单"),
        ("按剧本演练交付异常升级与客户沟通", "剧本演练评分（5分制）", 4, "分", "考试/认证", "剧本"),
        ("在带教人陪同下主持每日交付站会", "主持站会次数", 5, "次", "任务完成", "带教"),
        ("演练供应商质量问题的约谈与整改", "整改闭环率", 80, "%", "任务完成", "剧本"),
        ("带教人评估：可独立负责一个交付班组", "SLA达成率", 90, "%", "任务完成", "带教"),
        ("独立负责一个园区的日常交付", "按时完成工单比例", 92, "%", "任务完成", "清单"),
        ("建立交付质量周报", "周报按时发布", 2, "期", "任务完成", "清单"),
        ("回访内部客户，收集交付体验反馈", "回访客户数", 8, "个", "客户反馈", "清单"),
        ("完成一次交付问题复盘并固化到清单", "更新清单条目", 3, "条", "任务完成", "微课"),
        ("90天复盘：独立交付达标、客户满意", "SLA达成率", 95, "%", "任务完成", "带教"),
    ],
    "数据分析员": [
        ("熟悉{line}服务产品、计费口径与核心指标字典", "指标口径测验得分", 80, "分", "考试/认证", "微课"),
        ("跟岗月度经营分析会（阴影学习）", "跟岗记录", 2, "份", "任务完成", "带教"),
        ("掌握数据仓库、报表工具与取数流程", "取数实操任务通过", 8, "项", "考试/认证", "清单"),
        ("通过数据安全与个人信息保护考核；交付第一张看板", "数据安全考试得分", 90, "分", "考试/认证", "清单"),
        ("按剧本演练业务问题拆解：从问题到指标", "剧本演练评分（5分制）", 4, "分", "考试/认证", "剧本"),
        ("在带教人陪同下完成一次专题分析", "专题分析报告", 1, "份", "任务完成", "带教"),
        ("演练向管理层汇报分析结论", "汇报评分（5分制）", 4, "分", "客户反馈", "剧本"),
        ("带教人评估：可独立承接分析需求", "需求按时交付率", 85, "%", "任务完成", "带教"),
        ("独立负责周报与KPI看板的更新", "看板按时更新", 4, "次", "任务完成", "清单"),
        ("为一个服务线找出一个改进机会并量化", "量化的改进机会", 1, "个", "任务完成", "带教"),
        ("收集看板使用者的反馈并迭代", "使用者满意度", 4, "分", "客户反馈", "清单"),
        ("把一个分析方法做成微课分享", "微课", 1, "节", "任务完成", "微课"),
        ("90天复盘：独立交付分析并被业务采纳", "建议采纳数", 2, "条", "任务完成", "带教"),
    ],
    "售后专员": [
        ("熟悉{line}服务产品、服务承诺与保修范围", "产品知识测验得分", 80, "分", "考试/认证", "微课"),
        ("跟岗投诉受理与回访（阴影学习）", "跟岗记录", 5, "份", "任务完成", "带教"),
        ("掌握工单系统的受理、分派与回访操作", "系统实操任务通过", 8, "项", "考试/认证", "清单"),
        ("通过投诉分级SOP与隐私合规考核", "SOP考试得分", 90, "分", "考试/认证", "清单"),
        ("按剧本演练四级投诉的应对", "剧本演练评分（5分制）", 4, "分", "考试/认证", "剧本"),
        ("在带教人陪同下受理真实投诉", "陪同受理投诉数", 10, "件", "任务完成", "带教"),
        ("演练服务补救与情绪安抚，复盘录像", "演练评分（5分制）", 4, "分", "考试/认证", "剧本"),
        ("带教人评估：可独立受理一般投诉", "24小时回复率", 90, "%", "任务完成", "带教"),
        ("独立受理一般投诉与咨询", "独立受理件数", 20, "件", "任务完成", "清单"),
        ("完成投诉后回访", "回访完成率", 90, "%", "客户反馈", "清单"),
        ("分析高频投诉原因并提出改进", "改进建议", 2, "条", "任务完成", "带教"),
        ("整理典型投诉案例入库", "入库案例数", 3, "个", "任务完成", "微课"),
        ("90天复盘：投诉一次解决率与客户满意达标", "一次解决率", 85, "%", "客户反馈", "带教"),
    ],
}


def grade_rank(grade: Any) -> int:
    """Seniority of a grade for picking a mentor: P1…P8 → 1…8, M1…M4 → 9…12 (unknown → 0)."""
    text = str(grade or "").strip().upper()
    return GRADE_ORDER.index(text) + 1 if text in GRADE_ORDER else 0


def senior_staff(staff: "pd.DataFrame", role: str) -> list[str]:
    """Names of the people in ``role``, most senior first.

    Seniority: grade (see :func:`grade_rank`), then performance rating (A best), then KPI
    achievement, then staff id (for a stable order).
    """
    if staff is None or len(staff) == 0 or "role" not in staff.columns:
        return []
    people = staff[staff["role"] == role]
    if people.empty:
        return []
    rating = {"A": 4, "B": 3, "C": 2, "D": 1}
    keyed = sorted(
        people.to_dict("records"),
        key=lambda r: (-grade_rank(r.get("grade")), -rating.get(str(r.get("performance_rating")), 0),
                       -float(r.get("kpi_achievement_pct") or 0), str(r.get("staff_id", ""))))
    return [str(r["name"]) for r in keyed if str(r.get("name") or "").strip()]


def _main_line(staff: "pd.DataFrame", role: str) -> str:
    if staff is None or len(staff) == 0 or "service_line" not in staff.columns:
        return "综合服务"
    lines = staff.loc[staff["role"] == role, "service_line"] if "role" in staff.columns else []
    if len(lines) == 0:
        return "综合服务"
    counts = lines.value_counts()
    return str(sorted(counts.index, key=lambda x: (-counts[x], str(x)))[0])


def next_working_day(day: date) -> date:
    """``day`` itself when it is Mon–Fri, else the following Monday."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def default_plan(role: str, staff: "pd.DataFrame | None", start_date: date | None = None) -> Plan:
    """Draft a plan for ``role`` from the case (the 按角色生成草案 button).

    The goals follow the role's template (AE, 交付主管, 数据分析员, 售后专员; any other role
    gets a generic template); ``{line}`` becomes the service line most people in that role
    work in. The plan owner is the most senior person in the role (:func:`senior_staff`);
    weeks coached face to face (剧本 / 带教) are owned by that person, self-study weeks
    (微课 / 清单) by the second most senior (or the owner again). A role nobody in the staff
    table holds gets blank owners, which the validation then asks for.
    Due dates are the last working day of each week; ``start_date`` defaults to the next
    working Monday.

    References
    ----------
    Watkins (2003/2013) for the three stages; the seed outline of D4-M2 for the content
    (0–30 产品/流程/系统/合规, 31–60 场景演练与带教, 61–90 独立交付+复盘).
    """
    if start_date is None:
        today = date.today()
        start_date = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    start_date = next_working_day(start_date)
    role = str(role or "").strip()
    names = senior_staff(staff, role)
    owner = names[0] if names else ""
    deputy = names[1] if len(names) > 1 else owner
    line = _main_line(staff, role)
    rows = ROLE_TEMPLATES.get(role, _GENERIC)
    weeks = []
    for k, (goal, measure, target, unit, check, resource) in enumerate(rows, start=1):
        weeks.append(WeekGoal(week=k, goal=goal.format(line=line), measure=measure,
                              target_value=None if target is None else float(target),
                              target_unit=unit, check_method=check,
                              owner=owner if resource in ("剧本", "带教") else deputy,
                              resource=resource, due_date=default_due_date(start_date, k)))
    return Plan(role=role, start_date=start_date, owner=owner, weeks=weeks)


__all__ = [
    "BOARD_KIND", "BOARD_SCHEMA_VERSION", "CHECK_METHODS", "N_WEEKS", "PHASES", "PHASE_SHORT",
    "PLAN_COLUMNS", "Plan", "RESOURCES", "ROLE_TEMPLATES", "WeekGoal", "default_due_date",
    "default_plan", "fmt_day", "fmt_target", "grade_rank", "is_milestone_week", "milestone_table",
    "milestone_weeks", "parse_date", "parse_target", "phase_of_day", "phase_of_week",
    "plan_table", "role_readiness", "senior_staff", "validate_plan", "week_dates",
    "weeks_of_phase",
]
