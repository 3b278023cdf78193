"""案例数据的唯一口径：每张表、每一列的名称、类型、单位、含义与取值范围。

The generator (:mod:`svc_helpers.casedata.generate`), the loaders
(:func:`svc_helpers.casedata.load_table`) and the data dictionary in
``casedata/README.md`` are all derived from :data:`TABLES`.  Column names are a
contract with the rest of the code base: add columns, never rename them.

This module imports only the standard library.
"""
from __future__ import annotations

from dataclasses import dataclass

DTYPES = ("str", "int", "float", "date", "datetime", "bool")

#: 园区（campus）编号与名称，P1–P3 为集团内部园区。
CAMPUSES: dict[str, str] = {"P1": "总部园区", "P2": "研发园区", "P3": "产业园区"}
CAMPUS_CITY: dict[str, str] = {"P1": "北京", "P2": "苏州", "P3": "成都"}
CAMPUS_IDS = tuple(CAMPUSES)

#: 综合服务中心的十条服务线（字符串须完全一致）。
SERVICE_LINES = ("酒店", "物业", "餐饮", "车辆", "会议", "保洁", "安保", "设施维修", "IT服务台", "办公采购")

#: 每条服务线的业务量单位（cost_centres.volume_unit、service_items.unit）。
VOLUME_UNITS: dict[str, str] = {
    "酒店": "间夜",
    "物业": "平方米·月",
    "餐饮": "餐次",
    "车辆": "公里",
    "会议": "场次",
    "保洁": "平方米·月",
    "安保": "岗时",
    "设施维修": "工单",
    "IT服务台": "工单",
    "办公采购": "单",
}

LEVELS_3 = ("高", "中", "低")
PRIORITIES = ("P1", "P2", "P3", "P4")
TIERS = ("基础", "专业", "旗舰")
IFM_LINES = ("物业", "保洁", "设施维修")
IFM_BID_LINE = "IFM一体化"
CERTIFICATIONS = ("ISO9001", "ISO14001", "ISO45001", "ISO41001", "ISO27001")
ROLES = ("客户经理AE", "交付主管", "售后专员", "数据分析员", "一线主管", "技术工程师", "服务专员")
GRADES = tuple(f"P{i}" for i in range(1, 9)) + tuple(f"M{i}" for i in range(1, 5))
SEGMENTS = ("战略客户", "重点客户", "普通客户")
MEETING_ACTIVITIES = ("提交申请", "部门审批", "行政审批", "会议室分配", "发送通知", "签到", "会议结束", "退回修改", "取消")
MEETING_LANES = ("申请人", "部门主管", "行政部", "会务组", "系统")
SERVQUAL_DIMENSIONS = ("有形性", "可靠性", "响应性", "保证性", "移情性")
KANO_SCALE = "1=喜欢 2=理应如此 3=无所谓 4=能忍受 5=不喜欢"
IOT_METRICS = ("vibration_mm_s", "temperature_c", "power_kw")
IOT_UNITS = ("mm/s", "℃", "kW")
ASSET_IDS = ("CH-01", "CH-02", "PU-01", "EL-01", "AH-01")
RICE_IMPACT = (0.25, 0.5, 1.0, 2.0, 3.0)


@dataclass(frozen=True)
class Column:
    """One column of a case table.

    ``min``/``max`` bound numeric columns (inclusive); ``allowed`` lists the
    admissible values of a categorical column; ``nullable`` says whether an
    empty cell is legal.
    """

    name: str
    dtype: str
    unit: str
    meaning: str
    min: float | None = None
    max: float | None = None
    allowed: tuple | None = None
    nullable: bool = False

    def __post_init__(self) -> None:
        if self.dtype not in DTYPES:
            raise ValueError(f"列 {self.name} 的类型 {self.dtype!r} 不在 {DTYPES} 内")


@dataclass(frozen=True)
class TableSpec:
    """One case table: its CSV file, Chinese title/description and columns."""

    name: str
    filename: str
    title_zh: str
    description_zh: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


