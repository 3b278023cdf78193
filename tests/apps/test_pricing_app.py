"""Drive the D1-M3 pricing app as a trainee would."""
import json
import sqlite3

import openpyxl
import pytest

from svc_helpers.apps.pricing import PricingTiersApp
from svc_helpers.workbook import Workbook


@pytest.fixture
def app(case, tmp_path):
    return PricingTiersApp(case, Workbook("物业一组", tmp_path))


def messages(app):
    return {key: w.value for key, w in app._messages.items() if w.value}


def test_opens_with_a_valid_default_rate_card(app):
    assert app.findings == []
    assert not app.save_button.disabled
    assert [row["档位"] for row in app.result["rate_card"]] == ["基础", "专业", "旗舰"]
    assert "image/png" not in app.summary.value and "价目表" in app.summary.value
    assert app.chart_box.children and app.chart_box.children[0].value[:4] == b"\x89PNG"


def test_changing_a_price_redraws_the_chart(app):
    before = app.chart_box.children[0].value
    app.prices[2].value = app.prices[2].value + 500
    assert app.chart_box.children[0].value != before
    assert app.result["tiers"][2]["price"] == app.prices[2].value


def test_invalid_price_shows_message_beside_the_field_and_saves_nothing(app, tmp_path):
    app.save_button.click()
    saved = app.workbook.latest(app.exercise_id)
    app.prices[1].value = app.prices[0].value - 1          # 专业 cheaper than 基础
    shown = messages(app)
    assert "tier-1.price" in shown and "必须高于基础档" in shown["tier-1.price"]
    assert app.save_button.disabled
    app.save()                                             # even a programmatic save is refused
    assert app.workbook.latest(app.exercise_id) == saved
    assert "未保存" in app.status.value


def test_scope_must_stay_nested(app):
    basic_item = next(item for (tier, item), box in app.checks.items() if tier == 0 and box.value)
    app.checks[(1, basic_item)].value = False
    assert "缺少" in messages(app)["tier-1.items"]


def test_margin_floor_is_set_by_the_trainee(app):
    app.margin_floor.value = 60
    shown = messages(app)
    assert any("低于底线 60%" in text for text in shown.values())
    app.margin_floor.value = 10
    assert messages(app) == {}


def test_save_rebuild_restore(case, app, tmp_path):
    app.prices[2].value = 9999
    app.propositions[2].value = "一个电话，全程托管"
    app.note_input.value = "第一轮"
    app.save_button.click()
    assert "已保存为版本 1" in app.status.value

    again = PricingTiersApp(case, Workbook("物业一组", tmp_path))
    assert again.prices[2].value == 9999
    assert again.propositions[2].value == "一个电话，全程托管"
    assert "已恢复" in again.status.value
    assert again.history_picker.options[0][0].endswith("第一轮")


def test_history_loads_an_earlier_version(app):
    app.save_button.click()
    first_price = app.prices[0].value
    app.prices[0].value = first_price + 10
    app.save_button.click()
    app.load_version(1)
    assert app.prices[0].value == first_price
    assert "已载入版本 1" in app.status.value


def test_switching_service_line_builds_new_defaults(app):
    app.line.value = "保洁"
    assert app.result["service_line"] == "保洁"
    assert app.result["unit"] == "平方米·月"
    assert app.findings == []


def test_fill_prices_from_cost_plus(app):
    app.markup.value = 50
    app.fill_prices("cost_plus")
    for tier in app.result["tiers"]:
        assert tier["price"] >= tier["cost_plus"] and tier["price"] - tier["cost_plus"] < 1


def test_export_writes_excel_and_png_and_offers_downloads(app):
    paths = app.export()
    xlsx = next(p for p in paths if p.suffix == ".xlsx")
    png = next(p for p in paths if p.suffix == ".png")
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["说明", "价目表", "定价测算"]
    assert book["价目表"]["A2"].value == "基础"
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert app.downloads.value.count("download=") == 2


def test_hostile_team_name_is_sanitised(case, tmp_path):
    app = PricingTiersApp(case, Workbook("../../逃逸", tmp_path))
    app.save_button.click()
    assert [p.name for p in tmp_path.glob("*.sqlite")] == ["逃逸.sqlite"]


def test_switch_team_validates_and_restores(app):
    app.save_button.click()
    app.switch_team("   ")
    assert "不能为空" in app.team_message.value
    app.switch_team("保洁二组")
    assert app.workbook.team == "保洁二组" and app.history_picker.options == ()


def test_unreadable_save_falls_back_without_touching_the_store(case, tmp_path):
    workbook = Workbook("物业一组", tmp_path)
    workbook.save("d1m3_pricing_tiers", {"schema_version": 99, "state": {}})
    app = PricingTiersApp(case, workbook)
    assert "无法读取" in app.status.value
    assert app.findings == []
    with sqlite3.connect(workbook.path) as conn:
        (payload,) = conn.execute("SELECT payload FROM saves").fetchone()
    assert json.loads(payload)["schema_version"] == 99


def test_unexpected_error_is_a_chinese_message_not_a_traceback(app, monkeypatch):
    def broken(state):
        raise KeyError("boom")
    monkeypatch.setattr(app, "evaluate", broken)
    app.prices[0].value += 1
    assert "意外问题" in app.status.value and "Traceback" not in app.status.value
    log = app.workbook.directory / "logs" / "errors.log"
    assert "KeyError" in log.read_text(encoding="utf-8")


def test_switching_back_to_a_line_keeps_its_unsaved_draft(app):
    app.prices[2].value = 7777
    app.line.value = "保洁"
    app.line.value = "设施维修"
    assert app.prices[2].value == 7777
    assert "恢复了刚才未保存的草稿" in app.status.value


def test_a_save_for_a_line_the_case_no_longer_has_opens_the_defaults(case, tmp_path):
    workbook = Workbook("物业一组", tmp_path)
    old = PricingTiersApp(case, workbook)
    state = old.read_state()
    workbook.save(old.exercise_id, {"schema_version": 1, "state": {**state, "service_line": "洗衣房"}})
    app = PricingTiersApp(case, workbook)
    assert "无法读取" in app.status.value and app.line.value == "设施维修"
    assert app.findings == []
