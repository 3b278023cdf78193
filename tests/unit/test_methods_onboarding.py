"""The 30-60-90 board rules (svc_helpers.methods.onboarding).

Worked example: Watkins, *The First 90 Days* (2003/2013) plans a transition in three
30-day stages; a plan starting Monday 2 March 2026 therefore has phase 1 in weeks 1–4
(days 1–28), phase 2 in weeks 5–8 (days 29–56) and phase 3 in weeks 9–13 (days 57–91),
with milestones closing weeks 4, 8 and 13 (SMART "measurable", Doran 1981).
"""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svc_helpers.charts.board import cjk_wrap, text_width
from svc_helpers.methods.onboarding import (BOARD_SCHEMA_VERSION, CHECK_METHODS, PLAN_COLUMNS,
                                            RESOURCES, Plan, WeekGoal, default_due_date,
                                            default_plan, grade_rank, milestone_table,
                                            milestone_weeks, parse_target, phase_of_day,
                                            phase_of_week, plan_table, role_readiness,
                                            senior_staff,
                                            validate_plan, week_dates, weeks_of_phase)

START = date(2026, 3, 2)  # Monday


def _staff() -> pd.DataFrame:
    return pd.DataFrame(
        [("S1", "王磊", "客户经理AE", "物业", "P6", "A", 112.0),
         ("S2", "李娜", "客户经理AE", "物业", "P6", "B", 130.0),
         ("S3", "周敏", "客户经理AE", "酒店", "P3", "A", 99.0),
         ("S4", "陈静", "交付主管", "设施维修", "M1", "C", 90.0),
         ("S5", "赵强", "交付主管", "设施维修", "P8", "A", 120.0)],
        columns=["staff_id", "name", "role", "service_line", "grade", "performance_rating",
                 "kpi_achievement_pct"])


def _plan() -> Plan:
    return default_plan("客户经理AE", _staff(), START)


def _fields(plan: Plan) -> set[str]:
    return {f.field for f in validate_plan(plan)}


# -- calendar ----------------------------------------------------------------------------
def test_phase_mapping_worked_example():
    """Phase of a week = phase of its last day, capped at day 90 (module docstring)."""
    assert [phase_of_week(k) for k in range(1, 14)] == [1] * 4 + [2] * 4 + [3] * 5
    assert weeks_of_phase(2) == [5, 6, 7, 8]
    assert milestone_weeks() == [4, 8, 13]
    assert [phase_of_day(d) for d in (1, 30, 31, 60, 61, 90, 91)] == [1, 1, 2, 2, 3, 3, 3]


@pytest.mark.parametrize("bad", [0, 14, -1])
def test_week_out_of_range_is_a_chinese_error(bad):
    with pytest.raises(ValueError, match="周次"):
        phase_of_week(bad)


def test_week_dates_cover_days_1_to_91_without_gaps():
    assert week_dates(START, 1) == (date(2026, 3, 2), date(2026, 3, 8))
    assert week_dates(START, 5) == (date(2026, 3, 30), date(2026, 4, 5))
    assert week_dates(START, 13)[1] == START + timedelta(days=90)      # day 91
    for k in range(1, 13):
        assert week_dates(START, k + 1)[0] == week_dates(START, k)[1] + timedelta(days=1)


def test_default_due_date_is_the_last_working_day_of_the_week():
    assert default_due_date(START, 1) == date(2026, 3, 6)                # Friday
    assert default_due_date(date(2026, 3, 4), 1) == date(2026, 3, 10)    # Wed start → Tue


@pytest.mark.parametrize("text, value", [("80", 80.0), (" 1,200 ", 1200.0), ("９５", 95.0),
                                         ("0.5", 0.5), ("", None), (None, None), (12, 12.0)])
def test_parse_target(text, value):
    assert parse_target(text) == value


@pytest.mark.parametrize("text", ["九十", "90%", "abc", "nan", "inf"])
def test_parse_target_rejects_text_in_chinese(text):
    with pytest.raises(ValueError, match="只填数字"):
        parse_target(text)


# -- validation: one test per rule, with its field key ----------------------------------------
def test_draft_plan_is_valid():
    assert validate_plan(_plan()) == []


def test_no_week_without_a_goal():
    plan = _plan()
    plan.week(3).goal = "  "
    plan.weeks = [w for w in plan.weeks if w.week != 9]
    assert _fields(plan) == {"week-3.goal", "week-9.goal"}


