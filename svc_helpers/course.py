"""The course map: four days, six modules each (from ../shared/CURRICULUM.md).

Standard library only; the course-map notebook and the tests read it.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from .paths import NOTEBOOKS_DIR


@dataclass(frozen=True)
class Module:
    day: int
    number: int
    slug: str
    question: str
    exercise: str

    @property
    def code(self) -> str:
        return f"D{self.day}-M{self.number}"

    @property
    def stem(self) -> str:
        """``d1m3_pricing_tiers``: the notebook's name and the exercise's save key."""
        return f"d{self.day}m{self.number}_{self.slug}"

    @property
    def notebook(self) -> str:
        """Path relative to ``notebooks/``."""
        return f"day{self.day}/{self.stem}.ipynb"


DAYS = {
    1: "战略觉醒——从成本到资本（WHY）",
    2: "模型重塑——一体化综合服务 IFM（WHAT）",
    3: "核心运营——CRM×PMS 的服务产品化（HOW）",
    4: "卓越执行——组织与人才（WHO + SYSTEM）",
}

MODULES = (
    Module(1, 1, "feasibility_matrix", "为什么内部服务市场化转型是数字时代的必经之路?", "成本中心可行性矩阵"),
    Module(1, 2, "sla_card", "如何把“甲方思维”切换到“乙方思维”?", "SLA 卡与客户旅程 MOT"),
    Module(1, 3, "pricing_tiers", "成本中心如何重塑为利润中心?", "三档服务定价与价目表"),
    Module(1, 4, "bpr_swimlane", "BPR为何是内部服务转型的起点?", "会议室预订泳道图与 ESIA 改进"),
    Module(1, 5, "supplier_scorecard", "一份“能落地”的业务外包实施方案长什么样?", "供应商评分卡与小组共识"),
    Module(1, 6, "smart_procurement", "数字化赋能到底赋了哪些“能”?", "智慧办公采购与数字化成熟度"),
    Module(2, 1, "ifm_integration", "IFM为什么是一站式整合的“总开关”?", "服务整合分析"),
    Module(2, 2, "ifm_kpi_dashboard", "如何用IFM实现运营效率的“跨越式”提升?", "IFM 十大 KPI 看板与 SERVQUAL 雷达"),
    Module(2, 3, "park_package", "产业园与大型企业的IFM最佳实践给了什么启示?", "园区 IFM 服务包与计价"),
    Module(2, 4, "smart_platform", "怎样用“大数据×IoT×AI”搭建“智慧服务平台”?", "数据驱动决策场景与技术选型"),
    Module(2, 5, "vendor_radar", "如何选对IFM供应商并把风险关在制度里?", "供应商雷达、入围规则与风险矩阵"),
    Module(2, 6, "ifm_business_plan", "如何把IFM的成本效益“变现”为商业模式?", "一页纸 IFM 商业计划"),
    Module(3, 1, "customer_profile", "为什么内部服务也要上CRM?", "内部客户画像与 Kano 需求分析"),
    Module(3, 2, "high_value_customer", "如何把客户数据管起来、用起来、算出价值来?", "高价值客户方案：RFM 与容量规划"),
    Module(3, 3, "service_catalogue", "内部服务如何“产品化”并可定价销售?", "服务产品目录"),
    Module(3, 4, "isms_prototype", "PMS的成功经验如何迁移到企业内部?", "ISMS 预订-分配-计费原型"),
    Module(3, 5, "ltv_tiers", "怎样用LTV评估“个性化服务”是否值得?", "权益分层与 LTV 提升"),
    Module(3, 6, "promotion_loop", "如何打造“服务+营销”的内外部闭环?", "30 天推广计划与 NPS/CSAT/CES"),
    Module(4, 1, "capability_map", "什么样的团队能顶住“市场化”的真刀真枪?", "能力地图与价值诊断互评"),
    Module(4, 2, "plan_30_60_90", "怎样做出有效的“30-60-90天”入职与转型计划?", "30-60-90 天计划看板"),
    Module(4, 3, "roadshow_scoring", "体验式教学如何把“知道”变“会做”?", "路演评分与评委一致性"),
    Module(4, 4, "bonus_formula", "绩效与激励如何真正“指挥”转型?", "三项硬 KPI 与奖金公式"),
    Module(4, 5, "improvement_kanban", "如何用“数据×精益×敏捷”持续变好?", "RICE 改进看板"),
    Module(4, 6, "tech_roadmap", "未来三年,我们应该押注哪些趋势与能力?", "三年技术路线图"),
)


def module(code: str) -> Module:
    """The module with code ``d1m3`` (day 1, module 3)."""
    for m in MODULES:
        if code == f"d{m.day}m{m.number}":
            return m
    raise KeyError(f"课程中没有模块 {code}")


def available(module: Module, root: Path = NOTEBOOKS_DIR) -> bool:
    """True when the module's notebook exists."""
    return (root / module.notebook).is_file()


def course_map_html(root: Path = NOTEBOOKS_DIR) -> str:
    """The course map as HTML: existing modules link to their app, the rest say 即将推出."""
    parts = ['<div class="svc-course-map" style="font-family:\'Noto Sans CJK SC\',\'Noto Sans SC\','
             '\'Microsoft YaHei\',sans-serif;">']
    for day, theme in DAYS.items():
        parts.append(f'<h3 style="color:#1b3f66;margin:14px 0 4px 0;">第 {day} 天 · {html.escape(theme)}</h3>'
                     '<table style="border-collapse:collapse;width:100%;">')
        for m in (m for m in MODULES if m.day == day):
            if available(m, root):
                status = (f'<a class="svc-module-link" href="{m.notebook}" '
                          f'style="color:#1f5f8b;font-weight:bold;">进入练习 ›</a>')
            else:
                status = '<span style="color:#9aa5b1;">即将推出</span>'
            parts.append(
                '<tr style="border-bottom:1px solid #e3e8ee;">'
                f'<td style="text-align:left;padding:6px;width:70px;color:#5b6770;">{m.code}</td>'
                f'<td style="text-align:left;padding:6px;">{html.escape(m.question)}</td>'
                f'<td style="text-align:left;padding:6px;color:#5b6770;">{html.escape(m.exercise)}</td>'
                f'<td style="text-align:left;padding:6px;width:90px;">{status}</td></tr>')
        parts.append("</table>")
    parts.append("</div>")
    return "".join(parts)
