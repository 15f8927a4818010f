"""The facts of a synthetic intake: enterprises, projects, planted failures, experts.

Pure data, no I/O and no reportlab: :func:`plan_intake` turns a seed and a
program into records; ``demo_intake`` writes them as CSV and the material
builders print them into PDFs, so the two always agree.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from reviewer_app.core.program import Program
from reviewer_app.core.uscc import ALPHABET, check_character

# The checks of core.eligibility that a planted project fails, one each.
PLANTABLE_RULES: tuple[str, ...] = (
    "entity_type", "nanshan_registration", "location_unchanged", "uscc_valid",
    "dishonest_list", "registered_vendor", "contract_amount", "completion_window",
    "acceptance_report", "material_5", "material_4",
)

NANSHAN = "440305"
BAOAN = "440306"
FUTIAN = "440304"
LUOHU = "440303"

COMPANY = "企业法人"
PUBLIC_INSTITUTION = "事业单位"
BRANCH = "分支机构"

SURNAMES = (
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "钟", "卢", "叶", "欧阳", "司徒",
)
GIVEN_NAMES = (
    "伟", "芳", "敏", "静", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "霞", "平", "刚",
    "志强", "建华", "晓东", "海燕", "文斌", "嘉欣", "思远", "雨桐", "浩然", "俊杰", "婉婷",
    "梓涵", "家豪", "柏霖", "国栋", "立新", "秀兰", "振宇", "慧敏", "子健", "晓琳", "锦华",
    "喆", "堃", "昇", "淼", "彧", "珺", "玥", "翀", "赟", "一鸣", "若曦", "天佑", "嘉诚",
)

BRAND_FIRST = ("鹏", "睿", "蓝", "星", "恒", "瑞", "卓", "启", "拓", "澜", "极", "迅", "博",
               "海", "安", "众", "君", "宏", "嘉", "弘", "兆", "泓", "乾", "晟", "翼", "联")
BRAND_SECOND = ("远", "驰", "衡", "图", "芯", "达", "途", "维", "桥", "航", "越", "泽", "辰",
                "岳", "森", "凌", "璟", "科", "峰", "源", "盛", "智", "湾", "朗", "川", "创")

STREETS = ("粤海街道", "南头街道", "西丽街道", "沙河街道", "蛇口街道", "招商街道", "南山街道",
           "桃源街道")
ROADS = ("科技南十二路", "高新南九道", "深南大道", "科苑路", "留仙大道", "学苑大道", "后海大道",
         "海德三道", "沙河西路", "工业八路")
PARKS = ("科技大厦", "深圳湾科技生态园", "南山智园", "科兴科学园", "创新大厦", "软件产业基地")


@dataclass(frozen=True)
class Metric:
    """An outcome indicator with its value before and after the project."""

    name: str
    unit: str
    before: float
    after: float
    places: int

    def show(self, value: float) -> str:
        return f"{value:,.{self.places}f}"

    @property
    def change(self) -> str:
        ratio = (self.after - self.before) / self.before * 100
        word = "提升" if ratio >= 0 else "降低"
        return f"{self.name}{word}{abs(ratio):.0f}%"


@dataclass(frozen=True)
class Industry:
    """Vocabulary of one industry: company names, project titles, outcome metrics."""

    name: str
    company_words: tuple[str, ...]
    subjects: tuple[str, ...]
    titles: tuple[str, ...]  # "{subject}" is substituted
    metrics: tuple[tuple[str, str, str, float, float, int], ...]  # name, unit, up/down, lo, hi
    pain: str
    build: tuple[str, ...]


INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        "制造业", ("精密制造", "智能装备", "电子科技", "新材料"),
        ("锂电池极片", "PCB电路板", "精密结构件", "手机玻璃盖板", "注塑件", "电机定子"),
        ("基于视觉大模型的{subject}表面缺陷智能检测系统", "AI驱动的{subject}产线智能排产平台",
         "面向{subject}生产的设备预测性维护系统"),
        (("缺陷检出率", "%", "up", 86, 93, 1), ("单件检测时间", "秒", "down", 8, 16, 1),
         ("质检人工成本", "万元/年", "down", 260, 820, 0), ("设备综合效率", "%", "up", 62, 74, 1)),
        "传统人工目检效率低、漏检率高，质检结果依赖个人经验，难以满足客户对一致性的要求",
        ("产线工位高清图像采集与边缘计算节点部署", "缺陷样本库建设与数据标注",
         "基于云端大模型的缺陷识别模型训练与持续迭代", "与MES系统的质检数据对接及可视化看板"),
    ),
    Industry(
        "金融", ("金融信息服务", "数字科技", "融资担保"),
        ("小微企业信贷", "财富管理", "供应链金融", "保险理赔"),
        ("基于大模型的{subject}智能客服与投顾系统", "面向{subject}的AI智能风控平台",
         "{subject}智能反欺诈与合规审查系统"),
        (("审批时效", "小时", "down", 30, 72, 1), ("坏账率", "%", "down", 1.6, 3.8, 2),
         ("客服人工替代率", "%", "up", 12, 30, 1), ("单笔业务处理成本", "元", "down", 90, 260, 0)),
        "业务量快速增长，人工审核与客服压力大，风险识别依赖规则引擎，难以发现新型欺诈模式",
        ("多源数据治理与客户画像建设", "基于大模型的风险识别与授信决策模型",
         "智能客服知识库与对话引擎", "模型监控、审计追溯与合规管理模块"),
    ),
    Industry(
        "医疗健康", ("医疗科技", "生物科技", "健康管理"),
        ("医学影像", "慢病管理", "临床病历", "药事服务"),
        ("基于多模态大模型的{subject}辅助诊断系统", "AI辅助{subject}质控与临床决策支持平台",
         "{subject}智能随访与健康管理平台"),
        (("阅片时间", "分钟/例", "down", 12, 25, 1), ("早期病灶检出率", "%", "up", 78, 88, 1),
         ("病历质控覆盖率", "%", "up", 35, 60, 1), ("患者随访完成率", "%", "up", 45, 65, 1)),
        "医生工作负荷重，基层机构诊断能力不足，病历与影像数据分散，质控主要依靠人工抽查",
        ("医疗数据脱敏与标准化治理", "基于云端大模型的影像与文本多模态分析",
         "院内信息系统（HIS/PACS）集成", "医生端辅助决策界面与反馈闭环"),
    ),
    Industry(
        "物流", ("供应链管理", "物流", "国际货运代理"),
        ("城市配送", "跨境物流", "冷链仓储", "港口集装箱"),
        ("{subject}AI智能调度与路径优化平台", "基于计算机视觉的{subject}智能盘点系统",
         "{subject}单证智能识别与通关辅助系统"),
        (("车辆平均装载率", "%", "up", 62, 75, 1), ("单票配送成本", "元", "down", 6, 14, 2),
         ("单证处理时长", "分钟/票", "down", 18, 45, 1), ("准时交付率", "%", "up", 88, 94, 1)),
        "订单波动大、调度依赖人工经验，车辆空驶率高，单证录入与核对耗费大量人力",
        ("订单、车辆与仓储数据中台建设", "基于大模型的调度优化与需求预测",
         "单证OCR识别与结构化抽取", "调度员工作台与移动端应用"),
    ),
    Industry(
        "零售", ("商贸", "电子商务", "连锁商业"),
        ("连锁门店", "直播电商", "生鲜零售", "家居卖场"),
        ("基于大模型的{subject}智能导购系统", "{subject}AI销量预测与智能补货平台",
         "{subject}AIGC营销内容生成平台"),
        (("库存周转天数", "天", "down", 32, 60, 1), ("缺货率", "%", "down", 4, 9, 1),
         ("营销内容产出", "条/周", "up", 40, 120, 0), ("客单价", "元", "up", 85, 160, 1)),
        "门店与线上渠道数据割裂，补货依赖店长经验，营销内容制作周期长、成本高",
        ("全渠道销售与库存数据整合", "销量预测与补货模型", "AIGC文案与图片生成工作流",
         "门店导购助手与会员运营工具"),
    ),
    Industry(
        "教育", ("教育科技", "文化发展", "职业培训"),
        ("中小学作业", "职业技能", "语言学习", "校园安全"),
        ("AI{subject}个性化辅导与批改平台", "基于大模型的{subject}培训助手",
         "{subject}智能分析与预警系统"),
        (("作业批改时长", "分钟/班", "down", 70, 140, 0), ("学员结业通过率", "%", "up", 72, 84, 1),
         ("教研备课时长", "小时/周", "down", 8, 16, 1), ("学员满意度", "分", "up", 4.1, 4.5, 2)),
        "教师重复性工作多，难以针对学生差异开展个性化教学，教学过程数据利用不足",
        ("题库与课程知识图谱建设", "基于大模型的批改与答疑引擎", "学情分析看板",
         "教师端与学生端应用"),
    ),
    Industry(
        "建筑", ("建设工程", "建筑设计", "工程咨询"),
        ("施工现场", "装配式建筑", "市政工程", "建筑设计"),
        ("基于BIM与AI的{subject}安全智能巡检系统", "AI驱动的{subject}方案生成与审查平台",
         "{subject}视频智能识别与质量管控平台"),
        (("安全隐患发现数", "项/月", "up", 40, 90, 0),
         ("巡检人工工时", "小时/周", "down", 60, 140, 0),
         ("图纸审查时长", "天/项", "down", 6, 15, 1), ("返工率", "%", "down", 3, 7, 1)),
        "工地点多面广，安全巡检依赖人工，隐患发现滞后；设计与审图环节重复劳动多",
        ("工地视频接入与边缘识别终端", "BIM模型与AI识别结果联动", "隐患闭环整改流程",
         "项目管理驾驶舱"),
    ),
    Industry(
        "能源", ("新能源", "能源科技", "电力工程"),
        ("分布式光伏", "储能电站", "配电网", "充电场站"),
        ("{subject}AI智能运维平台", "基于大模型的{subject}调度优化系统",
         "{subject}故障智能诊断系统"),
        (("年发电量", "万千瓦时", "up", 800, 2600, 0), ("故障定位时间", "小时", "down", 2, 6, 1),
         ("运维成本", "万元/年", "down", 120, 380, 0), ("设备可用率", "%", "up", 95, 98, 2)),
        "站点分散、设备数量多，运维依赖定期人工巡检，故障发现和定位慢，发电损失较大",
        ("设备运行数据采集与时序数据库建设", "基于云端大模型的故障诊断与功率预测",
         "运维工单自动派发", "移动巡检应用与知识库"),
    ),
)

# Institutions (事业单位) keep to a few industries with public-sector names.
INSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("深圳市南山区智慧医疗研究中心", "医疗健康"),
    ("深圳市南山区职业技能公共实训中心", "教育"),
    ("深圳市南山区建设工程质量安全技术中心", "建筑"),
    ("深圳市南山区能源与低碳技术服务中心", "能源"),
)

VENDOR_DETAILS: dict[str, tuple[str, str]] = {
    "阿里云计算有限公司": ("ALY", "通义千问大模型服务及PAI机器学习平台"),
    "腾讯云计算（北京）有限责任公司": ("TXY", "腾讯混元大模型及TI-ONE训练平台"),
    "华为云计算技术有限公司": ("HWY", "盘古大模型及ModelArts开发平台"),
    "百度智能云（北京）科技有限公司": ("BDY", "文心大模型及千帆大模型平台"),
    "深圳市云天励飞技术股份有限公司": ("YTLF", "天书大模型及视觉AI解决方案"),
    "北京火山引擎科技有限公司": ("HSYQ", "豆包大模型及火山方舟平台"),
    "深圳市优必选科技股份有限公司": ("UBT", "具身智能机器人及AI视觉平台"),
    "科大讯飞股份有限公司": ("IFLY", "讯飞星火大模型及语音识别服务"),
}
UNREGISTERED_VENDORS: tuple[tuple[str, str, str], ...] = (
    ("深圳市前海星算云科技有限公司", "QHXS", "星算行业大模型服务"),
    ("广州云启智能计算有限公司", "YQZN", "云启AI推理云服务"),
    ("杭州数澜智云科技有限公司", "SLZY", "数澜AI开发平台"),
)

HONOURS = ("国家高新技术企业", "深圳市专精特新中小企业", "广东省工程技术研究中心",
           "深圳市人工智能应用优秀案例", "南山区领航企业", "ISO/IEC 27001信息安全管理体系认证")

EXPERT_AFFILIATIONS = (
    "深圳大学", "南方科技大学", "哈尔滨工业大学（深圳）", "清华大学深圳国际研究生院",
    "北京大学深圳研究生院", "中国科学院深圳先进技术研究院", "香港中文大学（深圳）",
    "深圳市人工智能行业协会", "深圳鹏信会计师事务所（普通合伙）", "深圳市智能制造研究院",
    "深圳湾实验室", "招商局集团数字化中心",
)
EXPERT_FIELDS = ("人工智能", "计算机视觉", "自然语言处理", "智能制造", "财务审计", "医疗信息化",
                 "供应链管理", "金融科技", "能源电力", "工程建设管理", "数据安全")


@dataclass(frozen=True)
class Enterprise:
    name: str
    uscc: str
    entity_type: str
    registered_district: str
    registration_date: dt.date
    legal_representative: str
    industry: Industry
    address: str
    registered_capital: int  # 元
    employees: int
    revenue: int  # last year's revenue, 元
    contact: str
    phone: str
    brand: str


@dataclass(frozen=True)
class Project:
    """One application with everything the materials print about it."""

    project_id: str
    title: str
    subject: str
    enterprise: Enterprise
    operating_in_district: bool
    location_changed: bool
    vendor: str
    vendor_code: str
    service: str
    contract_no: str
    contract_amount: int
    contract_signed_date: dt.date
    completion_date: dt.date
    acceptance_report_date: dt.date | None
    actual_cost: int
    requested_amount: int
    applied_on: dt.date
    metrics: tuple[Metric, ...]
    team: tuple[tuple[str, str, str], ...]  # name, role, duty
    honours: tuple[str, ...]
    summary: str = ""
    planted: str | None = None
    omitted_categories: frozenset[int] = frozenset()
    other_evidence: bool = False
    young: bool = False


@dataclass(frozen=True)
class Expert:
    seat_id: str
    name: str
    affiliation: str
    expertise: str
    projects: tuple[str, ...]


@dataclass(frozen=True)
class Listing:
    uscc: str
    name: str
    list_name: str
    listed_on: dt.date


@dataclass(frozen=True)
class PriorAward:
    uscc: str
    year: int
    amount: int


@dataclass(frozen=True)
class IntakeFacts:
    projects: tuple[Project, ...]
    experts: tuple[Expert, ...]
    dishonest: tuple[Listing, ...]
    prior_awards: tuple[PriorAward, ...]
    planted: dict[str, str] = field(default_factory=dict)


# -- small generators ------------------------------------------------------------------

def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def _org_code(rng: random.Random, legacy: bool) -> str:
    """Nine characters: a GB 11714 organisation code, or a post-2015 ``MA5…`` code."""
    if not legacy:
        return "MA5" + "".join(rng.choice(ALPHABET) for _ in range(6))
    digits = [rng.randrange(10) for _ in range(8)]
    check = 11 - sum(d * w for d, w in zip(digits, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return "".join(map(str, digits)) + {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(rng: random.Random, *, kind: str = "91", division: str = NANSHAN,
              legacy: bool = False) -> str:
    first17 = kind + division + _org_code(rng, legacy)
    return first17 + check_character(first17)


def break_check_character(code: str, rng: random.Random) -> str:
    wrong = rng.choice([ch for ch in ALPHABET if ch != code[17]])
    return code[:17] + wrong


def rmb_upper(amount: int) -> str:
    """Whole yuan in capital numerals, as on contracts and receipts (``壹拾万元整``)."""
    if amount < 0:
        raise ValueError(f"negative amount: {amount}")
    if amount == 0:
        return "零元整"
    digits = "零壹贰叁肆伍陆柒捌玖"
    places = ("", "拾", "佰", "仟")
    group_units = ("", "万", "亿", "万亿")
    groups = []
    while amount:
        amount, group = divmod(amount, 10000)
        groups.append(group)
    out = ""
    gap = False  # zero digits since the last non-zero one
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            gap = gap or bool(out)
            continue
        # Zero digits between two non-zero ones read as one 零, across groups too.
        text = "零" if out and (gap or group < 1000) else ""
        pending_zero = False
        for place in (3, 2, 1, 0):
            digit = group // 10**place % 10
            if digit == 0:
                pending_zero = pending_zero or text not in ("", "零")
                continue
            if pending_zero:
                text += "零"
                pending_zero = False
            text += digits[digit] + places[place]
        out += text + group_units[index]
        gap = group % 10 == 0
    return out + "元整"


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def yuan(amount: int) -> str:
    return f"{amount:,}"


def wan(amount: int) -> str:
    """Yuan as 万元 with two decimals, rounded half up."""
    return str((Decimal(amount) / 10000).quantize(Decimal("0.01"), ROUND_HALF_UP))


# -- planning ------------------------------------------------------------------------

class _Names:
    """Draws enterprise names and credit codes that are unique within the intake."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: set[str] = set()
        self.codes: set[str] = set()
        self.brands: set[str] = set()

    def brand(self) -> str:
        """A trade name (字号) not used yet: two characters, three once those run short."""
        attempts = 0
        while True:
            attempts += 1
            brand = self.rng.choice(BRAND_FIRST) + self.rng.choice(BRAND_SECOND)
            if attempts > 50:
                brand += self.rng.choice(BRAND_SECOND)
            if brand not in self.brands and brand[0] != brand[1]:
                self.brands.add(brand)
                return brand

    def uscc(self, **options: object) -> str:
        while True:
            code = make_uscc(self.rng, **options)  # type: ignore[arg-type]
            if code not in self.codes:
                self.codes.add(code)
                return code