C = Column  # short alias for the table literals below
_CAMPUS = C("campus_id", "str", "—", "园区编号（P1 总部园区·北京 / P2 研发园区·苏州 / P3 产业园区·成都）", allowed=CAMPUS_IDS)
_LINE = C("service_line", "str", "—", "服务线", allowed=SERVICE_LINES)
_CC = C("cost_centre_id", "str", "—", "成本中心编号，对应 cost_centres.csv")
_CUST = C("customer_id", "str", "—", "内部客户编号，对应 internal_customers.csv")
_VENDOR = C("vendor_id", "str", "—", "供应商编号，对应 vendors.csv")


def _t(name: str, title: str, desc: str, *cols: Column) -> TableSpec:
    return TableSpec(name, f"{name}.csv", title, desc, tuple(cols))


_TABLE_LIST = [
    _t("cost_centres", "成本中心", "综合服务中心按“园区×服务线”设立的成本中心，含集团评审给出的战略价值与可外包性评分、外部市场规模。",
       C("cost_centre_id", "str", "—", "成本中心编号（CC01…）"),
       C("name", "str", "—", "成本中心名称"),
       _LINE, _CAMPUS,
       C("volume_unit", "str", "—", "业务量计量单位", allowed=tuple(sorted(set(VOLUME_UNITS.values())))),
       C("headcount", "int", "人", "在编员工人数", min=1, max=1000),
       C("strategic_value", "int", "分", "战略价值（集团评审，1 低 – 5 高）", min=1, max=5),
       C("outsourceability", "int", "分", "可外包性（1 难以外包 – 5 市场成熟易外包）", min=1, max=5),
       C("external_market_size_cny", "float", "元/年", "所在城市同类服务的外部市场规模（估算）", min=0)),
    _t("cost_ledger", "成本台账（月度）", "2024-01 至 2026-06 每个成本中心每月的成本构成与交付业务量。",
       C("month", "date", "—", "月份（当月 1 日）"),
       _CC,
       C("labour_cny", "float", "元", "人工成本（工资、社保、公积金、福利）", min=0),
       C("materials_cny", "float", "元", "物料消耗（食材、备品备件、耗材等）", min=0),
       C("outsourcing_cny", "float", "元", "外包服务费", min=0),
       C("energy_cny", "float", "元", "能源费（水、电、燃气、燃油）", min=0),
       C("depreciation_cny", "float", "元", "设备设施折旧", min=0),
       C("overhead_cny", "float", "元", "分摊管理费用", min=0),
       C("volume", "int", "见 volume_unit", "当月交付业务量", min=0)),
    _t("service_items", "服务项目清单", "三档定价（基础/专业/旗舰）用的服务菜单。单位成本 = 该服务线近 12 个月（2025-07 至 2026-06）总成本 ÷ 总业务量 × 成本系数。",
       C("item_id", "str", "—", "服务项目编号（SI001…）"),
       _LINE,
       C("item_name", "str", "—", "服务项目名称"),
       C("unit", "str", "—", "计价单位（与服务线业务量单位一致）", allowed=tuple(sorted(set(VOLUME_UNITS.values())))),
       C("cost_weight", "float", "倍", "项目成本相对服务线平均单位成本的倍数（核心项目≈1.0）", min=0.05, max=3),
       C("unit_cost_cny", "float", "元/单位", "项目单位成本（= 平均单位成本 × 成本系数；新增列，便于核对）", min=0),
       C("customer_value_cny", "float", "元/单位", "内部客户因该项目节省或获得的价值（约为成本的 1.5–3 倍）", min=0),
       C("market_price_cny", "float", "元/单位", "外部市场基准价（来自招标与询价，约为成本的 1.05–1.6 倍）", min=0),
       C("suggested_tier", "str", "—", "建议归入的服务档位", allowed=TIERS)),
    _t("work_orders", "服务工单", "2024-01 至 2026-06 各服务线受理的工单，含优先级、SLA 目标、响应与解决时间、满意度与投诉等级。",
       C("order_id", "str", "—", "工单编号（WO000001…）"),
       C("created_at", "datetime", "—", "创建时间"),
       _CAMPUS, _LINE, _CC, _CUST,
       C("category", "str", "—", "工单类别"),
       C("impact", "str", "—", "影响度", allowed=LEVELS_3),
       C("urgency", "str", "—", "紧急度", allowed=LEVELS_3),
       C("priority", "str", "—", "优先级（影响度×紧急度矩阵，ITIL 口径）", allowed=PRIORITIES),
       C("responded_at", "datetime", "—", "首次响应时间"),
       C("resolved_at", "datetime", "—", "解决时间（未关闭工单为空）", nullable=True),
       C("sla_response_min", "int", "分钟", "响应时限（SLA）", min=1, max=1440),
       C("sla_resolve_h", "float", "小时", "解决时限（SLA）", min=0.5, max=240),
       C("labour_hours", "float", "工时", "投入人工工时", min=0, max=200),
       C("material_cny", "float", "元", "耗用材料金额", min=0),
       C("csat", "int", "分", "客户满意度（1–5，未回访为空）", min=1, max=5, nullable=True),
       C("complaint_level", "int", "级", "投诉等级（0 无投诉，1 一般 – 4 重大）", min=0, max=4)),
    _t("meeting_room_events", "会议室预订流程日志", "会议室预订申请的流程事件日志（一行一个事件），可用于还原泳道图、计算各环节等待时间。",
       C("case_id", "str", "—", "申请单编号"),
       C("activity", "str", "—", "流程活动", allowed=MEETING_ACTIVITIES),
       C("timestamp", "datetime", "—", "活动完成时间"),
       C("lane", "str", "—", "泳道（执行角色）", allowed=MEETING_LANES),
       _CAMPUS),
    _t("vendors", "供应商名录", "参与或可能参与集团服务外包的供应商及其资质、规模、数字化水平与财务健康度。",
       C("vendor_id", "str", "—", "供应商编号（V01…）"),
       C("vendor_name", "str", "—", "供应商名称"),
       C("service_lines", "str", "—", "可承接的服务线（分号分隔）"),
       C("founded_year", "int", "年", "成立年份", min=1980, max=2025),
       C("employees", "int", "人", "员工人数", min=10),
       C("annual_revenue_cny", "float", "元", "年营业收入", min=0),
       C("certifications", "str", "—", "管理体系认证（分号分隔：ISO9001/ISO14001/ISO45001/ISO41001/ISO27001）", nullable=True),
       C("digital_level", "int", "级", "数字化成熟度（CMMS/IoT/移动端，1–5）", min=1, max=5),
       C("reference_clients", "int", "家", "可比大型客户案例数", min=0),
       C("compliance_incidents_3y", "int", "起", "近三年合规事件数", min=0),
       C("financial_health", "int", "级", "财务健康度（1 差 – 5 优）", min=1, max=5)),
    _t("bids", "投标记录", "2025–2026 年招标的投标报价与专家评分。T2025-IFM-01 为三园区物业+保洁+设施维修一体化（IFM）招标。",
       C("bid_id", "str", "—", "投标编号"),
       C("tender_id", "str", "—", "招标项目编号"),
       _VENDOR,
       C("service_line", "str", "—", "招标服务线（IFM 招标为“IFM一体化”）", allowed=SERVICE_LINES + (IFM_BID_LINE,)),
       C("bid_year", "int", "年", "投标年份", min=2024, max=2026),
       C("annual_price_cny", "float", "元/年", "年度报价", min=0),
       C("price_per_m2_month_cny", "float", "元/(平方米·月)", "折合每平方米每月单价（按面积计价的招标才有）", min=0, nullable=True),
       C("technical_score", "float", "分", "技术评分（专家组，0–100）", min=0, max=100),
       C("delivery_plan_score", "float", "分", "交付方案评分（0–100）", min=0, max=100)),
    _t("inspections", "供应商月度巡检", "现有外包供应商按月、按园区和服务线的巡检得分、缺陷数与投诉数。",
       C("inspection_id", "str", "—", "巡检编号"),
       _VENDOR,
       C("month", "date", "—", "月份（当月 1 日）"),
       _CAMPUS, _LINE,
       C("score", "float", "分", "巡检综合得分（0–100）", min=0, max=100),
       C("defects", "int", "项", "发现缺陷数", min=0),
       C("complaints", "int", "起", "当月客户投诉数", min=0)),
    _t("vendor_risks", "供应商风险登记", "对 IFM 候选供应商识别出的风险，含可能性与影响评分。",
       C("risk_id", "str", "—", "风险编号（R01…）"),
       _VENDOR,
       C("category", "str", "—", "风险类别", allowed=("财务", "交付", "合规", "安全", "数据", "声誉")),
       C("description", "str", "—", "风险描述"),
       C("likelihood", "int", "级", "可能性（1–5）", min=1, max=5),
       C("impact", "int", "级", "影响程度（1–5）", min=1, max=5),
       C("source", "str", "—", "信息来源", allowed=("尽调", "巡检", "舆情", "财报", "访谈")),
       ),
    _t("staff", "转型关键岗位花名册", "综合服务中心管理与骨干人员（非全员），含岗位、职级、四项能力自评/评估与绩效。",
       C("staff_id", "str", "—", "员工编号（S0001…）"),
       C("name", "str", "—", "姓名（虚构）"),
       C("role", "str", "—", "岗位", allowed=ROLES),
       _LINE, _CAMPUS,
       C("grade", "str", "—", "职级（专业序列 P1–P8，管理序列 M1–M4）", allowed=GRADES),
       C("hire_date", "date", "—", "入职日期"),
       C("base_salary_cny_month", "float", "元/月", "月基本工资", min=3000, max=60000),
       C("skill_ae", "int", "级", "客户经营（AE）能力（1–5）", min=1, max=5),
       C("skill_delivery", "int", "级", "交付管理能力（1–5）", min=1, max=5),
       C("skill_aftersales", "int", "级", "售后服务能力（1–5）", min=1, max=5),
       C("skill_data", "int", "级", "数据分析能力（1–5）", min=1, max=5),
       C("performance_rating", "str", "—", "上年度绩效等级", allowed=("A", "B", "C", "D")),
       C("kpi_achievement_pct", "float", "%", "上年度 KPI 达成率", min=50, max=140)),
    _t("internal_customers", "内部客户", "使用综合服务中心服务的集团内部部门（内部客户），含分层、年度消费与流失情况。",
       C("customer_id", "str", "—", "内部客户编号（C001…）"),
       C("dept_name", "str", "—", "部门名称"),
       C("business_unit", "str", "—", "所属业务单元"),
       _CAMPUS,
       C("headcount", "int", "人", "部门人数", min=1),
       C("segment", "str", "—", "客户分层", allowed=SEGMENTS),
       C("first_service_date", "date", "—", "首次使用服务日期"),
       C("annual_spend_cny", "float", "元/年", "年度服务结算金额（流失客户为流失前 12 个月）", min=0),
       C("churned", "bool", "—", "是否已流失（转向外部服务商）"),
       C("churn_date", "date", "—", "流失日期（未流失为空）", nullable=True)),
    _t("interactions", "客户接触记录", "2025-01 至 2026-06 内部客户与服务中心的每一次接触（咨询、下单、投诉等）。",
       C("interaction_id", "str", "—", "接触编号"),
       _CUST,
       C("date", "date", "—", "日期"),
       C("channel", "str", "—", "渠道", allowed=("电话", "企业微信", "线上工单", "现场")),
       C("type", "str", "—", "类型", allowed=("咨询", "下单", "投诉", "表扬", "建议")),
       _LINE,
       C("handle_minutes", "float", "分钟", "处理时长", min=0, max=600),
       C("ces", "int", "分", "客户费力度 CES（1 很省力 – 7 很费力，未评价为空）", min=1, max=7, nullable=True)),
    _t("servqual_survey", "SERVQUAL 问卷（长表）", "约 200 名内部客户的 SERVQUAL 22 题问卷：每题的期望与感知（7 级量表）。题目分配依 Parasuraman 等（1988）：有形性 1–4、可靠性 5–9、响应性 10–13、保证性 14–17、移情性 18–22。",
       C("respondent_id", "str", "—", "受访者编号"),
       _CAMPUS,
       C("dimension", "str", "—", "服务质量维度", allowed=SERVQUAL_DIMENSIONS),
       C("item_no", "int", "—", "题号（1–22）", min=1, max=22),
       C("expectation", "int", "分", "期望（1 非常不同意 – 7 非常同意）", min=1, max=7),
       C("perception", "int", "分", "感知（1 非常不同意 – 7 非常同意）", min=1, max=7)),
    _t("kano_survey", "Kano 问卷（长表）", "约 150 名内部客户对候选功能的 Kano 正反向问答。量表：" + KANO_SCALE + "。",
       C("respondent_id", "str", "—", "受访者编号"),
       C("feature", "str", "—", "候选功能"),
       C("functional", "int", "—", "正向问题：提供该功能时您的感受（" + KANO_SCALE + "）", min=1, max=5),
       C("dysfunctional", "int", "—", "反向问题：不提供该功能时您的感受（同上）", min=1, max=5)),
    _t("nps_survey", "NPS/CSAT/CES 调查", "2025-01 至 2026-06 服务后推送的推荐度、满意度与费力度调查。",
       C("response_id", "str", "—", "答卷编号"),
       _CUST,
       C("date", "date", "—", "答卷日期"),
       _LINE,
       C("nps_score", "int", "分", "推荐意愿（0–10）", min=0, max=10),
       C("csat", "int", "分", "满意度（1–5）", min=1, max=5),
       C("ces", "int", "分", "费力度（1 很省力 – 7 很费力）", min=1, max=7)),
    _t("office_supplies", "办公用品主数据", "集中采购的常用办公用品：单价、采购提前期、持有成本率、每次订货成本与当前库存。",
       C("item_id", "str", "—", "物品编号"),
       C("item_name", "str", "—", "物品名称"),
       C("unit", "str", "—", "计量单位"),
       C("unit_cost_cny", "float", "元", "单价", min=0),
       C("lead_time_days", "int", "天", "采购提前期", min=1, max=60),
       C("holding_cost_rate_annual", "float", "比例/年", "年持有成本率（占单价）", min=0, max=1),
       C("order_cost_cny", "float", "元/次", "每次订货成本", min=0),
       C("current_stock", "int", "见 unit", "当前库存（2026-06-30 盘点）", min=0)),
    _t("office_supply_demand", "办公用品日需求", "2025-01-01 至 2026-06-30 每天每种办公用品的领用量（含周末与节假日的零需求）。",
       C("date", "date", "—", "日期"),
       C("item_id", "str", "—", "物品编号，对应 office_supplies.csv"),
       C("quantity", "int", "见 unit", "当日领用量", min=0)),
    _t("iot_readings", "设备 IoT 读数", "2026-01-01 至 2026-06-30 每 4 小时一次的关键设备读数（长表）。设备：CH-01/CH-02 冷水机组、PU-01 冷却水泵、EL-01 电梯、AH-01 空调箱，均在总部园区。",
       C("timestamp", "datetime", "—", "读数时间"),
       C("asset_id", "str", "—", "设备编号", allowed=ASSET_IDS),
       C("metric", "str", "—", "指标代码（vibration_mm_s 振动 / temperature_c 温度 / power_kw 功率）", allowed=IOT_METRICS),
       C("unit", "str", "—", "单位", allowed=IOT_UNITS),
       C("value", "float", "见 unit", "读数", min=0)),
    _t("asset_events", "设备事件", "设备的故障停机、计划保养与维修完成记录。",
       C("asset_id", "str", "—", "设备编号", allowed=ASSET_IDS),
       C("date", "date", "—", "日期"),
       C("event", "str", "—", "事件", allowed=("故障停机", "计划保养", "维修完成")),
       C("description", "str", "—", "事件说明")),
    _t("improvement_backlog", "改进待办清单", "持续改进看板上的改进项，含 RICE 评分要素与状态时间戳。",
       C("item_id", "str", "—", "改进项编号"),
       C("title", "str", "—", "改进项名称"),
       _LINE,
       C("reach", "int", "人/季度", "每季度受益人数（Reach）", min=1),
       C("impact", "float", "—", "影响（Intercom RICE 刻度：0.25/0.5/1/2/3）", allowed=RICE_IMPACT),
       C("confidence_pct", "int", "%", "信心（50/80/100）", allowed=(50, 80, 100)),
       C("effort_person_months", "float", "人月", "投入（Effort）", min=0.1, max=24),
       C("status", "str", "—", "状态", allowed=("待办", "进行中", "已完成")),
       C("created_at", "date", "—", "提出日期"),
       C("started_at", "date", "—", "开始日期（待办为空）", nullable=True),
       C("done_at", "date", "—", "完成日期（未完成为空）", nullable=True)),
    _t("tech_options", "技术选项", "可投资的数字化技术选项：成熟度、匹配度、投入与收益、所属地平线与依赖关系。",
       C("tech_id", "str", "—", "技术编号"),
       C("name", "str", "—", "技术名称"),
       C("category", "str", "—", "类别"),
       C("maturity_pct", "float", "%", "技术成熟度（0–100）", min=0, max=100),
       C("fit_score", "int", "分", "与业务的匹配度（1–5）", min=1, max=5),
       C("capex_cny", "float", "元", "一次性投入", min=0),
       C("annual_opex_cny", "float", "元/年", "年运营费用", min=0),
       C("annual_benefit_cny", "float", "元/年", "年收益（节省＋新增收入）", min=0),
       C("horizon", "str", "—", "三地平线（H1 当期 / H2 成长 / H3 未来）", allowed=("H1", "H2", "H3")),
       C("dependencies", "str", "—", "依赖的技术编号（分号分隔，无依赖为空）", nullable=True)),
    _t("parks", "园区清单", "集团内部三个园区与三个潜在外部客户园区的基本情况，用于 IFM 服务包定价。",
       C("park_id", "str", "—", "园区编号（P1–P3 内部，P4 起为外部潜在客户）"),
       C("park_name", "str", "—", "园区名称"),
       C("city", "str", "—", "城市"),
       C("park_type", "str", "—", "园区类型"),
       C("gross_area_m2", "float", "平方米", "总建筑面积", min=0),
       C("buildings", "int", "栋", "楼栋数", min=1),
       C("tenants", "int", "家", "入驻单位数", min=1),
       C("occupants", "int", "人", "日常在园人数", min=1),
       C("occupancy_rate", "float", "比例", "出租/使用率（0–1）", min=0, max=1),
       C("current_fm_budget_cny", "float", "元/年", "当前年度设施管理（FM）预算", min=0),
       C("is_internal", "bool", "—", "是否集团内部园区")),
    _t("resources", "可预订资源", "可按小时预订的会议室、共享工位与客房。",
       C("resource_id", "str", "—", "资源编号"),
       C("resource_type", "str", "—", "资源类型", allowed=("会议室", "工位", "客房")),
       _CAMPUS,
       C("name", "str", "—", "资源名称"),
       C("capacity", "int", "人", "容纳人数", min=1),
       C("hourly_rate_cny", "float", "元/小时", "内部结算小时价", min=0)),
    _t("bookings", "资源预订记录", "2025-07 至 2026-06 会议室、工位与客房的预订及使用状态。",
       C("booking_id", "str", "—", "预订编号"),
       C("resource_id", "str", "—", "资源编号，对应 resources.csv"),
       _CUST,
       C("start", "datetime", "—", "开始时间"),
       C("end", "datetime", "—", "结束时间"),
       C("attendees", "int", "人", "预计人数", min=1),
       C("status", "str", "—", "状态", allowed=("已使用", "未到场", "已取消"))),
]

#: 表名 → 表定义（唯一口径）。
TABLES: dict[str, TableSpec] = {t.name: t for t in _TABLE_LIST}

__all__ = [
    "Column", "TableSpec", "TABLES", "DTYPES", "CAMPUSES", "CAMPUS_CITY", "CAMPUS_IDS",
    "SERVICE_LINES", "VOLUME_UNITS", "PRIORITIES", "TIERS", "ROLES", "IFM_LINES", "IFM_BID_LINE",
]
