"""Seeded generator of the synthetic case 恒岳控股集团·综合服务中心.

Run ``python -m svc_helpers.casedata.generate [--out DIR]``; the default output is
the repository's ``casedata/``.  Every table has its own random stream derived
from :data:`SEED` and a fixed table number, so changing one table never shifts
another.  Output is plain UTF-8 CSV with ``\\n`` line ends, rounded floats and a
stable row order, so regenerating gives byte-identical files.

The planted patterns (the "线索" of the story) are described in
:data:`CLUES` and written into ``casedata/README.md``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd

from .schema import (
    CAMPUSES,
    SERVICE_LINES,
    TABLES,
    VOLUME_UNITS,
)

SEED = 20261123

#: fixed stream number per table (never reuse or renumber: it would change that table)
STREAMS = {name: i for i, name in enumerate([
    "cost_centres", "cost_ledger", "service_items", "work_orders", "meeting_room_events", "vendors",
    "bids", "inspections", "vendor_risks", "staff", "internal_customers", "interactions",
    "servqual_survey", "kano_survey", "nps_survey", "office_supplies", "office_supply_demand",
    "iot_readings", "asset_events", "improvement_backlog", "tech_options", "parks", "resources", "bookings",
], start=1)}

HISTORY_START = pd.Timestamp("2024-01-01")
HISTORY_END = pd.Timestamp("2026-06-30 23:59")
MONTHS = pd.date_range("2024-01-01", "2026-06-01", freq="MS")
LAST12 = (pd.Timestamp("2025-07-01"), pd.Timestamp("2026-06-01"))

#: 衰退供应商（巡检得分下滑）与故障设备
DECAY_VENDOR = "V03"
FAILING_ASSET = "CH-02"
FAILURE_DATE = "2026-05-12"
DRIFT_START = "2026-04-20"
REPAIR_DATE = "2026-05-14"
CHURN_BU = "研发中心"

#: 小数位（默认 2）
DECIMALS = {
    "cost_weight": 2, "kpi_achievement_pct": 1, "labour_hours": 1, "sla_resolve_h": 1,
    "handle_minutes": 1, "value": 2, "occupancy_rate": 3, "holding_cost_rate_annual": 2,
    "technical_score": 1, "delivery_plan_score": 1, "score": 1, "maturity_pct": 0,
    "effort_person_months": 1, "impact": 2, "gross_area_m2": 0,
}


def rng_for(table: str) -> np.random.Generator:
    """Independent random stream of one table."""
    return np.random.default_rng([SEED, STREAMS[table]])


# ---------------------------------------------------------------- reference data
CC_PLAN = [  # campus, line, annual cost (M CNY), headcount, strategic value, outsourceability, market size (bn CNY)
    ("P1", "酒店", 26.0, 120, 2, 4, 6.5), ("P1", "物业", 16.0, 85, 3, 5, 9.0), ("P1", "餐饮", 21.0, 140, 3, 4, 7.2),
    ("P1", "车辆", 9.0, 45, 2, 4, 3.1), ("P1", "会议", 3.2, 18, 3, 3, 1.4), ("P1", "保洁", 8.5, 110, 1, 5, 4.8),
    ("P1", "安保", 7.5, 80, 4, 2, 3.6), ("P1", "设施维修", 12.0, 60, 4, 3, 5.2), ("P1", "IT服务台", 5.5, 30, 4, 2, 2.2),
    ("P1", "办公采购", 2.2, 8, 2, 4, 1.1),
    ("P2", "物业", 11.0, 55, 3, 5, 4.1), ("P2", "餐饮", 14.0, 95, 3, 4, 3.3), ("P2", "会议", 2.0, 10, 2, 4, 0.6),
    ("P2", "保洁", 6.0, 80, 1, 5, 2.2), ("P2", "安保", 5.0, 55, 3, 3, 1.5), ("P2", "设施维修", 9.0, 45, 4, 3, 2.4),
    ("P2", "IT服务台", 4.2, 22, 4, 2, 1.0),
    ("P3", "物业", 13.0, 65, 3, 5, 3.8), ("P3", "餐饮", 17.0, 120, 2, 4, 3.0), ("P3", "车辆", 11.0, 50, 3, 3, 2.0),
    ("P3", "保洁", 7.0, 95, 1, 5, 2.0), ("P3", "安保", 8.0, 85, 4, 3, 1.8), ("P3", "设施维修", 14.0, 70, 5, 2, 2.6),
]
CC_SUFFIX = {"酒店": "接待酒店", "物业": "物业管理部", "餐饮": "餐饮中心", "车辆": "车队", "会议": "会议服务中心",
             "保洁": "保洁部", "安保": "安保部", "设施维修": "设施维修中心", "IT服务台": "IT服务台", "办公采购": "办公采购组"}
UNIT_COST = {"酒店": 420, "物业": 5.8, "餐饮": 24, "车辆": 4.2, "会议": 650, "保洁": 2.6, "安保": 42,
             "设施维修": 380, "IT服务台": 140, "办公采购": 95}
CAMPUS_COST_FACTOR = {"P1": 1.10, "P2": 1.0, "P3": 0.88}
COST_MIX = {  # labour, materials, outsourcing, energy, depreciation, overhead
    "酒店": (.38, .22, .08, .14, .10, .08), "物业": (.30, .10, .25, .20, .08, .07),
    "餐饮": (.40, .42, .02, .08, .04, .04), "车辆": (.35, .10, .05, .30, .15, .05),
    "会议": (.45, .10, .10, .10, .15, .10), "保洁": (.55, .15, .20, .02, .03, .05),
    "安保": (.65, .05, .18, .02, .04, .06), "设施维修": (.40, .25, .18, .05, .06, .06),
    "IT服务台": (.55, .08, .15, .04, .10, .08), "办公采购": (.70, .05, .05, .02, .03, .15),
}
SPRING_FESTIVAL_MONTH = {"2024-02": 0.62, "2025-01": 0.78, "2025-02": 0.80, "2026-02": 0.62}

SERVICE_ITEMS = {  # line: [(item_name, cost_weight, tier)]
    "酒店": [("标准客房住宿", 1.0, "基础"), ("含早住宿", 1.15, "基础"), ("商务套房", 1.5, "专业"),
             ("会议+住宿套餐", 1.3, "专业"), ("接送站服务", 0.4, "旗舰"), ("贵宾礼宾接待", 1.45, "旗舰")],
    "物业": [("公共区域物业管理", 1.0, "基础"), ("设备设施运行值守", 0.6, "基础"), ("绿化养护", 0.2, "专业"),
             ("入驻与搬迁服务", 0.3, "专业"), ("空间使用分析", 0.15, "旗舰"), ("楼宇管家驻场", 0.5, "旗舰")],
    "餐饮": [("标准工作餐", 1.0, "基础"), ("早餐", 0.45, "基础"), ("营养定制套餐", 1.3, "专业"),
             ("会议茶歇", 0.8, "专业"), ("食堂外卖配送", 0.3, "专业"), ("商务宴请（按位）", 1.5, "旗舰")],
    "车辆": [("日常公务用车", 1.0, "基础"), ("通勤班车", 0.7, "基础"), ("接送机", 1.2, "专业"),
             ("专车保障（司机待命）", 1.5, "旗舰"), ("用车数据月报", 0.1, "旗舰")],
    "会议": [("会议室预订与布置", 1.0, "基础"), ("设备调试保障", 0.4, "基础"), ("茶歇与会务", 0.8, "专业"),
             ("视频会议保障", 0.6, "专业"), ("大型会议全程会务", 1.5, "旗舰")],
    "保洁": [("日常保洁", 1.0, "基础"), ("卫生间专项保洁", 0.3, "基础"), ("地毯与石材养护", 0.4, "专业"),
             ("消杀服务", 0.2, "专业"), ("按需快速保洁（30分钟到场）", 0.5, "旗舰")],
    "安保": [("门岗值守", 1.0, "基础"), ("园区巡逻", 0.9, "基础"), ("访客管理", 0.5, "专业"),
             ("监控中心值守", 1.1, "专业"), ("重大活动安保", 1.5, "旗舰")],
    "设施维修": [("报修响应（工作时间）", 1.0, "基础"), ("小修更换（含常用辅材）", 0.6, "基础"), ("7×24小时应急", 1.5, "专业"),
             ("季度预防性保养", 1.2, "专业"), ("驻场工程师", 1.4, "旗舰"), ("能耗月报", 0.3, "旗舰")],
    "IT服务台": [("桌面终端支持", 1.0, "基础"), ("账号与权限开通", 0.4, "基础"), ("会议系统支持", 0.8, "专业"),
              ("软件安装与授权管理", 0.5, "专业"), ("驻场IT工程师", 1.5, "旗舰"), ("VIP专属支持", 1.3, "旗舰")],
    "办公采购": [("目录内标准采购", 1.0, "基础"), ("次日送达", 0.3, "基础"), ("非目录寻源采购", 1.5, "专业"),
             ("库存代管", 0.6, "专业"), ("月度采购分析报告", 0.2, "旗舰")],
}

WO_LINE_SHARE = {"设施维修": .34, "IT服务台": .28, "保洁": .08, "物业": .08, "会议": .06, "车辆": .05,
                 "安保": .03, "餐饮": .04, "酒店": .02, "办公采购": .02}
WO_CATEGORIES = {
    "设施维修": ["空调暖通", "给排水", "电气照明", "门窗五金", "电梯"], "IT服务台": ["电脑故障", "账号权限", "网络", "打印机", "会议系统", "软件安装"],
    "物业": ["门禁卡", "停车", "空间调整", "装修报备"], "保洁": ["日常保洁", "突发污染", "垃圾清运"],
    "安保": ["访客登记", "失物招领", "安全隐患"], "会议": ["会议布置", "设备保障", "茶歇"], "车辆": ["公务用车", "接送机", "班车"],
    "餐饮": ["订餐", "包间预订", "食品安全"], "酒店": ["客房预订", "客房维修", "入住服务"], "办公采购": ["办公用品", "非目录采购", "设备采购"],
}
PRIORITY_MATRIX = {  # (impact, urgency) -> priority, ITIL style: sum of ranks
    ("高", "高"): "P1", ("高", "中"): "P2", ("中", "高"): "P2", ("高", "低"): "P3", ("中", "中"): "P3",
    ("低", "高"): "P3", ("中", "低"): "P4", ("低", "中"): "P4", ("低", "低"): "P4",
}
SLA = {"P1": (15, 4.0), "P2": (30, 8.0), "P3": (120, 24.0), "P4": (480, 72.0)}

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文斌宇浩凯晨鑫欣怡佳琪雪梅婷颖鹏飞海燕玉兰俊峰子涵思远博文雅琳嘉怡梓萱浩然一鸣")


# ---------------------------------------------------------------- helpers
def _money(x):
    return np.round(np.asarray(x, dtype=float), 2)


def _clip_round(x, lo, hi):
    return np.clip(np.rint(x), lo, hi).astype(int)


def _choice(rng, items, size, p=None):
    p = None if p is None else np.asarray(p, dtype=float) / np.sum(p)
    idx = rng.choice(len(items), size=size, p=p)
    return np.asarray(items, dtype=object)[idx]


def _ids(prefix: str, n: int, width: int) -> list[str]:
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


WORK_START = dt.time(8, 30)
WORK_END = dt.time(17, 30)


def add_work_minutes(t: dt.datetime, minutes: float) -> dt.datetime:
    """Advance ``t`` by working minutes (Mon–Fri 08:30–17:30)."""
    t = _to_work(t)
    remaining = float(minutes)
    while True:
        end = dt.datetime.combine(t.date(), WORK_END)
        room = (end - t).total_seconds() / 60
        if remaining <= room:
            return t + dt.timedelta(minutes=remaining)
        remaining -= room
        t = _to_work(dt.datetime.combine(t.date() + dt.timedelta(days=1), WORK_START))


def _to_work(t: dt.datetime) -> dt.datetime:
    while True:
        if t.weekday() >= 5:
            t = dt.datetime.combine(t.date() + dt.timedelta(days=1), WORK_START)
            continue
        if t.time() < WORK_START:
            return dt.datetime.combine(t.date(), WORK_START)
        if t.time() >= WORK_END:
            t = dt.datetime.combine(t.date() + dt.timedelta(days=1), WORK_START)
            continue
        return t


def _floor_min(t: dt.datetime) -> dt.datetime:
    return t.replace(second=0, microsecond=0)


# ---------------------------------------------------------------- tables
def gen_cost_centres(ctx) -> pd.DataFrame:
    rng = rng_for("cost_centres")
    rows = []
    for i, (campus, line, cost_m, hc, sv, os_, market_bn) in enumerate(CC_PLAN, start=1):
        rows.append({
            "cost_centre_id": f"CC{i:02d}", "name": f"{CAMPUSES[campus]}{CC_SUFFIX[line]}", "service_line": line,
            "campus_id": campus, "volume_unit": VOLUME_UNITS[line], "headcount": int(hc + rng.integers(-4, 5)),
            "strategic_value": sv, "outsourceability": os_,
            "external_market_size_cny": round(market_bn * 1e9 * rng.uniform(0.9, 1.1), -5),
        })
    return pd.DataFrame(rows)


def _volume_factor(line: str, month: pd.Timestamp) -> float:
    key = month.strftime("%Y-%m")
    m = month.month
    years = (month - HISTORY_START).days / 365.25
    if line in ("物业", "保洁", "安保"):
        return 1.0
    f = 1.0 + 0.025 * years
    if line == "餐饮":
        f *= SPRING_FESTIVAL_MONTH.get(key, 1.0) * (0.92 if m in (7, 8) else 1.0) * (0.9 if m == 10 else 1.0)
    elif line == "酒店":
        f *= {2: 0.6, 7: 1.15, 8: 1.12, 10: 1.1, 12: 0.9}.get(m, 1.0)
    elif line == "会议":
        f *= {1: 0.9, 2: 0.5, 8: 0.8, 12: 1.2}.get(m, 1.0)
    elif line == "设施维修":
        f *= {2: 0.8, 6: 1.15, 7: 1.25, 8: 1.22}.get(m, 1.0)
    elif line in ("车辆", "IT服务台"):
        f *= {2: 0.7}.get(m, 1.0)
    elif line == "办公采购":
        f *= {2: 0.6, 3: 1.2, 9: 1.1, 12: 1.15}.get(m, 1.0)
    return f


ENERGY_SEASON = {1: 1.15, 2: 1.05, 3: 0.9, 4: 0.85, 5: 0.95, 6: 1.25, 7: 1.5, 8: 1.45, 9: 1.1, 10: 0.85, 11: 0.9, 12: 1.1}


def gen_cost_ledger(ctx) -> pd.DataFrame:
    rng = rng_for("cost_ledger")
    cc = ctx["cost_centres"]
    rows = []
    for (_, c), (campus, line, cost_m, *_rest) in zip(cc.iterrows(), CC_PLAN):
        annual = cost_m * 1e6
        unit_cost = UNIT_COST[line] * CAMPUS_COST_FACTOR[campus] * rng.uniform(0.92, 1.08)
        base_volume = annual / 12 / unit_cost
        mix = np.asarray(COST_MIX[line]) / sum(COST_MIX[line])
        base = annual / 12 * mix
        dep_step = rng.uniform(1.0, 1.25)
        for month in MONTHS:
            years = (month - HISTORY_START).days / 365.25
            vf = _volume_factor(line, month)
            vol = base_volume * vf * rng.normal(1, 0.03 if line not in ("物业", "保洁", "安保") else 0.002)
            labour = base[0] * (1 + 0.04 * math.floor(years)) * (1.28 if month.month == 1 else 0.975) * rng.normal(1, 0.015)
            materials = base[1] * vf * (1 + 0.015 * years) * rng.normal(1, 0.04)
            outsourcing = base[2] * (1 + 0.03 * math.floor(years)) * rng.normal(1, 0.02)
            if line == "车辆":
                energy = base[3] * vf * rng.normal(1, 0.04)
            else:
                energy = base[3] * ENERGY_SEASON[month.month] / 1.0958 * rng.normal(1, 0.04)
            depreciation = base[4] * (dep_step if month >= pd.Timestamp("2025-07-01") else 1.0)
            overhead = base[5] * rng.normal(1, 0.01)
            rows.append({
                "month": month, "cost_centre_id": c.cost_centre_id, "labour_cny": labour, "materials_cny": materials,
                "outsourcing_cny": outsourcing, "energy_cny": energy, "depreciation_cny": depreciation,
                "overhead_cny": overhead, "volume": int(round(vol)),
            })
    df = pd.DataFrame(rows)
    for col in ("labour_cny", "materials_cny", "outsourcing_cny", "energy_cny", "depreciation_cny", "overhead_cny"):
        df[col] = _money(df[col])
    return df.sort_values(["month", "cost_centre_id"], kind="stable").reset_index(drop=True)


COST_COLS = ["labour_cny", "materials_cny", "outsourcing_cny", "energy_cny", "depreciation_cny", "overhead_cny"]


def line_unit_costs(cost_centres: pd.DataFrame, cost_ledger: pd.DataFrame) -> dict[str, float]:
    """Average unit cost per service line over the last 12 months (total cost ÷ total volume)."""
    led = cost_ledger[(cost_ledger["month"] >= LAST12[0]) & (cost_ledger["month"] <= LAST12[1])]
    led = led.merge(cost_centres[["cost_centre_id", "service_line"]], on="cost_centre_id")
    tot = led[COST_COLS].sum(axis=1).groupby(led["service_line"]).sum()
    vol = led.groupby("service_line")["volume"].sum()
    return {line: float(tot[line] / vol[line]) for line in SERVICE_LINES}


def gen_service_items(ctx) -> pd.DataFrame:
    rng = rng_for("service_items")
    uc = line_unit_costs(ctx["cost_centres"], ctx["cost_ledger"])
    rows = []
    for line in SERVICE_LINES:
        for name, w, tier in SERVICE_ITEMS[line]:
            cost = round(uc[line] * w, 2)
            value_mult = rng.uniform(1.5, 3.0) if tier != "基础" else rng.uniform(1.5, 2.2)
            market_mult = rng.uniform(1.05, 1.6)
            rows.append({"service_line": line, "item_name": name, "unit": VOLUME_UNITS[line], "cost_weight": w,
                         "unit_cost_cny": cost, "customer_value_cny": round(cost * value_mult, 2),
                         "market_price_cny": round(cost * market_mult, 2), "suggested_tier": tier})
    df = pd.DataFrame(rows)
    df.insert(0, "item_id", _ids("SI", len(df), 3))
    return df


# ---- internal customers (needed by work orders, interactions, nps, bookings)
BU_PLAN = [  # business unit, campus, n, headcount range, dept names
    ("集团总部", "P1", 22, (20, 120), ["办公室", "党群工作部", "人力资源部", "财务部", "战略投资部", "法律合规部", "审计部",
                                  "纪检监察室", "安全环保部", "信息化管理部", "品牌宣传部", "运营管理部", "采购管理部",
                                  "国际业务部", "资产管理部", "科技管理部", "工会", "董事会办公室", "巡视办", "档案馆",
                                  "离退休工作部", "质量管理部"]),
    ("金融服务公司", "P1", 8, (15, 80), ["资金结算中心", "信贷业务部", "风险管理部", "财务公司综合部", "保险经纪部",
                                   "融资租赁部", "投资银行部", "金融科技部"]),
    ("数字科技公司", "P1", 6, (20, 150), ["软件开发一部", "软件开发二部", "数据平台部", "网络安全部", "解决方案部", "市场拓展部"]),
    ("数字科技公司", "P2", 6, (20, 150), ["工业互联网部", "云服务部", "测试中心", "产品设计部", "交付运维部", "苏州研发部"]),
    ("研发中心", "P2", 36, (6, 40), [f"{a}{b}" for a in ["新材料", "智能装备", "电池材料", "工业软件", "检测认证", "先进制造",
                                                      "氢能", "传感器", "机器人", "算法", "结构仿真", "热管理"]
                                   for b in ["课题组", "实验室", "研究室"]]),
    ("装备制造事业部", "P3", 24, (60, 600), [f"{n}" for n in ["总装一车间", "总装二车间", "机加工车间", "焊接车间", "涂装车间",
                                                           "质量部", "物流部", "设备动力部", "生产计划部", "工艺技术部", "采购部",
                                                           "销售公司", "售后服务部", "安全环保处", "综合管理部", "财务部(成都)",
                                                           "人力资源部(成都)", "检测中心", "模具车间", "热处理车间",
                                                           "仓储中心", "精益推进办", "信息中心(成都)", "技术中心"]]),
    ("新能源事业部", "P3", 18, (30, 250), ["电池包产线", "电芯产线一部", "电芯产线二部", "储能系统部", "光伏项目部", "研发部(成都)",
                                      "质量保证部", "市场部", "供应链部", "设备部", "工程部", "安全部", "综合部",
                                      "计划物流部", "品质检测室", "客户服务部", "能源管理部", "项目管理办"]),
]


def gen_internal_customers(ctx) -> pd.DataFrame:
    rng = rng_for("internal_customers")
    rows = []
    per_capita = {"P1": (11000, 17000), "P2": (7000, 11000), "P3": (6000, 9500)}
    for bu, campus, n, (lo, hi), names in BU_PLAN:
        for name in names[:n]:
            hc = int(round(math.exp(rng.uniform(math.log(lo), math.log(hi)))))
            spend = hc * rng.uniform(*per_capita[campus]) * rng.lognormal(0, 0.2)
            first = pd.Timestamp("2008-01-01") + pd.Timedelta(days=int(rng.integers(0, 365 * 16)))
            rows.append({"dept_name": name, "business_unit": bu, "campus_id": campus, "headcount": hc,
                         "first_service_date": first, "annual_spend_cny": round(spend, -2)})
    df = pd.DataFrame(rows)
    rank = df["annual_spend_cny"].rank(ascending=False, method="first")
    n = len(df)
    df["segment"] = np.where(rank <= round(0.12 * n), "战略客户", np.where(rank <= round(0.40 * n), "重点客户", "普通客户"))
    small_rd = (df["business_unit"] == CHURN_BU) & (df["headcount"] < 40)
    p = np.where(small_rd, 0.45, np.where(df["segment"] == "战略客户", 0.0, 0.05))
    churned = rng.random(n) < p
    days = rng.integers(0, (pd.Timestamp("2026-05-31") - pd.Timestamp("2024-09-01")).days, n)
    churn_date = pd.Timestamp("2024-09-01") + pd.to_timedelta(days, unit="D")
    df["churned"] = churned
    df["churn_date"] = pd.Series(churn_date).where(churned, pd.NaT)
    df.insert(0, "customer_id", _ids("C", n, 3))
    return df[list(TABLES["internal_customers"].column_names)]


def _pick_customers(rng, cust: pd.DataFrame, campus: np.ndarray, when: pd.Series) -> np.ndarray:
    """Customer per event: same campus, weighted by headcount, active at ``when``."""
    out = np.empty(len(campus), dtype=object)
    churn = cust["churn_date"]
    for cp in sorted(set(campus)):
        idx = np.flatnonzero(campus == cp)
        sub = cust[cust["campus_id"] == cp]
        w = sub["headcount"].to_numpy(float) ** 0.8
        pick = rng.choice(len(sub), size=len(idx), p=w / w.sum())
        ids = sub["customer_id"].to_numpy()[pick]
        cd = churn[sub.index].to_numpy()[pick]
        inactive = ~pd.isna(cd) & (when.to_numpy()[idx] >= cd)
        stay = sub[~sub["churned"]]
        w2 = stay["headcount"].to_numpy(float) ** 0.8
        ids[inactive] = rng.choice(stay["customer_id"].to_numpy(), size=int(inactive.sum()), p=w2 / w2.sum())
        out[idx] = ids
    return out


def gen_work_orders(ctx) -> pd.DataFrame:
    rng = rng_for("work_orders")
    cc = ctx["cost_centres"]
    cust = ctx["internal_customers"]
    n = 20000
    # creation dates with growth and weekday weighting
    days = pd.date_range(HISTORY_START, "2026-06-30", freq="D")
    w = np.where(days.dayofweek < 5, 1.0, 0.3) * (1 + 0.15 * np.arange(len(days)) / len(days))
    w *= np.where(days.month == 2, 0.7, 1.0) * np.where(np.isin(days.month, [6, 7, 8]), 1.12, 1.0)
    day = days[rng.choice(len(days), size=n, p=w / w.sum())]
    lines = _choice(rng, list(WO_LINE_SHARE), n, list(WO_LINE_SHARE.values()))
    hour_p = np.array([1, 1, 1, 1, 1, 1, 2, 4, 12, 16, 15, 12, 6, 9, 13, 13, 11, 8, 4, 3, 2, 2, 1, 1], float)
    minutes = rng.choice(24, size=n, p=hour_p / hour_p.sum()) * 60 + rng.integers(0, 60, n)
    created = pd.Series(day) + pd.to_timedelta(minutes, unit="m")
    campus_w = {"P1": .45, "P2": .25, "P3": .30}
    campus = np.empty(n, dtype=object)
    cc_id = np.empty(n, dtype=object)
    for line in SERVICE_LINES:
        idx = np.flatnonzero(lines == line)
        sub = cc[cc["service_line"] == line]
        p = np.array([campus_w[c] for c in sub["campus_id"]])
        k = rng.choice(len(sub), size=len(idx), p=p / p.sum())
        campus[idx] = sub["campus_id"].to_numpy()[k]
        cc_id[idx] = sub["cost_centre_id"].to_numpy()[k]
    category = np.array([WO_CATEGORIES[l][rng.integers(len(WO_CATEGORIES[l]))] for l in lines], dtype=object)
    impact = _choice(rng, ["高", "中", "低"], n, [.15, .45, .40])
    urgency = _choice(rng, ["高", "中", "低"], n, [.20, .45, .35])
    priority = np.array([PRIORITY_MATRIX[(a, b)] for a, b in zip(impact, urgency)], dtype=object)
    sla_resp = np.array([SLA[p][0] for p in priority])
    sla_res = np.array([SLA[p][1] for p in priority])
    campus_slow = np.select([campus == "P3", campus == "P2"], [1.25, 1.05], 1.0)
    line_slow = np.where(lines == "设施维修", 1.2, np.where(lines == "IT服务台", 0.9, 1.0))
    resp_min = np.maximum(1, sla_resp * 0.45 * campus_slow * rng.lognormal(0, 0.7, n))
    res_h = sla_res * 0.4 * campus_slow * line_slow * rng.lognormal(0, 0.8, n)
    responded = created + pd.to_timedelta(np.ceil(resp_min), unit="m")
    res_h = np.maximum(res_h, resp_min / 60 + 0.1)
    resolved = created + pd.to_timedelta(np.round(res_h * 60), unit="m")
    open_ = (resolved > pd.Timestamp("2026-06-30 18:00")).to_numpy()
    resp_breach = resp_min > sla_resp
    res_breach = res_h > sla_res
    base_hours = {"设施维修": 1.6, "IT服务台": 0.6, "保洁": 0.8, "物业": 0.7, "会议": 1.5, "车辆": 2.5, "安保": 0.5,
                  "餐饮": 0.8, "酒店": 0.7, "办公采购": 0.5}
    labour = np.array([base_hours[l] for l in lines]) * rng.lognormal(0, 0.5, n) * (1 + 0.3 * res_breach)
    labour = np.clip(np.round(labour, 1), 0.1, 200)
    has_mat = rng.random(n) < np.where(lines == "设施维修", 0.6, np.where(np.isin(lines, ["IT服务台", "物业", "办公采购"]), 0.2, 0.05))
    material = np.where(has_mat, rng.lognormal(np.log(120), 0.9, n), 0.0)
    mu = 4.5 - 1.2 * res_breach - 0.4 * resp_breach - 0.15 * (priority == "P1")
    csat = _clip_round(rng.normal(mu, 0.7), 1, 5).astype(float)
    csat[(rng.random(n) > 0.62) | open_] = np.nan
    p_complaint = 0.015 + 0.16 * res_breach + 0.05 * resp_breach
    lvl = rng.choice([1, 2, 3, 4], size=n, p=[.58, .26, .12, .04])
    lvl = np.minimum(4, lvl + ((priority == "P1") & res_breach))
    complaint = np.where(rng.random(n) < p_complaint, lvl, 0)
    df = pd.DataFrame({
        "created_at": created, "campus_id": campus, "service_line": lines, "cost_centre_id": cc_id,
        "category": category, "impact": impact, "urgency": urgency, "priority": priority,
        "responded_at": responded, "resolved_at": resolved.where(~open_, pd.NaT),
        "sla_response_min": sla_resp.astype(int), "sla_resolve_h": sla_res, "labour_hours": labour,
        "material_cny": _money(material), "csat": csat,
        "complaint_level": complaint.astype(int),
    })
    df = df.sort_values("created_at", kind="stable").reset_index(drop=True)
    df["customer_id"] = _pick_customers(rng, cust, df["campus_id"].to_numpy(), df["created_at"])
    df["csat"] = pd.array([None if np.isnan(v) else int(v) for v in df["csat"]], dtype="Int64")
    df.insert(0, "order_id", _ids("WO", len(df), 6))
    return df[list(TABLES["work_orders"].column_names)]


def gen_meeting_room_events(ctx) -> pd.DataFrame:
    rng = rng_for("meeting_room_events")
    n_cases = 1500
    days = pd.bdate_range("2025-01-02", "2026-06-19")
    rows = []
    starts = sorted(rng.choice(len(days), size=n_cases))
    for k, di in enumerate(starts, start=1):
        case = f"MR{k:04d}"
        campus = str(_choice(rng, ["P1", "P2", "P3"], 1, [.5, .3, .2])[0])
        t = dt.datetime.combine(days[di].date(), WORK_START) + dt.timedelta(minutes=int(rng.integers(0, 540)))
        ev = []

        def add(activity, lane, when):
            ev.append((activity, _floor_min(when), lane))

        add("提交申请", "申请人", t)
        done = False
        for attempt in range(3):
            t = add_work_minutes(t, rng.lognormal(math.log(80), 0.8))
            add("部门审批", "部门主管", t)
            if rng.random() < 0.01 and attempt == 0:  # 部门审批几乎从不退回：重复审批的线索
                add("退回修改", "部门主管", t + dt.timedelta(minutes=1))
                t = add_work_minutes(t, rng.uniform(30, 240))
                add("提交申请", "申请人", t)
                continue
            t = add_work_minutes(t, rng.lognormal(math.log(540), 0.55))  # 行政审批：约 1 个工作日
            add("行政审批", "行政部", t)
            if rng.random() < 0.07 and attempt == 0:
                add("退回修改", "行政部", t + dt.timedelta(minutes=1))
                t = add_work_minutes(t, rng.uniform(30, 300))
                add("提交申请", "申请人", t)
                continue
            done = True
            break
        if not done:
            continue
        t = add_work_minutes(t, rng.lognormal(math.log(40), 0.6))
        add("会议室分配", "会务组", t)
        t = t + dt.timedelta(minutes=int(rng.integers(1, 4)))
        add("发送通知", "系统", t)
        lead = int(rng.integers(1, 8))
        meet_day = pd.bdate_range(t.date() + dt.timedelta(days=lead), periods=1)[0].date()
        meet = dt.datetime.combine(meet_day, dt.time(9, 0)) + dt.timedelta(minutes=30 * int(rng.integers(0, 16)))
        if rng.random() < 0.06:
            add("取消", "申请人", t + (meet - t) * float(rng.uniform(0.2, 0.9)))
        else:
            if rng.random() > 0.08:
                add("签到", "申请人", meet - dt.timedelta(minutes=int(rng.integers(0, 11))))
            add("会议结束", "系统", meet + dt.timedelta(minutes=30 * int(rng.integers(1, 7))))
        for activity, when, lane in ev:
            rows.append({"case_id": case, "activity": activity, "timestamp": pd.Timestamp(when), "lane": lane,
                         "campus_id": campus})
    return pd.DataFrame(rows)


VENDORS = [  # id, name, lines, founded, employees, revenue (M), certs, digital, refs, incidents, fin health
    ("V01", "华信物业服务有限公司", "物业;保洁;设施维修", 1998, 12800, 2150, "ISO9001;ISO14001;ISO45001", 3, 26, 1, 4),
    ("V02", "安洁环境服务有限公司", "保洁", 2006, 5600, 420, "ISO9001;ISO14001", 2, 14, 2, 3),
    ("V03", "锦程综合设施管理有限公司", "物业;保洁;设施维修", 2012, 4300, 610, "ISO9001;ISO14001;ISO45001;ISO41001", 3, 11, 2, 2),
    ("V04", "中城联合设施管理集团有限公司", "物业;保洁;设施维修;安保", 1993, 36000, 8900, "ISO9001;ISO14001;ISO45001;ISO41001;ISO27001", 4, 48, 3, 5),
    ("V05", "盾安保安服务有限公司", "安保", 2001, 9200, 680, "ISO9001;ISO45001", 2, 19, 1, 4),
    ("V06", "蓝海机电工程有限公司", "设施维修", 2008, 1500, 360, "ISO9001;ISO45001", 3, 9, 0, 4),
    ("V07", "悦享餐饮管理有限公司", "餐饮", 2005, 7800, 1240, "ISO9001;ISO22000", 3, 22, 2, 4),
    ("V08", "睿通信息技术服务有限公司", "IT服务台", 2010, 2600, 530, "ISO9001;ISO27001", 4, 17, 0, 4),
    ("V09", "嘉诚物业管理有限公司", "物业;保洁", 2003, 6900, 880, "ISO9001;ISO14001", 2, 15, 1, 3),
    ("V10", "天府智慧楼宇科技有限公司", "物业;设施维修", 2016, 680, 150, "ISO9001;ISO27001", 5, 5, 0, 3),
    ("V11", "恒泰后勤服务集团有限公司", "物业;保洁;餐饮;设施维修", 1996, 15400, 2600, "ISO9001;ISO14001;ISO45001", 3, 31, 4, 4),
    ("V12", "安途汽车租赁服务有限公司", "车辆", 2009, 2100, 740, "ISO9001", 4, 12, 1, 3),
    ("V13", "绿源保洁服务有限公司", "保洁", 2014, 2400, 190, "", 1, 6, 3, 2),
    ("V14", "百川国际设施管理（中国）有限公司", "物业;保洁;设施维修", 2002, 21000, 5400, "ISO9001;ISO14001;ISO45001;ISO41001;ISO27001", 5, 39, 0, 5),
    ("V15", "金盾保安服务有限公司", "安保", 2011, 4800, 310, "ISO9001", 2, 8, 2, 3),
    ("V16", "膳食佳团餐管理有限公司", "餐饮", 2013, 3900, 560, "ISO9001", 3, 10, 1, 3),
]


def gen_vendors(ctx) -> pd.DataFrame:
    rows = []
    for vid, name, lines, founded, emp, rev, certs, dig, refs, inc, fin in VENDORS:
        certs = ";".join(c for c in certs.split(";") if c.startswith("ISO") and c != "ISO22000")
        rows.append({"vendor_id": vid, "vendor_name": name, "service_lines": lines, "founded_year": founded,
                     "employees": emp, "annual_revenue_cny": rev * 1e6, "certifications": certs or None,
                     "digital_level": dig, "reference_clients": refs, "compliance_incidents_3y": inc,
                     "financial_health": fin})
    return pd.DataFrame(rows)


IFM_AREA_M2 = 520000  # three internal parks, gross area
IFM_BIDS = {  # vendor: (price per m2·month, technical, delivery plan)
    "V01": (15.2, 84, 82), "V02": (14.6, 66, 63), "V03": (12.4, 79, 80), "V04": (15.8, 88, 85),
    "V06": (14.9, 71, 68), "V09": (13.9, 72, 70), "V10": (14.4, 77, 74), "V11": (14.1, 80, 76),
    "V13": (12.9, 58, 55), "V14": (17.3, 93, 90),
}


def ifm_vendors() -> list[str]:
    """Vendors that serve 物业、保洁 or 设施维修 (the IFM tender)."""
    return [v[0] for v in VENDORS if set(v[2].split(";")) & {"物业", "保洁", "设施维修"}]


def gen_bids(ctx) -> pd.DataFrame:
    rng = rng_for("bids")
    rows = []
    for vid in ifm_vendors():
        ppm, tech, plan = IFM_BIDS[vid]
        ppm = ppm * rng.uniform(0.99, 1.01)
        rows.append({"tender_id": "T2025-IFM-01", "vendor_id": vid, "service_line": "IFM一体化", "bid_year": 2025,
                     "annual_price_cny": round(ppm * IFM_AREA_M2 * 12, -3), "price_per_m2_month_cny": round(ppm, 2),
                     "technical_score": tech + rng.normal(0, 1.5), "delivery_plan_score": plan + rng.normal(0, 1.5)})
    for tender, line, year, base, bidders in [
        ("T2025-SEC-01", "安保", 2025, 8.2e6, {"V05": (1.00, 82, 80), "V15": (0.91, 70, 66), "V04": (1.08, 86, 84)}),
        ("T2026-CAT-01", "餐饮", 2026, 14.5e6, {"V07": (1.00, 81, 79), "V11": (0.97, 78, 77), "V16": (0.93, 73, 75)}),
    ]:
        for vid, (mult, tech, plan) in bidders.items():
            rows.append({"tender_id": tender, "vendor_id": vid, "service_line": line, "bid_year": year,
                         "annual_price_cny": round(base * mult * rng.uniform(0.98, 1.02), -3), "price_per_m2_month_cny": np.nan,
                         "technical_score": tech + rng.normal(0, 1.5), "delivery_plan_score": plan + rng.normal(0, 1.5)})
    df = pd.DataFrame(rows)
    df.insert(0, "bid_id", _ids("B", len(df), 3))
    return df


CONTRACTS = [("V01", "P1", "物业", 88), ("V02", "P1", "保洁", 85), ("V02", "P3", "保洁", 84), ("V03", "P2", "保洁", 90),
             ("V03", "P2", "物业", 89), ("V05", "P1", "安保", 87), ("V05", "P3", "安保", 86), ("V06", "P3", "设施维修", 84),
             ("V07", "P2", "餐饮", 82)]


def gen_inspections(ctx) -> pd.DataFrame:
    rng = rng_for("inspections")
    rows = []
    decay_start = LAST12[0]
    for month in MONTHS:
        for vid, campus, line, base in CONTRACTS:
            score = base + rng.normal(0, 1.8)
            lam_c = 0.8
            if vid == DECAY_VENDOR and month >= decay_start:
                k = (month.year - decay_start.year) * 12 + month.month - decay_start.month  # 0..11
                score = base - (base - 72) * (k + 1) / 12 + rng.normal(0, 1.2)
                lam_c = 1.0 + 5.0 * (k + 1) / 12
            score = float(np.clip(score, 0, 100))
            rows.append({"vendor_id": vid, "month": month, "campus_id": campus, "service_line": line, "score": score,
                         "defects": int(rng.poisson(max(0.3, (100 - score) / 2.5))), "complaints": int(rng.poisson(lam_c))})
    df = pd.DataFrame(rows)
    df.insert(0, "inspection_id", _ids("I", len(df), 4))
    return df


RISK_TEMPLATES = {
    "财务": [("应收账款占比高，现金流偏紧", "财报"), ("低价投标后存在成本倒挂压力", "尽调"), ("母公司担保能力有限", "尽调")],
    "交付": [("项目经理更替频繁，人员流动率偏高", "访谈"), ("多园区同时进场，人员调配能力不足", "尽调"), ("缺少大型园区一体化交付经验", "尽调")],
    "合规": [("劳务用工社保缴纳不完整", "尽调"), ("分包管理不规范", "尽调"), ("近三年有劳动仲裁案件", "舆情")],
    "安全": [("特种作业持证人员比例偏低", "巡检"), ("高空作业安全措施执行不到位", "巡检")],
    "数据": [("工单系统数据存放在境外云服务", "尽调"), ("未通过信息安全管理体系认证", "尽调")],
    "声誉": [("媒体报道过服务纠纷", "舆情"), ("在其他客户处被约谈整改", "舆情")],
}


def gen_vendor_risks(ctx) -> pd.DataFrame:
    rng = rng_for("vendor_risks")
    cats = list(RISK_TEMPLATES)
    rows = []
    for vid in ifm_vendors():
        if vid == DECAY_VENDOR:
            rows.append({"vendor_id": vid, "category": "交付", "description": "近12个月研发园区保洁与物业巡检得分持续下滑、投诉增多，现场人员流动率高",
                         "likelihood": 4, "impact": 4, "source": "巡检"})
            rows.append({"vendor_id": vid, "category": "财务", "description": "报价显著低于同行，存在低价中标后成本倒挂、压缩人员配置的风险",
                         "likelihood": 4, "impact": 3, "source": "尽调"})
            rows.append({"vendor_id": vid, "category": "声誉", "description": "其他客户园区出现保洁服务投诉的网络舆情",
                         "likelihood": 2, "impact": 3, "source": "舆情"})
            continue
        k = int(rng.integers(2, 5))
        for ci in sorted(rng.choice(len(cats), size=k, replace=False)):
            cat = cats[ci]
            desc, source = RISK_TEMPLATES[cat][int(rng.integers(len(RISK_TEMPLATES[cat])))]
            rows.append({"vendor_id": vid, "category": cat, "description": desc, "likelihood": int(rng.integers(1, 4)),
                         "impact": int(rng.integers(2, 5)), "source": source})
    df = pd.DataFrame(rows)
    df.insert(0, "risk_id", _ids("R", len(df), 2))
    return df


ROLE_SKILLS = {  # ae, delivery, aftersales, data (means)
    "客户经理AE": (3.2, 2.8, 3.0, 2.2), "交付主管": (2.1, 3.8, 3.0, 2.4), "售后专员": (2.3, 2.8, 3.6, 2.0),
    "数据分析员": (2.0, 2.4, 2.2, 3.5), "一线主管": (1.9, 3.5, 3.0, 1.9), "技术工程师": (1.6, 3.3, 2.6, 2.3),
    "服务专员": (1.8, 2.9, 3.1, 1.6),
}
ROLE_P = {"服务专员": .30, "一线主管": .18, "技术工程师": .16, "交付主管": .10, "售后专员": .10, "客户经理AE": .08, "数据分析员": .08}
TECH_LINES = {"设施维修", "IT服务台", "物业", "车辆"}


def gen_staff(ctx) -> pd.DataFrame:
    rng = rng_for("staff")
    cc = ctx["cost_centres"]
    rows = []
    names_seen: set[str] = set()
    for _, c in cc.iterrows():
        k = max(4, int(round(c.headcount ** 0.8 / 1.75)))
        for _ in range(k):
            role = str(_choice(rng, list(ROLE_P), 1, list(ROLE_P.values()))[0])
            if role == "技术工程师" and c.service_line not in TECH_LINES:
                role = "服务专员"
            while True:
                given = "".join(rng.choice(GIVEN, size=int(rng.choice([1, 2], p=[.35, .65]))))
                name = str(rng.choice(SURNAMES[:40] if rng.random() < .7 else SURNAMES)) + given
                if name not in names_seen:
                    names_seen.add(name)
                    break
            if role in ("一线主管", "交付主管"):
                grade = str(_choice(rng, ["M1", "M2", "M3", "M4", "P5", "P6"], 1, [.35, .3, .1, .03, .12, .1])[0])
            else:
                grade = f"P{int(np.clip(rng.normal(4.0 if role != '服务专员' else 2.8, 1.2), 1, 8))}"
            lvl = int(grade[1:]) + (3 if grade[0] == "M" else 0)
            salary = (4200 + 1500 * lvl) * {"P1": 1.2, "P2": 1.0, "P3": 0.88}[c.campus_id] * rng.lognormal(0, 0.08)
            tenure_days = int(rng.integers(120, 365 * 28))
            hire = pd.Timestamp("2026-03-31") - pd.Timedelta(days=tenure_days)
            skills = _clip_round(np.asarray(ROLE_SKILLS[role]) + rng.normal(0, 0.75, 4) + 0.15 * (lvl - 4), 1, 5)
            perf = str(_choice(rng, ["A", "B", "C", "D"], 1, [.2, .5, .25, .05])[0])
            kpi = float(np.clip(rng.normal({"A": 118, "B": 100, "C": 86, "D": 70}[perf], 7), 50, 140))
            rows.append({"name": name, "role": role, "service_line": c.service_line, "campus_id": c.campus_id,
                         "grade": grade, "hire_date": hire, "base_salary_cny_month": round(salary, -1),
                         "skill_ae": skills[0], "skill_delivery": skills[1], "skill_aftersales": skills[2],
                         "skill_data": skills[3], "performance_rating": perf, "kpi_achievement_pct": kpi})
    df = pd.DataFrame(rows)
    df.insert(0, "staff_id", _ids("S", len(df), 4))
    return df


INTERACTION_START = pd.Timestamp("2025-01-01")
INTERACTION_END = pd.Timestamp("2026-06-30")
LINE_USE = {"设施维修": .22, "IT服务台": .2, "餐饮": .12, "会议": .1, "保洁": .08, "物业": .08, "车辆": .07,
            "酒店": .05, "安保": .04, "办公采购": .04}


def gen_interactions(ctx) -> pd.DataFrame:
    rng = rng_for("interactions")
    cust = ctx["internal_customers"]
    span = (INTERACTION_END - INTERACTION_START).days + 1
    rows = []
    for _, c in cust.iterrows():
        end = c.churn_date if c.churned and c.churn_date <= INTERACTION_END else INTERACTION_END
        active = (end - INTERACTION_START).days
        if active <= 0:
            continue
        n = int(rng.poisson(c.headcount ** 0.6 * 2.6 * active / span))
        for _ in range(n):
            d = INTERACTION_START + pd.Timedelta(days=int(rng.integers(0, active)))
            pre_churn = bool(c.churned) and (end - d).days < 180
            tp = [.33, .40, .25 if pre_churn else .07, .04 if pre_churn else .08, .10]
            typ = str(_choice(rng, ["咨询", "下单", "投诉", "表扬", "建议"], 1, tp)[0])
            year_frac = (d - INTERACTION_START).days / span
            ch = str(_choice(rng, ["电话", "企业微信", "线上工单", "现场"], 1,
                             [.34 - .1 * year_frac, .34, .20 + .1 * year_frac, .12])[0])
            line = str(_choice(rng, list(LINE_USE), 1, list(LINE_USE.values()))[0])
            hm = {"电话": 6, "企业微信": 8, "线上工单": 12, "现场": 15}[ch] * (2.5 if typ == "投诉" else 1) * rng.lognormal(0, 0.5)
            ces_mu = 3.0 + (2.3 if typ == "投诉" else 0) - (0.6 if ch == "现场" else 0) + (0.5 if pre_churn else 0)
            ces = None if rng.random() < 0.4 else int(np.clip(round(rng.normal(ces_mu, 1.0)), 1, 7))
            rows.append({"customer_id": c.customer_id, "date": d, "channel": ch, "type": typ, "service_line": line,
                         "handle_minutes": float(min(hm, 600)), "ces": ces})
    df = pd.DataFrame(rows).sort_values(["date", "customer_id"], kind="stable").reset_index(drop=True)
    df["ces"] = pd.array(df["ces"].tolist(), dtype="Int64")
    df.insert(0, "interaction_id", _ids("IA", len(df), 5))
    return df


SQ_DIMS = [("有形性", 4, 5.7, 5.3), ("可靠性", 5, 6.5, 5.5), ("响应性", 4, 6.3, 4.5), ("保证性", 4, 6.2, 5.6), ("移情性", 5, 5.9, 4.9)]


def gen_servqual_survey(ctx) -> pd.DataFrame:
    rng = rng_for("servqual_survey")
    rows = []
    for r in range(1, 201):
        campus = str(_choice(rng, ["P1", "P2", "P3"], 1, [.45, .25, .30])[0])
        e_eff, p_eff = rng.normal(0, 0.35), rng.normal(0, 0.45) - (0.2 if campus == "P3" else 0)
        item = 0
        for dim, k, e_mu, p_mu in SQ_DIMS:
            for _ in range(k):
                item += 1
                rows.append({"respondent_id": f"SQ{r:03d}", "campus_id": campus, "dimension": dim, "item_no": item,
                             "expectation": int(np.clip(round(rng.normal(e_mu + e_eff, 0.6)), 1, 7)),
                             "perception": int(np.clip(round(rng.normal(p_mu + p_eff, 0.8)), 1, 7))})
    return pd.DataFrame(rows)


KANO_FEATURES = [("移动端一键报修", "O"), ("维修进度实时推送", "A"), ("会议室扫码签到", "I"), ("食堂营养标签", "A"),
                 ("月度服务账单", "I"), ("专属客户经理", "O"), ("7×24小时热线", "M"), ("报修2小时内响应承诺", "M"),
                 ("访客预约自动通行", "O"), ("工位在线预订", "A")]
KANO_CELLS = {  # category -> [(functional, dysfunctional, weight)]
    "A": [(1, 3, .5), (1, 4, .3), (1, 2, .2)], "O": [(1, 5, 1.0)], "M": [(2, 5, .35), (3, 5, .45), (4, 5, .2)],
    "I": [(3, 3, .6), (2, 3, .1), (3, 4, .15), (3, 2, .1), (4, 4, .05)], "R": [(5, 1, .5), (4, 1, .25), (3, 1, .25)],
    "Q": [(1, 1, .5), (5, 5, .5)],
}


def gen_kano_survey(ctx) -> pd.DataFrame:
    rng = rng_for("kano_survey")
    cats = ["A", "O", "M", "I", "R", "Q"]
    rows = []
    for r in range(1, 151):
        for feat, main in KANO_FEATURES:
            p = np.array([.12, .12, .12, .12, .02, .02])
            p[cats.index(main)] = .6
            cat = cats[rng.choice(6, p=p / p.sum())]
            cells = KANO_CELLS[cat]
            f, d, _ = cells[rng.choice(len(cells), p=np.array([c[2] for c in cells]) / sum(c[2] for c in cells))]
            rows.append({"respondent_id": f"KA{r:03d}", "feature": feat, "functional": f, "dysfunctional": d})
    return pd.DataFrame(rows)


NPS_LINE_MU = {"酒店": .35, "会议": .15, "车辆": .1, "物业": 0, "保洁": .05, "安保": .1, "办公采购": 0,
               "餐饮": -.3, "设施维修": -.2, "IT服务台": -.25}


def gen_nps_survey(ctx) -> pd.DataFrame:
    rng = rng_for("nps_survey")
    cust = ctx["internal_customers"]
    n = 3000
    span = (INTERACTION_END - INTERACTION_START).days + 1
    dates = INTERACTION_START + pd.to_timedelta(np.sort(rng.integers(0, span, n)), unit="D")
    w = cust["headcount"].to_numpy(float) ** 0.7
    ids = cust["customer_id"].to_numpy()
    churn = cust["churn_date"].to_numpy()
    rows = []
    for d in dates:
        while True:
            i = int(rng.choice(len(cust), p=w / w.sum()))
            if pd.isna(churn[i]) or d < churn[i]:
                break
        pre = not pd.isna(churn[i]) and (pd.Timestamp(churn[i]) - d).days < 240
        line = str(_choice(rng, list(LINE_USE), 1, list(LINE_USE.values()))[0])
        z = rng.normal(NPS_LINE_MU[line] - (0.9 if pre else 0) + 0.2 * (d - INTERACTION_START).days / span, 1.0)
        rows.append({"customer_id": ids[i], "date": d, "service_line": line,
                     "nps_score": int(np.clip(round(7.4 + 1.7 * z + rng.normal(0, 0.6)), 0, 10)),
                     "csat": int(np.clip(round(3.9 + 0.8 * z + rng.normal(0, 0.4)), 1, 5)),
                     "ces": int(np.clip(round(3.2 - 1.0 * z + rng.normal(0, 0.6)), 1, 7))})
    df = pd.DataFrame(rows)
    df.insert(0, "response_id", _ids("N", len(df), 5))
    return df


SUPPLIES = [  # name, unit, unit cost, lead days, holding rate, order cost, mean daily demand (working day)
    ("A4复印纸", "箱", 138.0, 3, 0.20, 80, 14), ("A3复印纸", "箱", 165.0, 5, 0.20, 80, 1.2),
    ("黑色中性笔", "支", 1.8, 3, 0.25, 50, 60), ("A5笔记本", "本", 6.5, 5, 0.25, 50, 18),
    ("文件夹", "个", 4.2, 5, 0.20, 50, 12), ("订书钉", "盒", 2.5, 5, 0.20, 50, 4),
    ("便利贴", "本", 3.2, 5, 0.25, 50, 10), ("黑色硒鼓", "个", 420.0, 7, 0.20, 120, 1.5),
    ("彩色墨盒", "个", 260.0, 10, 0.20, 120, 0.8), ("档案盒", "个", 8.0, 5, 0.20, 50, 9),
    ("白板笔", "支", 3.5, 5, 0.25, 50, 6), ("5号电池", "节", 2.2, 3, 0.20, 50, 10),
    ("U盘(64G)", "个", 45.0, 7, 0.25, 80, 0.6), ("无线鼠标", "个", 38.0, 7, 0.20, 80, 0.9),
    ("桶装饮用水", "桶", 18.0, 1, 0.30, 30, 35),
]


def gen_office_supplies(ctx) -> pd.DataFrame:
    rng = rng_for("office_supplies")
    rows = []
    for i, (name, unit, cost, lead, hold, oc, mean) in enumerate(SUPPLIES, start=1):
        stock = mean * lead * rng.uniform(0.6, 4.0) if i != 8 else mean * lead * 0.4  # 硒鼓 stock is low
        rows.append({"item_id": f"OS{i:02d}", "item_name": name, "unit": unit, "unit_cost_cny": cost,
                     "lead_time_days": lead, "holding_cost_rate_annual": hold, "order_cost_cny": float(oc),
                     "current_stock": int(round(stock))})
    return pd.DataFrame(rows)


HOLIDAYS = [("2025-01-01", "2025-01-01"), ("2025-01-28", "2025-02-04"), ("2025-04-04", "2025-04-06"),
            ("2025-05-01", "2025-05-05"), ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08"),
            ("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"), ("2026-04-04", "2026-04-06"),
            ("2026-05-01", "2026-05-05"), ("2026-06-19", "2026-06-21")]


def gen_office_supply_demand(ctx) -> pd.DataFrame:
    rng = rng_for("office_supply_demand")
    days = pd.date_range("2025-01-01", "2026-06-30", freq="D")
    hol = np.zeros(len(days), bool)
    for a, b in HOLIDAYS:
        hol |= (days >= a) & (days <= b)
    work = (days.dayofweek < 5) & ~hol
    frames = []
    for i, (name, *_x, mean) in enumerate(SUPPLIES, start=1):
        season = np.ones(len(days))
        if "纸" in name or "档案" in name:
            season *= np.where(np.isin(days.month, [3, 9, 12]), 1.25, 1.0)
        if "水" in name:
            season *= np.select([np.isin(days.month, [6, 7, 8]), np.isin(days.month, [12, 1, 2])], [1.4, 0.8], 1.0)
        trend = 1 + 0.05 * np.arange(len(days)) / 365
        lam = np.where(work, mean * season * trend, mean * 0.03)
        q = rng.poisson(lam)
        if "纸" in name:  # occasional bulk requests (big meetings, audits)
            q = q + np.where(work & (rng.random(len(days)) < 0.02), rng.poisson(mean * 4, len(days)), 0)
        frames.append(pd.DataFrame({"date": days, "item_id": f"OS{i:02d}", "quantity": q.astype(int)}))
    return pd.concat(frames).sort_values(["date", "item_id"], kind="stable").reset_index(drop=True)


IOT_UNITS_BY_METRIC = {"vibration_mm_s": "mm/s", "temperature_c": "℃", "power_kw": "kW"}
ASSETS = {  # vibration base, temperature base, rated power kW, load sensitivity
    "CH-01": (2.3, 52.0, 420.0, 1.0), "CH-02": (2.4, 53.0, 420.0, 1.0), "PU-01": (1.8, 45.0, 55.0, 0.8),
    "EL-01": (1.2, 38.0, 22.0, 0.0), "AH-01": (1.5, 34.0, 30.0, 0.7),
}


def gen_iot_readings(ctx) -> pd.DataFrame:
    rng = rng_for("iot_readings")
    ts = pd.date_range("2026-01-01 00:00", "2026-06-30 20:00", freq="4h")
    doy = ts.dayofyear.to_numpy()
    season = 0.3 + 0.65 * np.clip((doy - 60) / 120, 0, 1)  # cooling load from March to end of June
    hour = ts.hour.to_numpy()
    daily = np.select([np.isin(hour, [8, 12, 16]), hour == 20], [1.0, 0.7], 0.35)
    weekday = np.where(ts.dayofweek < 5, 1.0, 0.6)
    fail = pd.Timestamp(f"{FAILURE_DATE} 08:00")
    drift0 = pd.Timestamp(DRIFT_START)
    back = pd.Timestamp(f"{REPAIR_DATE} 16:00")
    frames = []
    for asset, (vib0, temp0, rated, sens) in ASSETS.items():
        load = (season * sens + (1 - sens) * 0.6) * daily * weekday
        if asset == "EL-01":
            load = daily * weekday
        vib = vib0 + 0.5 * load + rng.normal(0, 0.12, len(ts))
        temp = temp0 + 12 * load + rng.normal(0, 0.8, len(ts))
        power = rated * (0.15 + 0.8 * load) * rng.normal(1, 0.04, len(ts))
        if asset == FAILING_ASSET:
            frac = np.clip(((ts - drift0) / (fail - drift0)).to_numpy(dtype=float), 0, None)
            drifting = (ts >= drift0) & (ts < fail)
            vib = vib + np.where(drifting, 4.8 * frac ** 1.6, 0)
            temp = temp + np.where(drifting, 9 * frac ** 1.6, 0)
            down = (ts >= fail) & (ts < back)
            vib = np.where(down, 0.0, vib)
            power = np.where(down, 0.0, power)
            temp = np.where(down, 24 + rng.normal(0, 0.5, len(ts)), temp)
        if asset == "EL-01":  # a single spurious spike (sensor glitch, no failure follows)
            vib = np.where(ts == pd.Timestamp("2026-02-20 12:00"), vib + 3.5, vib)
        for metric, vals in (("vibration_mm_s", vib), ("temperature_c", temp), ("power_kw", power)):
            frames.append(pd.DataFrame({"timestamp": ts, "asset_id": asset, "metric": metric,
                                        "unit": IOT_UNITS_BY_METRIC[metric], "value": np.round(np.maximum(vals, 0), 2)}))
    df = pd.concat(frames)
    order = {a: i for i, a in enumerate(ASSETS)}
    morder = {"vibration_mm_s": 0, "temperature_c": 1, "power_kw": 2}
    df = df.assign(_a=df["asset_id"].map(order), _m=df["metric"].map(morder))
    return df.sort_values(["timestamp", "_a", "_m"], kind="stable").drop(columns=["_a", "_m"]).reset_index(drop=True)


def gen_asset_events(ctx) -> pd.DataFrame:
    rows = [
        ("CH-01", "2026-01-15", "计划保养", "1#冷水机组冬季停机保养：清洗冷凝器、更换润滑油"),
        ("CH-02", "2026-01-16", "计划保养", "2#冷水机组冬季停机保养：清洗冷凝器、更换润滑油"),
        ("PU-01", "2026-03-15", "计划保养", "冷却水泵季度保养：检查机械密封与联轴器对中"),
        ("AH-01", "2026-03-20", "计划保养", "空调箱更换初中效过滤器"),
        ("EL-01", "2026-02-20", "维修完成", "振动传感器接线松动导致单点异常读数，紧固后恢复（非设备故障）"),
        ("CH-01", "2026-04-08", "计划保养", "1#冷水机组供冷季前检查"),
        ("CH-02", "2026-04-09", "计划保养", "2#冷水机组供冷季前检查（未发现异常）"),
        ("EL-01", "2026-04-25", "计划保养", "电梯半月保养：曳引机、门机与安全回路检查"),
        ("CH-02", FAILURE_DATE, "故障停机", "2#冷水机组压缩机振动超限、轴承异响，保护停机；总部园区A座供冷中断约8小时"),
        ("CH-02", REPAIR_DATE, "维修完成", "更换压缩机轴承与联轴器弹性体，动平衡校正后试运行正常"),
        ("PU-01", "2026-06-15", "计划保养", "冷却水泵季度保养：更换轴承润滑脂"),
        ("AH-01", "2026-06-18", "计划保养", "空调箱皮带更换与风机清洁"),
    ]
    df = pd.DataFrame(rows, columns=["asset_id", "date", "event", "description"])
    df["date"] = pd.to_datetime(df["date"])
    return df.sort_values(["date", "asset_id"], kind="stable").reset_index(drop=True)


BACKLOG_TITLES = [
    ("报修小程序增加照片上传", "设施维修"), ("维修工单自动派单", "设施维修"), ("备品备件安全库存看板", "设施维修"),
    ("空调报修高峰期预排班", "设施维修"), ("预防性保养计划电子化", "设施维修"), ("IT自助密码重置", "IT服务台"),
    ("IT知识库常见问题整理", "IT服务台"), ("新员工电脑开箱即用", "IT服务台"), ("会议系统故障一键呼叫", "IT服务台"),
    ("会议室审批流程精简", "会议"), ("会议室扫码签到与自动释放", "会议"), ("大型会议标准作业清单", "会议"),
    ("食堂菜品满意度每日反馈", "餐饮"), ("食堂错峰就餐提示", "餐饮"), ("营养标签上墙", "餐饮"), ("食材损耗日报", "餐饮"),
    ("公务用车线上调度", "车辆"), ("班车线路优化", "车辆"), ("车辆油耗异常预警", "车辆"),
    ("保洁巡检二维码打卡", "保洁"), ("卫生间异味传感器试点", "保洁"), ("保洁质量月度评比", "保洁"),
    ("访客预约自动通行", "安保"), ("夜间巡逻路线电子化", "安保"), ("消防隐患随手拍", "安保"),
    ("物业费用月度账单", "物业"), ("停车位共享预约", "物业"), ("入驻搬迁一站式服务", "物业"), ("能耗分项计量", "物业"),
    ("酒店自助入住", "酒店"), ("客房布草送洗追踪", "酒店"), ("会议+住宿打包预订", "酒店"),
    ("办公用品线上商城", "办公采购"), ("低值易耗品自动补货", "办公采购"), ("供应商比价记录留痕", "办公采购"),
    ("服务目录与价格公示", "物业"), ("客户经理走访计划", "会议"), ("投诉48小时闭环", "IT服务台"),
    ("月度客户满意度看板", "设施维修"), ("一线员工服务礼仪培训", "保洁"),
]


def gen_improvement_backlog(ctx) -> pd.DataFrame:
    rng = rng_for("improvement_backlog")
    rows = []
    end = pd.Timestamp("2026-06-30")
    for title, line in BACKLOG_TITLES:
        created = pd.Timestamp("2025-01-06") + pd.Timedelta(days=int(rng.integers(0, 500)))
        started = created + pd.Timedelta(days=int(rng.integers(7, 90)))
        done = started + pd.Timedelta(days=int(rng.lognormal(math.log(35), 0.5)))
        u = rng.random()
        if started > end or u < 0.4:
            status, started, done = "待办", pd.NaT, pd.NaT
        elif done > end or u < 0.6:
            status, done = "进行中", pd.NaT
        else:
            status = "已完成"
        rows.append({"title": title, "service_line": line, "reach": int(round(rng.lognormal(math.log(400), 0.9))),
                     "impact": float(rng.choice([0.25, 0.5, 1.0, 2.0, 3.0], p=[.1, .25, .35, .2, .1])),
                     "confidence_pct": int(rng.choice([50, 80, 100], p=[.3, .5, .2])),
                     "effort_person_months": float(np.clip(round(rng.lognormal(math.log(1.5), 0.7), 1), 0.2, 12)),
                     "status": status, "created_at": created, "started_at": started, "done_at": done})
    df = pd.DataFrame(rows).sort_values("created_at", kind="stable").reset_index(drop=True)
    df.insert(0, "item_id", _ids("IB", len(df), 3))
    return df


TECH = [  # id, name, category, maturity, fit, capex, opex, benefit, horizon, deps
    ("T01", "低代码工单平台", "平台", 90, 5, 0.6e6, 0.15e6, 0.9e6, "H1", None),
    ("T02", "设施IoT监测", "物联网", 78, 5, 2.2e6, 0.35e6, 1.9e6, "H1", "T01"),
    ("T03", "数据中台", "数据", 72, 4, 4.5e6, 0.8e6, 2.4e6, "H2", "T01"),
    ("T04", "AI客服", "人工智能", 75, 4, 0.9e6, 0.25e6, 1.1e6, "H1", "T01"),
    ("T05", "智能排班", "算法", 70, 4, 0.5e6, 0.1e6, 0.8e6, "H2", "T03"),
    ("T06", "预测性维护", "人工智能", 55, 4, 1.5e6, 0.3e6, 1.8e6, "H2", "T02;T03"),
    ("T07", "清洁机器人", "机器人", 68, 3, 2.4e6, 0.4e6, 1.2e6, "H2", None),
    ("T08", "数字孪生", "数字孪生", 45, 3, 6.0e6, 1.0e6, 1.5e6, "H3", "T02;T03"),
    ("T09", "智慧食堂（无感支付+营养分析）", "物联网", 82, 4, 1.2e6, 0.2e6, 0.7e6, "H1", None),
    ("T10", "能耗管理平台", "物联网", 85, 5, 1.0e6, 0.15e6, 1.3e6, "H1", "T02"),
    ("T11", "无人配送车", "机器人", 40, 2, 1.8e6, 0.3e6, 0.4e6, "H3", None),
    ("T12", "大模型知识助手", "人工智能", 50, 3, 0.8e6, 0.4e6, 0.9e6, "H3", "T03"),
    ("T13", "电子发票与自动对账", "财务数字化", 92, 4, 0.3e6, 0.05e6, 0.45e6, "H1", None),
]


def gen_tech_options(ctx) -> pd.DataFrame:
    cols = ["tech_id", "name", "category", "maturity_pct", "fit_score", "capex_cny", "annual_opex_cny",
            "annual_benefit_cny", "horizon", "dependencies"]
    df = pd.DataFrame(TECH, columns=cols)
    df["maturity_pct"] = df["maturity_pct"].astype(float)
    return df


PARKS = [  # id, name, city, type, area, buildings, tenants, occupants, occupancy, budget (None = from ledger)
    ("P1", "总部园区", "北京", "总部办公园区", 180000, 12, 38, 6500, 0.94, None),
    ("P2", "研发园区", "苏州", "研发办公园区", 120000, 9, 52, 3800, 0.86, None),
    ("P3", "产业园区", "成都", "产业制造园区", 220000, 16, 27, 5200, 0.90, None),
    ("P4", "星湖科创园", "苏州", "科创园区（外部）", 260000, 18, 140, 9000, 0.78, 31.5e6),
    ("P5", "锦江智造产业园", "成都", "产业园区（外部）", 340000, 22, 65, 7000, 0.82, 37.8e6),
    ("P6", "京西国际商务中心", "北京", "商务写字楼（外部）", 95000, 3, 110, 5500, 0.88, 21.2e6),
]
FM_LINES = ("物业", "保洁", "安保", "设施维修")


def gen_parks(ctx) -> pd.DataFrame:
    cc, led = ctx["cost_centres"], ctx["cost_ledger"]
    led = led[(led["month"] >= LAST12[0]) & (led["month"] <= LAST12[1])].merge(cc, on="cost_centre_id")
    fm = led[led["service_line"].isin(FM_LINES)]
    budget = fm[COST_COLS].sum(axis=1).groupby(fm["campus_id"]).sum()
    rows = []
    for pid, name, city, ptype, area, bld, ten, occ, rate, bud in PARKS:
        rows.append({"park_id": pid, "park_name": name, "city": city, "park_type": ptype, "gross_area_m2": float(area),
                     "buildings": bld, "tenants": ten, "occupants": occ, "occupancy_rate": rate,
                     "current_fm_budget_cny": round(float(budget[pid]) if bud is None else bud, -3),
                     "is_internal": bud is None})
    return pd.DataFrame(rows)


def gen_resources(ctx) -> pd.DataFrame:
    rng = rng_for("resources")
    rows = []
    plan = {"P1": (14, 8, 10), "P2": (10, 10, 0), "P3": (8, 4, 0)}
    for campus, (n_room, n_desk, n_hotel) in plan.items():
        caps = sorted(rng.choice([6, 8, 10, 12, 16, 20, 30, 50], size=n_room - 1).tolist()) + [120 if campus == "P1" else 80]
        for i, cap in enumerate(caps, start=1):
            floor = int(rng.integers(2, 12))
            name = f"{floor}F-{floor}{i:02d} 会议室" if cap < 80 else "多功能报告厅"
            rows.append({"resource_type": "会议室", "campus_id": campus, "name": name, "capacity": int(cap),
                         "hourly_rate_cny": float(round(25 * cap ** 0.7, -1))})
        for i in range(1, n_desk + 1):
            rows.append({"resource_type": "工位", "campus_id": campus, "name": f"共享办公区 工位{i:02d}", "capacity": 1,
                         "hourly_rate_cny": 8.0})
        for i in range(1, n_hotel + 1):
            kind = "商务套房" if i > 8 else "标准间"
            rows.append({"resource_type": "客房", "campus_id": campus, "name": f"接待酒店 {kind} {600 + i}",
                         "capacity": 2, "hourly_rate_cny": 45.0 if kind == "商务套房" else 20.0})
    df = pd.DataFrame(rows)
    df.insert(0, "resource_id", _ids("RS", len(df), 3))
    return df


def gen_bookings(ctx) -> pd.DataFrame:
    rng = rng_for("bookings")
    res = ctx["resources"]
    cust = ctx["internal_customers"]
    days = pd.date_range("2025-07-01", "2026-06-30", freq="D")
    rows = []
    for _, r in res.iterrows():
        if r.resource_type == "客房":
            d = days[0] + pd.Timedelta(days=int(rng.integers(0, 3)))
            while d <= days[-1]:
                nights = int(rng.choice([1, 1, 2, 2, 3, 4]))
                start = d + pd.Timedelta(hours=14)
                end = d + pd.Timedelta(days=nights, hours=12)
                if end > pd.Timestamp("2026-07-01 12:00"):
                    break
                rows.append((r.resource_id, r.campus_id, start, end, int(rng.integers(1, 3)), r.capacity))
                d = d + pd.Timedelta(days=nights + int(rng.geometric(0.45)) - 1)
            continue
        for d in days:
            if d.dayofweek >= 5:
                continue
            if r.resource_type == "工位":
                if rng.random() < 0.35:
                    half = int(rng.integers(0, 3))
                    s, e = [(9 * 60, 12 * 60), (13 * 60 + 30, 18 * 60), (9 * 60, 18 * 60)][half]
                    rows.append((r.resource_id, r.campus_id, d + pd.Timedelta(minutes=s), d + pd.Timedelta(minutes=e), 1, 1))
                continue
            rate = 0.5 if r.capacity >= 80 else (1.2 if r.capacity <= 12 else 0.8)
            k = int(rng.poisson(rate))
            cursor = 8 * 60 + 30
            for _ in range(k):
                cursor += 30 * int(rng.integers(0, 6))
                dur = 30 * int(rng.integers(1, 7))
                if cursor + dur > 18 * 60:
                    break
                # big rooms are often booked by small meetings: the occupancy lesson
                if r.capacity <= 16:
                    att = r.capacity * rng.uniform(0.3, 0.95)
                elif rng.random() < 0.5:
                    att = rng.integers(2, 9)
                else:
                    att = r.capacity * rng.uniform(0.3, 0.9)
                att = int(np.clip(round(att), 1, r.capacity))
                rows.append((r.resource_id, r.campus_id, d + pd.Timedelta(minutes=cursor),
                             d + pd.Timedelta(minutes=cursor + dur), att, r.capacity))
                cursor += dur
    df = pd.DataFrame(rows, columns=["resource_id", "campus_id", "start", "end", "attendees", "capacity"])
    df = df.sort_values(["start", "resource_id"], kind="stable").reset_index(drop=True)
    df["customer_id"] = _pick_customers(rng, cust, df["campus_id"].to_numpy(), df["start"])
    df["status"] = _choice(rng, ["已使用", "未到场", "已取消"], len(df), [.84, .09, .07])
    df.insert(0, "booking_id", _ids("BK", len(df), 6))
    return df[list(TABLES["bookings"].column_names)]


GENERATORS = {
    "cost_centres": gen_cost_centres, "cost_ledger": gen_cost_ledger, "service_items": gen_service_items,
    "internal_customers": gen_internal_customers, "work_orders": gen_work_orders,
    "meeting_room_events": gen_meeting_room_events, "vendors": gen_vendors, "bids": gen_bids,
    "inspections": gen_inspections, "vendor_risks": gen_vendor_risks, "staff": gen_staff,
    "interactions": gen_interactions, "servqual_survey": gen_servqual_survey, "kano_survey": gen_kano_survey,
    "nps_survey": gen_nps_survey, "office_supplies": gen_office_supplies,
    "office_supply_demand": gen_office_supply_demand, "iot_readings": gen_iot_readings,
    "asset_events": gen_asset_events, "improvement_backlog": gen_improvement_backlog,
    "tech_options": gen_tech_options, "parks": gen_parks, "resources": gen_resources, "bookings": gen_bookings,
}


def build_all() -> dict[str, pd.DataFrame]:
    """Generate every table in memory (dependency order), keyed by table name."""
    ctx: dict[str, pd.DataFrame] = {}
    for name, fn in GENERATORS.items():
        ctx[name] = fn(ctx)
    assert set(ctx) == set(TABLES), set(TABLES) ^ set(ctx)
    return ctx


# ---------------------------------------------------------------- writing
def to_csv_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Order columns by the schema and format every value as the CSV text."""
    spec = TABLES[name]
    missing = [c for c in spec.column_names if c not in df.columns]
    if missing:
        raise ValueError(f"{name}: generator did not produce {missing}")
    out = {}
    for col in spec.columns:
        s = df[col.name]
        if col.dtype == "date":
            out[col.name] = pd.to_datetime(s).dt.strftime("%Y-%m-%d").fillna("")
        elif col.dtype == "datetime":
            out[col.name] = pd.to_datetime(s).dt.strftime("%Y-%m-%d %H:%M").fillna("")
        elif col.dtype == "float":
            dec = DECIMALS.get(col.name, 2)
            vals = pd.to_numeric(s).astype(float).round(dec)
            out[col.name] = [("" if np.isnan(v) else (repr(float(v)) if dec > 0 else str(int(v)))) for v in vals]
        elif col.dtype == "int":
            out[col.name] = ["" if pd.isna(v) else str(int(v)) for v in s]
        elif col.dtype == "bool":
            out[col.name] = ["" if pd.isna(v) else ("True" if bool(v) else "False") for v in s]
        else:
            out[col.name] = ["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v) for v in s]
    return pd.DataFrame(out)


STORY = """\
# 恒岳控股集团·综合服务中心 案例数据

> 本目录全部数据均为虚构，由 `python -m svc_helpers.casedata.generate` 按固定随机种子生成，
> 重新生成可得到逐字节相同的文件。请勿手工修改 CSV，需要调整时修改生成器。

## 案例故事

恒岳控股集团是一家总部位于北京的大型国有企业集团，业务横跨装备制造、新能源、数字科技与金融服务。
集团在三地拥有园区：北京的**总部园区（P1）**以办公和接待为主，苏州的**研发园区（P2）**聚集了研发中心的
数十个课题组和数字科技公司，成都的**产业园区（P3）**是装备制造与新能源的生产基地。

多年来，三个园区的后勤保障都由集团**综合服务中心**承担，下设十条服务线：酒店、物业、餐饮、车辆、会议、
保洁、安保、设施维修、IT服务台和办公采购，按“园区×服务线”设 {n_cc} 个成本中心，年运行成本约 {total_cost:.1f} 亿元，
费用一直按人头分摊。2025 年，集团下达转型任务：综合服务中心要从“花钱的成本中心”转为“面向市场的服务企业”——
对内按服务目录定价结算，对外承接周边园区的一体化设施管理（IFM）业务，三年内实现自负盈亏。

转型的第一步是看清家底。下面这些数据来自服务中心的财务台账、工单系统、预订系统、供应商管理、设备监测和
客户调查。数据里埋着若干**线索**，等待学员自己发现：

{clues}

## 数据字典

日期格式 `YYYY-MM-DD`，日期时间格式 `YYYY-MM-DD HH:MM`；金额单位为元（人民币）；空单元格表示缺失或不适用。
园区：P1 总部园区（北京）、P2 研发园区（苏州）、P3 产业园区（成都）。
"""

CLUES = [
    "**线索一 · 会议室预订慢在哪里**（meeting_room_events）：从提交申请到收到通知平均要两天多，其中“行政审批”一步的等待中位数约一个工作日；"
    "而“部门审批”几乎从不退回，与行政审批重复把关。",
    "**线索二 · 低价投标者的隐忧**（inspections、bids、vendor_risks）：在 IFM 招标中报价最低的锦程综合设施管理有限公司（V03），"
    "近 12 个月在研发园区的巡检得分从约 90 分一路下滑到 72 分左右，投诉逐月增多。",
    "**线索三 · 冷水机组的预警**（iot_readings、asset_events）：总部园区 2# 冷水机组（CH-02）在 2026-05-12 故障停机，"
    "停机前约三周振动值已持续爬升；同期 EL-01 的一次单点尖峰只是传感器接线松动。",
    "**线索四 · 悄悄流失的客户**（internal_customers、interactions、nps_survey）：研发园区研发中心的小型课题组流失率远高于其他客户，"
    "流失前投诉增多、推荐意愿走低，转而使用外部服务商。",
    "**线索五 · 客户最在意什么**（servqual_survey、kano_survey、work_orders）：SERVQUAL 五个维度中“响应性”的期望—感知差距最大；"
    "Kano 问卷中既有魅力型、期望型，也有必备型和无差异型功能；超出 SLA 的工单满意度明显更低、投诉更多。",
    "**线索六 · 季节与结构**（cost_ledger、staff、bookings）：餐饮业务量在春节月份明显下降、能源费在夏季达到峰值；"
    "骨干员工的客户经营（AE）和数据分析能力普遍偏弱；大会议室常被小型会议占用。",
]


def _range_text(col, s: pd.Series) -> str:
    if col.allowed is not None:
        txt = " / ".join(str(int(a)) if isinstance(a, float) and a.is_integer() and col.dtype == "int" else str(a)
                         for a in col.allowed)
    elif col.min is not None or col.max is not None:
        lo = "" if col.min is None else (f"{col.min:g}")
        hi = "" if col.max is None else (f"{col.max:g}")
        txt = f"{lo} – {hi}" if hi else f"≥ {lo}"
        if col.dtype in ("int", "float"):
            v = pd.to_numeric(s.replace("", np.nan)).dropna()
            if len(v):
                txt += f"（实际 {v.min():g} – {v.max():g}）"
    elif col.dtype in ("date", "datetime"):
        v = s[s != ""]
        txt = f"{v.min()} – {v.max()}" if len(v) else ""
    elif col.dtype == "bool":
        txt = "True / False"
    else:
        v = s[s != ""]
        uniq = sorted(set(v))
        txt = " / ".join(uniq) if 0 < len(uniq) <= 6 and max(len(u) for u in uniq) <= 16 else f"文本（{len(uniq)} 个不同取值）"
    if col.nullable:
        txt += "；可为空"
    return txt.replace("|", "\\|")


def render_readme(frames: dict[str, pd.DataFrame], tables: dict[str, pd.DataFrame]) -> str:
    cc, led = tables["cost_centres"], tables["cost_ledger"]
    last12 = led[(led["month"] >= LAST12[0]) & (led["month"] <= LAST12[1])]
    total = float(last12[COST_COLS].sum().sum()) / 1e8
    parts = [STORY.format(n_cc=len(cc), total_cost=total, clues="\n".join(f"{i}. {c}" for i, c in enumerate(CLUES, 1)))]
    parts.append("\n| 表 | 文件 | 行数 |\n|---|---|---:|\n")
    parts.append("".join(f"| {TABLES[n].title_zh} | `{TABLES[n].filename}` | {len(frames[n])} |\n" for n in TABLES))
    for name, spec in TABLES.items():
        f = frames[name]
        parts.append(f"\n### {spec.title_zh}（`{spec.filename}`，{len(f)} 行）\n\n{spec.description_zh}\n\n")
        parts.append("| 列名 | 含义 | 单位 | 取值范围 |\n|---|---|---|---|\n")
        for col in spec.columns:
            parts.append(f"| `{col.name}` | {col.meaning} | {col.unit} | {_range_text(col, f[col.name])} |\n")
    return "".join(parts)


def generate(out_dir: str | Path | None = None) -> dict[str, Path]:
    """Write every table and ``README.md`` to ``out_dir``; return name → path."""
    if out_dir is None:
        from svc_helpers.paths import CASEDATA_DIR

        out_dir = CASEDATA_DIR
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = build_all()
    frames = {name: to_csv_frame(name, df) for name, df in tables.items()}
    paths = {}
    for name in TABLES:
        p = out / TABLES[name].filename
        p.write_bytes(frames[name].to_csv(index=False, lineterminator="\n").encode("utf-8"))
        paths[name] = p
    readme = out / "README.md"
    readme.write_bytes(render_readme(frames, tables).encode("utf-8"))
    paths["README"] = readme
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="生成恒岳控股集团综合服务中心的虚构案例数据（固定随机种子）")
    ap.add_argument("--out", default=None, help="输出目录（默认：仓库的 casedata/）")
    args = ap.parse_args(argv)
    paths = generate(args.out)
    total = sum(p.stat().st_size for p in paths.values())
    for name, p in paths.items():
        print(f"{p.name:28s} {p.stat().st_size / 1024:9.1f} KB")
    print(f"合计 {total / 1024 / 1024:.2f} MB -> {Path(next(iter(paths.values()))).parent}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