def _address(rng: random.Random, brand: str, district: str = "南山区") -> str:
    if district != "南山区":
        return (f"深圳市{district}新安街道宝安大道{rng.randint(100, 999)}号{brand}中心"
                f"{rng.randint(3, 28)}楼")
    park = rng.choice(PARKS)
    if park == "科技大厦":
        park = brand + park
    else:
        park += f"{rng.choice('ABCD')}座"
    return (f"深圳市南山区{rng.choice(STREETS)}{rng.choice(ROADS)}{rng.randint(1, 399)}号"
            f"{park}{rng.randint(2, 31)}层")


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"


def _enterprise(names: _Names, rng: random.Random, opening: dt.date, *, kind: str,
                young: bool = False) -> Enterprise:
    brand = names.brand()
    if kind == PUBLIC_INSTITUTION:
        name, industry_name = rng.choice(INSTITUTIONS)
        if name in names.names:
            name = name.replace("中心", f"{brand}分中心")
        industry = next(i for i in INDUSTRIES if i.name == industry_name)
        registered = dt.date(rng.randint(1998, 2016), rng.randint(1, 12), rng.randint(1, 28))
        uscc = names.uscc(kind="12", legacy=True)
    else:
        industry = rng.choice(INDUSTRIES)
        word = rng.choice(industry.company_words)
        suffix = "股份有限公司" if rng.random() < 0.2 else "有限公司"
        name = f"深圳市{brand}{word}{suffix}"
        if young:
            registered = opening - dt.timedelta(days=rng.randint(240, 330))
        else:
            registered = dt.date(rng.randint(2006, 2022), rng.randint(1, 12), rng.randint(1, 28))
        uscc = names.uscc(legacy=registered.year < 2016)
    names.names.add(name)
    revenue = rng.randint(8, 900) * 100_000 if not young else 0
    return Enterprise(
        name=name, uscc=uscc, entity_type=kind, registered_district="南山区",
        registration_date=registered, legal_representative=person_name(rng), industry=industry,
        address=_address(rng, brand), registered_capital=rng.choice((100, 300, 500, 1000, 2000,
                                                                     5000)) * 10_000,
        employees=rng.randint(12, 900) if not young else rng.randint(6, 40), revenue=revenue,
        contact=person_name(rng), phone=_phone(rng), brand=brand)