def test_goal_needs_a_measure():
    plan = _plan()
    plan.week(6).measure = ""
    assert _fields(plan) == {"week-6.measure"}


@pytest.mark.parametrize("week", [4, 8, 13])
def test_each_phase_ends_in_a_number_and_a_unit(week):
    plan = _plan()
    plan.week(week).target_value = None
    found = validate_plan(plan)
    assert [f.field for f in found] == [f"week-{week}.target"] and "数字" in found[0].message
    plan.week(week).target_value = 90
    plan.week(week).target_unit = ""
    found = validate_plan(plan)
    assert [f.field for f in found] == [f"week-{week}.target"] and "单位" in found[0].message


def test_non_milestone_week_may_have_no_number():
    plan = _plan()
    plan.week(5).target_value = None
    plan.week(5).target_unit = ""
    assert validate_plan(plan) == []


def test_no_goal_without_an_owner_and_plan_owner():
    plan = _plan()
    plan.week(2).owner = ""
    plan.owner = ""
    assert _fields(plan) == {"week-2.owner", "owner"}


def test_role_must_be_named():
    plan = _plan()
    plan.role = ""
    assert _fields(plan) == {"role"}


def test_start_date_missing_or_weekend():
    plan = _plan()
    plan.start_date = None
    assert _fields(plan) == {"start_date"}
    plan.start_date = date(2026, 3, 1)     # a Sunday; due dates now lie in later weeks too
    found = {f.field: f.message for f in validate_plan(plan)}
    assert "周日" in found["start_date"]


def test_due_date_inside_its_week():
    plan = _plan()
    plan.week(2).due_date = date(2026, 3, 8)        # last day of week 1
    plan.week(3).due_date = None
    found = {f.field: f.message for f in validate_plan(plan)}
    assert set(found) == {"week-2.due", "week-3.due"}
    assert found["week-2.due"] == "应在本周内（3月9日–3月15日）"


def test_check_method_and_resource_from_the_lists():
    plan = _plan()
    plan.week(1).check_method = "感觉"
    plan.week(1).resource = "书"
    assert _fields(plan) == {"week-1.check", "week-1.resource"}


def test_every_message_is_chinese():
    plan = Plan(role="", start_date=None, owner="", weeks=[WeekGoal(week=4)])
    for finding in validate_plan(plan):
        assert any("\u4e00" <= ch <= "\u9fff" for ch in finding.message), finding


# -- drafting from the case ------------------------------------------------------------------
def test_owner_is_the_most_senior_in_the_role():
    # equal grade P6: rating A beats B even though B has the higher KPI
    assert senior_staff(_staff(), "客户经理AE") == ["王磊", "李娜", "周敏"]
    # management grades outrank professional ones
    assert senior_staff(_staff(), "交付主管")[0] == "陈静"
    assert grade_rank("M1") > grade_rank("P8") > grade_rank("P1") > grade_rank("X") == 0


def test_default_plan_differs_by_role_and_uses_the_case():
    ae, lead = _plan(), default_plan("交付主管", _staff(), START)
    assert ae.owner == "王磊" and lead.owner == "陈静"
    assert ae.week(1).goal != lead.week(1).goal
    assert "物业" in ae.week(1).goal and "设施维修" in lead.week(1).goal
    assert {w.owner for w in ae.weeks} == {"王磊", "李娜"}


def test_default_plan_for_an_unknown_role_asks_for_owners():
    plan = default_plan("园区运营经理", _staff(), date(2026, 3, 7))   # Saturday → Monday
    assert plan.start_date == date(2026, 3, 9)
    assert _fields(plan) == {"owner"} | {f"week-{k}.owner" for k in range(1, 14)}


def test_role_readiness_counts_people_below_level_3():
    staff = _staff().assign(skill_ae=[4, 2, 3, 1, 2], skill_delivery=[2, 2, 2, 4, 2],
                            skill_aftersales=3, skill_data=[1, 2, 3, 2, 2])
    table = role_readiness(staff).set_index("岗位")
    assert table.loc["客户经理AE", "人数"] == 3
    assert table.loc["客户经理AE", "未达3级人数"] == 1          # only the skill_ae = 2
    assert table.loc["客户经理AE", "关键能力均分"] == 3.0
    assert table.loc["交付主管", "未达3级人数"] == 1 and table.loc["交付主管", "未达3级占比（%）"] == 50.0
    assert table.loc["交付主管", "数据分析均分"] == 2.0
    assert list(table.index) == ["交付主管", "客户经理AE"]      # ties: by role name


