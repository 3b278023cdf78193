"""D4-M2 30-60-90 board, driven as a trainee would: set widget values, click buttons."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest

from svc_helpers.apps.plan_30_60_90 import CUSTOM_ROLE, Plan306090App
from svc_helpers.methods.onboarding import BOARD_SCHEMA_VERSION, Plan
from svc_helpers.workbook import Workbook

START = date(2026, 3, 2)  # a Monday


def _staff() -> pd.DataFrame:
    rows = [("S0001", "王磊", "客户经理AE", "物业", "P6", "A", 112.0),
            ("S0002", "李娜", "客户经理AE", "物业", "P4", "B", 98.0),
            ("S0003", "陈静", "交付主管", "设施维修", "M2", "A", 105.0),
            ("S0004", "赵强", "交付主管", "设施维修", "P7", "B", 101.0),
            ("S0005", "孙悦", "数据分析员", "IT服务台", "P5", "A", 120.0)]
    frame = pd.DataFrame(rows, columns=["staff_id", "name", "role", "service_line", "grade",
                                        "performance_rating", "kpi_achievement_pct"])
    frame["campus_id"] = "P1"
    return frame


@pytest.fixture
def make_app(tmp_path):
    case = SimpleNamespace(staff=_staff())

    def make(team: str = "测试四组") -> Plan306090App:
        return Plan306090App(case, Workbook(team, tmp_path))
    return make


def _msg(app: Plan306090App, key: str) -> str:
    return app._messages[key].value


def _ready(app: Plan306090App) -> Plan306090App:
    """Day 1 on a known Monday, draft for AE."""
    app.start.value = START
    app.draft_button.click()
    assert not app.findings, app.findings
    return app


def test_opens_with_a_valid_draft(make_app):
    app = make_app()
    assert app.role.value == "客户经理AE"
    assert CUSTOM_ROLE in app.role.options
    assert app.findings == []
    assert app.owner.value == "王磊"               # the highest-graded AE
    assert not app.save_button.disabled
    assert app.result["schema_version"] == BOARD_SCHEMA_VERSION
    assert len(app.result["weeks"]) == 13
    assert "board" in app._images and app._images["board"].value[:4] == b"\x89PNG"
    assert not (app.workbook.directory / "logs").exists()      # nothing went wrong quietly


def test_blank_goal_shows_message_beside_it_and_keeps_saved_work(make_app):
    app = _ready(make_app())
    app.save_button.click()
    saved = app.workbook.latest(app.exercise_id)
    assert saved is not None
    app.cards[3]["goal"].value = ""
    assert "请写本周目标" in _msg(app, "week-3.goal")
    assert app.save_button.disabled and app.export_button.disabled
    assert "需要修改" in app.status.value
    assert app.save() is None
    latest = app.workbook.latest(app.exercise_id)
    assert latest.version_id == saved.version_id
    assert latest.payload["state"]["weeks"][2]["goal"] != ""
    app.cards[3]["goal"].value = "掌握工单系统"
    assert _msg(app, "week-3.goal") == ""
    assert not app.save_button.disabled


def test_milestone_needs_a_number_and_a_unit(make_app):
    app = _ready(make_app())
    app.cards[4]["target"].value = ""
    assert "数字" in _msg(app, "week-4.target")
    app.cards[4]["target"].value = "九十"
    assert "只填数字" in _msg(app, "week-4.target")
    app.cards[4]["target"].value = "90"
    app.cards[4]["unit"].value = ""
    assert "单位" in _msg(app, "week-4.target")
    app.cards[4]["unit"].value = "分"
    assert _msg(app, "week-4.target") == ""
    # off a milestone a blank target is fine
    app.cards[5]["target"].value = ""
    assert _msg(app, "week-5.target") == "" and app.findings == []


def test_goal_owner_plan_owner_and_dates(make_app):
    app = _ready(make_app())
    app.cards[7]["owner"].value = ""
    assert "负责人" in _msg(app, "week-7.owner")
    app.owner.value = ""
    assert "计划负责人" in _msg(app, "owner")
    app.cards[2]["due"].value = date(2026, 3, 20)   # in week 3, not week 2
    assert "3月9日–3月15日" in _msg(app, "week-2.due")
    app.start.value = date(2026, 3, 7)              # a Saturday (due dates move along)
    assert "周六" in _msg(app, "start_date")
    assert {f.field for f in app.findings} == {"week-7.owner", "owner", "week-2.due", "start_date"}


def test_moving_day_one_moves_due_dates_and_headers(make_app):
    app = _ready(make_app())
    before = app.cards[5]["due"].value
    app.start.value = date(2026, 3, 9)
    assert app.cards[5]["due"].value == date(2026, 3, 9) - START + before
    assert app.findings == []
    assert "4月6日–4月12日" in app.cards[5]["head"].value


def test_draft_asks_before_replacing_edits(make_app):
    app = _ready(make_app())
    app.cards[1]["goal"].value = "我们自己写的目标"
    app.role.value = "交付主管"
    app.draft_button.click()
    assert app.cards[1]["goal"].value == "我们自己写的目标"    # not replaced yet
    assert "再点一次" in app.status.value
    app.draft_button.click()
    assert "交付" in app.cards[1]["goal"].value or "SLA" in app.cards[1]["goal"].value
    assert app.owner.value == "陈静"                          # M2 outranks P7


def test_custom_role_without_staff_asks_for_owners(make_app):
    app = _ready(make_app())
    app.role.value = CUSTOM_ROLE
    assert "岗位" in _msg(app, "role")
    app.custom_role.value = "园区运营经理"
    app.generate_draft()
    app.generate_draft()   # confirm
    assert app.owner.value == "王磊"                           # kept: no one holds this role
    assert "负责人" in _msg(app, "week-1.owner")
    for card in app.cards.values():
        card["owner"].value = "刘洋"
    assert app.findings == []
    assert app.save() is not None
    assert app.workbook.latest(app.exercise_id).payload["artifact"]["role"] == "园区运营经理"


def test_save_then_reopen_restores_exactly(make_app):
    app = _ready(make_app())
    app.cards[6]["goal"].value = "陪同拜访战略客户"
    app.cards[13]["target"].value = "25"
    app.note_input.value = "第一轮"
    saved = app.save()
    assert saved is not None and "已保存" in app.status.value
    again = make_app()
    assert again.read_state() == app.read_state()
    assert again.cards[6]["goal"].value == "陪同拜访战略客户"
    assert "已恢复" in again.status.value
    plan = Plan.from_dict(again.workbook.latest(again.exercise_id).payload["artifact"])
    assert plan.week(13).target_value == 25.0 and plan.week(13).is_milestone


def test_earlier_version_can_be_loaded(make_app):
    app = _ready(make_app())
    first = app.save()
    app.cards[1]["goal"].value = "第二版目标"
    app.save()
    app.load_version(first.version_id)
    assert app.cards[1]["goal"].value != "第二版目标"


def test_export_writes_excel_and_png(make_app):
    app = _ready(make_app())
    app.export_button.click()
    folder = app.workbook.export_dir
    paths = sorted(folder.iterdir())
    assert sorted(p.suffix for p in paths) == [".png", ".xlsx"]
    sheets = pd.read_excel(next(p for p in paths if p.suffix == ".xlsx"), sheet_name=None)
    assert {"说明", "计划表", "阶段里程碑"} <= set(sheets)
    table = sheets["计划表"]
    assert len(table) == 13 and list(table["里程碑"].fillna("")).count("是") == 3
    assert "下载" in app.downloads.value


def test_unreadable_case_still_opens(tmp_path):
    class Broken:
        @property
        def staff(self):
            raise OSError("disk")
    app = Plan306090App(Broken(), Workbook("测试四组", tmp_path))
    assert "客户经理AE" in app.role.options
    assert "计划负责人" in _msg(app, "owner")          # no staff → owners left blank
    assert (tmp_path / "logs" / "errors.log").exists()


def test_with_the_bundled_case(case, tmp_path):
    """The real staff table: its roles, and the most senior AE as plan owner."""
    app = Plan306090App(case, Workbook("物业一组", tmp_path))
    staff = case.staff
    assert set(app.role.options) == set(staff["role"]) | {CUSTOM_ROLE}
    ae = staff[staff["role"] == "客户经理AE"]
    top = ae.loc[ae["grade"] == max(ae["grade"], key=lambda g: (g[0] == "M", int(g[1:])))]
    assert app.owner.value in set(top["name"])
    assert app.findings == [] and not app.save_button.disabled
    for role in ("交付主管", "数据分析员", "服务专员"):
        app.role.value = role
        app.draft_button.click()
        app.draft_button.click()
        assert app.findings == [], (role, app.findings)
        assert app.owner.value in set(staff.loc[staff["role"] == role, "name"])