def _metrics(industry: Industry, rng: random.Random) -> tuple[Metric, ...]:
    chosen = rng.sample(industry.metrics, 3)
    out = []
    for name, unit, direction, lo, hi, places in chosen:
        before = round(rng.uniform(lo, hi), places)
        if direction == "up" and unit == "%":
            after = before + (100 - before) * rng.uniform(0.15, 0.5)
        elif direction == "up" and unit == "分":
            after = before + (5 - before) * rng.uniform(0.2, 0.6)
        elif direction == "up":
            after = before * (1 + rng.uniform(0.08, 0.6))
        else:
            after = before * (1 - rng.uniform(0.15, 0.65))
        out.append(Metric(name, unit, before, round(after, places), places))
    return tuple(out)


def _summary(project: Project) -> str:
    e = project.enterprise
    m = project.metrics
    return (f"{e.name}针对{e.industry.pain}的问题，依托{project.vendor}提供的{project.service}，"
            f"建设“{project.title}”。项目于{cn_date(project.contract_signed_date)}签订合同，"
            f"{cn_date(project.completion_date)}完成结项，"
            f"实际投入{wan(project.actual_cost)}万元。上线后{m[0].change}，{m[1].change}，"
            f"{m[2].change}，已在{e.industry.name}领域形成可复制的“AI+”应用示范。")