def test_plan_table_and_milestones():
    table = plan_table(_plan())
    assert list(table.columns) == list(PLAN_COLUMNS)
    assert list(table["周次"]) == list(range(1, 14))
    assert list(table.loc[table["里程碑"] == "是", "周次"]) == [4, 8, 13]
    assert table.loc[0, "本周起"] == START and table.loc[12, "本周止"] == date(2026, 5, 31)
    ms = milestone_table(_plan())
    assert list(ms["里程碑周"]) == ["第4周", "第8周", "第13周"]
    assert ms.loc[2, "目标"] == "20 %"


# -- the saved structure ------------------------------------------------------------------------
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
week_goal = st.builds(
    lambda k, g, m, v, u, c, o, r, d: WeekGoal(week=k, goal=g, measure=m, target_value=v,
                                               target_unit=u, check_method=c, owner=o,
                                               resource=r, due_date=d),
    st.just(1), text, text,
    st.none() | st.floats(allow_nan=False, allow_infinity=False, width=32),
    text, st.sampled_from(CHECK_METHODS), text, st.sampled_from(RESOURCES),
    st.none() | st.dates(date(2020, 1, 1), date(2035, 12, 31)))


@settings(max_examples=60, deadline=None)
@given(role=text, owner=text, start=st.none() | st.dates(date(2020, 1, 1), date(2035, 12, 31)),
       weeks=st.lists(week_goal, min_size=0, max_size=13))
def test_to_dict_from_dict_round_trip(role, owner, start, weeks):
    import json

    for k, w in enumerate(weeks, start=1):
        w.week = k
        w.__post_init__()
    plan = Plan(role=role, start_date=start, owner=owner, weeks=weeks)
    data = json.loads(json.dumps(plan.to_dict(), ensure_ascii=False, allow_nan=False))
    assert data["schema_version"] == BOARD_SCHEMA_VERSION
    assert Plan.from_dict(data) == plan


def test_structure_fields_are_documented_and_stable():
    data = _plan().to_dict()
    assert list(data) == ["schema_version", "kind", "role", "start_date", "owner", "weeks"]
    assert list(data["weeks"][0]) == ["week", "phase", "goal", "measure", "target_value",
                                      "target_unit", "check_method", "owner", "resource",
                                      "due_date", "is_milestone"]
    assert data["weeks"][3]["is_milestone"] is True and data["weeks"][4]["phase"] == 2


def test_derived_fields_are_recomputed_on_read():
    data = _plan().to_dict()
    data["weeks"][0]["phase"], data["weeks"][0]["is_milestone"] = 3, True
    assert Plan.from_dict(data).week(1).phase == 1 and not Plan.from_dict(data).week(1).is_milestone


@pytest.mark.parametrize("version", [2, 0, None, "1"])
def test_unknown_version_is_a_chinese_error(version):
    data = _plan().to_dict()
    data["schema_version"] = version
    with pytest.raises(ValueError, match="无法读取第 .* 版的 30-60-90 计划"):
        Plan.from_dict(data)


def test_malformed_structures_are_chinese_errors():
    data = _plan().to_dict()
    data["weeks"].append(dict(data["weeks"][0]))
    with pytest.raises(ValueError, match="重复的周次"):
        Plan.from_dict(data)
    with pytest.raises(ValueError, match="缺少每周目标"):
        Plan.from_dict({"schema_version": 1})
    with pytest.raises(ValueError, match="格式不对"):
        Plan.from_dict([])  # type: ignore[arg-type]


# -- the CJK wrap the board uses ------------------------------------------------------------------
def test_cjk_wrap_worked_example():
    assert cjk_wrap("熟悉CRM商机录入与报价审批流程", 12) == ["熟悉CRM商机", "录入与报价审", "批流程"]
    assert cjk_wrap("目标，达成", 4) == ["目标，", "达成"]          # no line starts with "，"
    assert cjk_wrap("一二三四五六七八", 6, max_lines=2) == ["一二三", "四五…"]
    assert cjk_wrap("", 10) == []


@given(st.text(max_size=80) | st.text(alphabet="abcXYZ019 中文目标，。）%", max_size=120),
       st.integers(min_value=4, max_value=60))
def test_cjk_wrap_keeps_every_character(text, width):
    lines = cjk_wrap(text, width)
    assert "".join(lines).replace(" ", "") == "".join(text.split())
    for line in lines:
        # a line may exceed only by one closing punctuation mark
        assert text_width(line) <= width + 2