def _round_amount(value: int, unit: int) -> int:
    return value // unit * unit


def plan_intake(program: Program, *, projects: int, seats: int, seed: int) -> IntakeFacts:
    """Draw every fact of a demo intake from ``seed``.

    About one project in six is planted to fail exactly one eligibility check,
    a different check each while checks remain. Among the others, a few
    enterprises apply with two projects (one of them with a prior award this
    year), one is a public institution and one was registered within the last
    year (capital verification instead of statements).
    """
    rng = random.Random(f"demo-intake:{seed}")
    opening = program.info.opening_date
    window_start = program.eligibility.window_start(opening)
    vendors = sorted(program.eligibility.registered_vendors)
    ids = [f"AI{program.info.year}-{n:04d}" for n in range(1, projects + 1)]

    planted_count = round(projects / 6)
    if projects >= 6:
        planted_count = max(1, planted_count)
    rules = rng.sample(PLANTABLE_RULES, len(PLANTABLE_RULES))
    planted_indices = sorted(rng.sample(range(projects), planted_count))
    planted = {ids[i]: rules[k % len(rules)] for k, i in enumerate(planted_indices)}

    eligible = [pid for pid in ids if pid not in planted]
    order = rng.sample(eligible, len(eligible))
    pairs = max(1, len(eligible) // 8) if len(eligible) >= 3 else 0
    roles: dict[str, tuple[int, str]] = {}  # project id -> (enterprise slot, role)
    slot = 0
    for p in range(pairs):
        for pid in order[2 * p:2 * p + 2]:
            roles[pid] = (slot, "pair")
        slot += 1
    singles = order[2 * pairs:]
    for k, pid in enumerate(singles):
        role = {0: "public", 1: "young"}.get(k, "single") if len(singles) >= 2 else "single"
        roles[pid] = (slot, role)
        slot += 1
    for pid in planted:
        roles[pid] = (slot, "planted")
        slot += 1

    names = _Names(rng)
    enterprises: dict[int, Enterprise] = {}
    records: list[Project] = []
    contract_serial = rng.randint(100, 400)
    titles_of: dict[int, set[str]] = {}
    for pid in ids:
        slot_id, role = roles[pid]
        rule = planted.get(pid)
        if slot_id not in enterprises:
            kind = PUBLIC_INSTITUTION if role == "public" else COMPANY
            enterprises[slot_id] = _enterprise(names, rng, opening, kind=kind,
                                               young=role == "young")
        enterprise = enterprises[slot_id]
        young = role == "young"
        industry = enterprise.industry
        subject = rng.choice(industry.subjects)
        title = rng.choice(industry.titles).format(subject=subject)
        # An enterprise's two projects differ: the same project twice is flagged (八（二）).
        while title in titles_of.setdefault(slot_id, set()):
            subject = rng.choice(industry.subjects)
            title = rng.choice(industry.titles).format(subject=subject)
        titles_of[slot_id].add(title)
        vendor = rng.choice(vendors)
        code, service = VENDOR_DETAILS.get(vendor, ("CLD", "AI大模型服务"))
        if young:
            signed = enterprise.registration_date + dt.timedelta(days=rng.randint(20, 50))
            completion = min(signed + dt.timedelta(days=rng.randint(80, 160)),
                             opening - dt.timedelta(days=rng.randint(10, 30)))
        else:
            completion = opening - dt.timedelta(days=rng.randint(15, 350))
            signed = completion - dt.timedelta(days=rng.randint(90, 300))
        acceptance: dt.date | None = min(completion + dt.timedelta(days=rng.randint(3, 25)),
                                         opening)
        amount = _round_amount(int(200_000 * 15 ** rng.random()), 1000)
        amount = max(amount, 200_000)
        contract_serial += rng.randint(1, 40)
        project = Project(
            project_id=pid, title=title, subject=subject, enterprise=enterprise,
            operating_in_district=True, location_changed=False, vendor=vendor,
            vendor_code=code, service=service,
            contract_no=f"{code}-{signed.year}-{contract_serial:04d}",
            contract_amount=amount, contract_signed_date=signed, completion_date=completion,
            acceptance_report_date=acceptance, actual_cost=amount, requested_amount=0,
            applied_on=opening + dt.timedelta(days=rng.randint(3, 25)),
            metrics=_metrics(industry, rng),
            team=tuple((person_name(rng), role_name, duty) for role_name, duty in (
                ("项目负责人", "总体方案与进度管理"), ("技术负责人", "模型与系统架构"),
                ("数据工程师", "数据治理与标注"), ("业务负责人", "场景落地与成效评估"))),
            honours=tuple(rng.sample(HONOURS, rng.randint(1, 3))),
            other_evidence=rng.random() < 0.5, young=young)
        if rule is not None:
            project = _plant(project, rule, rng, names, window_start)
        # The actual cost is the contract amount: a cost above it is flagged for review
        # (三 实际发生费用), and only planted projects are meant to be flagged. The two
        # draws that once planted cost overruns stay, so that every later fact is unchanged.
        if rng.random() < 0.35:
            rng.uniform(0.01, 0.08)
        cap = int(program.funding.enterprise_annual_cap)
        rate_percent = int(program.funding.max_rate * 100)
        requested = min(_round_amount(project.actual_cost * rate_percent // 100, 100), cap)
        project = replace(project, requested_amount=requested)
        records.append(replace(project, summary=_summary(project)))

    experts = _experts(rng, seats, [p.project_id for p in records if p.planted is None])
    dishonest = _dishonest(rng, names, records)
    awards = _prior_awards(rng, program, records, roles)
    return IntakeFacts(tuple(records), experts, dishonest, awards, planted)


def _plant(project: Project, rule: str, rng: random.Random, names: _Names,
           window_start: dt.date) -> Project:
    """Make ``project`` fail ``rule`` and nothing else."""
    e = project.enterprise
    if rule == "entity_type":
        e = replace(e, entity_type=BRANCH, name=e.name + "南山分公司")
    elif rule == "nanshan_registration":
        if rng.random() < 0.5:
            names.codes.discard(e.uscc)
            e = replace(e, registered_district="宝安区",
                        uscc=names.uscc(division=BAOAN, legacy=e.registration_date.year < 2016),
                        address=_address(rng, e.brand, "宝安区"))
        else:
            return replace(project, enterprise=e, operating_in_district=False, planted=rule)
    elif rule == "location_unchanged":
        return replace(project, location_changed=True, planted=rule)
    elif rule == "uscc_valid":
        e = replace(e, uscc=break_check_character(e.uscc, rng))
    elif rule == "registered_vendor":
        vendor, code, service = rng.choice(UNREGISTERED_VENDORS)
        return replace(project, vendor=vendor, vendor_code=code, service=service,
                       contract_no=f"{code}-{project.contract_signed_date.year}-"
                                   f"{rng.randint(1, 999):04d}", planted=rule)
    elif rule == "contract_amount":
        # The cost follows the smaller contract, so that only the amount check fails.
        amount = rng.choice((96_000, 120_000, 150_000, 180_000))
        return replace(project, contract_amount=amount, actual_cost=amount, planted=rule)
    elif rule == "completion_window":
        # Completed before the window opened; the acceptance report came late, inside
        # the window, so that only the completion check fails.
        completion = window_start - dt.timedelta(days=rng.randint(15, 60))
        return replace(project, completion_date=completion,
                       contract_signed_date=completion - dt.timedelta(days=rng.randint(90, 240)),
                       acceptance_report_date=window_start + dt.timedelta(days=rng.randint(2, 20)),
                       planted=rule)
    elif rule == "acceptance_report":
        return replace(project, acceptance_report_date=None, planted=rule)
    elif rule in ("material_4", "material_5"):
        return replace(project, omitted_categories=frozenset({int(rule[-1])}), planted=rule)
    elif rule != "dishonest_list":
        raise ValueError(f"cannot plant {rule!r}")
    return replace(project, enterprise=e, planted=rule)


def _experts(rng: random.Random, seats: int, eligible: Sequence[str]) -> tuple[Expert, ...]:
    """Seats with balanced round-robin assignments of every eligible project."""
    per_project = min(5, seats)
    assigned: list[list[str]] = [[] for _ in range(seats)]
    cursor = 0
    for pid in eligible:
        for k in range(per_project):
            assigned[(cursor + k) % seats].append(pid)
        cursor = (cursor + per_project) % seats
    experts = []
    used: set[str] = set()
    for i in range(seats):
        name = person_name(rng)
        while name in used:
            name = person_name(rng)
        used.add(name)
        fields = rng.sample(EXPERT_FIELDS, 2)
        experts.append(Expert(seat_id=f"S{i + 1:02d}", name=name,
                              affiliation=rng.choice(EXPERT_AFFILIATIONS),
                              expertise="、".join(fields), projects=tuple(assigned[i])))
    return tuple(experts)


def _dishonest(rng: random.Random, names: _Names, records: Sequence[Project]
               ) -> tuple[Listing, ...]:
    listings = [Listing(p.enterprise.uscc, p.enterprise.name, "严重失信主体名单",
                        p.applied_on - dt.timedelta(days=rng.randint(30, 400)))
                for p in records if p.planted == "dishonest_list"]
    for division, word in ((FUTIAN, "贸易"), (LUOHU, "电子商务")):
        brand = names.brand()
        listings.append(Listing(names.uscc(division=division), f"深圳市{brand}{word}有限公司",
                                rng.choice(("严重失信主体名单", "失信惩戒措施清单")),
                                dt.date(2025, rng.randint(1, 12), rng.randint(1, 28))))
    return tuple(listings)


def _prior_awards(rng: random.Random, program: Program, records: Sequence[Project],
                  roles: dict[str, tuple[int, str]]) -> tuple[PriorAward, ...]:
    eligible = [p for p in records if p.planted is None]
    if not eligible:
        return ()
    paired = [p for p in eligible if roles[p.project_id][1] == "pair"]
    capped = (paired or eligible)[0].enterprise
    awards = [PriorAward(capped.uscc, program.info.year, 600_000)]
    others = [p.enterprise for p in eligible if p.enterprise.uscc != capped.uscc]
    if others:
        # An award of an earlier year, which must not count against this year's cap.
        awards.append(PriorAward(rng.choice(others).uscc, program.info.year - 1, 350_000))
    return tuple(awards)
