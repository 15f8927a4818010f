"""The material files of one demo project, category by category (operating rules, 六).

Each builder returns finished files; every file carries its own marker string
(PDF Keywords plus a visible line on every page, or a PNG ``tEXt`` chunk) so a
test can scan a disk for plaintext that escaped the encrypted package.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from reviewer_app.central.demo import pdfkit
from reviewer_app.central.demo.facts import (
    BRANCH,
    PUBLIC_INSTITUTION,
    Project,
    cn_date,
    person_name,
    rmb_upper,
    wan,
    yuan,
)
from reviewer_app.central.demo.pdfkit import (
    FRAME_INNER_WIDTH,
    DocInfo,
    ScanPage,
    SignatureBlock,
    bar_chart,
    build_pdf,
    draw_seal,
    draw_wrapped,
    grid,
    line_chart,
    para,
)
from reviewer_app.central.demo.raster import (
    INK_BLACK,
    RULE_GREY,
    Fixture,
    Raster,
    fixture,
    png_bytes,
)
from reviewer_app.core.program import Program

# Scans are A4 at 80 dpi: legible on screen, about 100-150 KB each.
SCAN_WIDTH, SCAN_HEIGHT = 661, 935
TAX_OFFICE = "国家税务总局深圳市南山区税务局"
MARKET_REGULATOR = "深圳市市场监督管理局"
PAD_PAGE_WIDTH, PAD_PAGE_HEIGHT = 1240, 1754  # A4 at 150 dpi
PAD_FILE_BYTES = 24_000_000


@dataclass(frozen=True)
class Material:
    """One file of ``materials/<project_id>/``."""

    filename: str
    data: bytes
    marker: str


class _Builder:
    """Builds the files of one project from its own random stream."""

    def __init__(self, project: Project, program: Program, rng: random.Random) -> None:
        self.p = project
        self.e = project.enterprise
        self.program = program
        self.rng = rng
        self.files: list[Material] = []

    # -- plumbing --------------------------------------------------------------------

    def marker(self, category: int) -> str:
        return f"RVMARK-{self.p.project_id}-{category}-{self.rng.getrandbits(64):016x}"

    def pdf(self, category: int, title: str, story: list[Flowable]) -> None:
        marker = self.marker(category)
        info = DocInfo(title=f"{title}—{self.e.name}", author=self.e.name,
                       subject=self.p.title, marker=marker,
                       header=f"{self.e.name}｜{self.p.project_id}")
        self.files.append(Material(f"{category}-{title}.pdf", build_pdf(story, info), marker))

    def png(self, category: int, title: str, image: Raster) -> None:
        marker = self.marker(category)
        data = png_bytes(image, {"Title": f"{category}-{self.p.project_id}",
                                 "Comment": marker})
        self.files.append(Material(f"{category}-{title}.png", data, marker))

    def paper(self, *fixtures: Fixture) -> Raster:
        return Raster.paper(SCAN_WIDTH, SCAN_HEIGHT, self.rng, fixtures=fixtures)

    def signed_scan(self, title: str, lines: list[str], labels: list[str],
                    seal: str, *, signature: bool = True) -> ScanPage:
        """A scanned, signed and stamped page: raster paper, ink and seal; vector text."""
        w, h = SCAN_WIDTH, SCAN_HEIGHT
        image = self.paper(fixture("frame", int(w * 0.06), int(h * 0.05), int(w * 0.94),
                                   int(h * 0.95), RULE_GREY, 1))
        if signature:
            image.signature(int(w * 0.48), int(h * 0.725), int(w * 0.16), self.rng)
        seal_x, seal_y, seal_r = int(w * 0.70), int(h * 0.80), int(w * 0.12)
        image.seal(seal_x, seal_y, seal_r, self.rng)

        def overlay(canvas: Canvas, bw: float, bh: float) -> None:
            font = pdfkit.register_fast_cjk_font()
            canvas.setFillColor(pdfkit.INK)
            canvas.setFont(font, 16)
            canvas.drawCentredString(bw / 2, bh * 0.88, title)
            y = bh * 0.81
            for line in lines:
                y = draw_wrapped(canvas, line, bw * 0.11, y, bw * 0.78, 10) - 4
            y = bh * 0.27
            for label in labels:
                canvas.setFont(font, 10.5)
                canvas.drawString(bw * 0.11, y, label)
                y -= 22
            draw_seal(canvas, bw * seal_x / w, bh * (1 - seal_y / h), bw * seal_r / w, seal,
                      lettering_only=True)

        return ScanPage(image, overlay)

    # -- categories ------------------------------------------------------------------

    def application_form(self) -> None:
        p, e, program = self.p, self.e, self.program
        yes_no = {True: "是", False: "否"}
        story: list[Flowable] = [
            Spacer(1, 20 * mm),
            para("南山区促进产业高质量发展专项资金——区科技创新局分项资金", "subtitle"),
            para(f"{program.info.name}\n项目申请书", "cover"),
            Spacer(1, 12 * mm),
            grid([["项目名称", p.title], ["申报单位（盖章）", e.name],
                  ["统一社会信用代码", e.uscc], ["法定代表人", e.legal_representative],
                  ["项目联系人", e.contact], ["联系电话", e.phone],
                  ["申报日期", cn_date(p.applied_on)]],
                 [42 * mm, FRAME_INNER_WIDTH - 42 * mm], header_rows=0, label_cols=[0],
                 font_size=11),
            Spacer(1, 30 * mm),
            para(f"{program.info.authority}  制", "subtitle"),
            PageBreak(),
            para("一、申报单位基本情况", "h1"),
            grid([["单位名称", e.name], ["单位性质", e.entity_type],
                  ["成立日期", cn_date(e.registration_date)], ["注册地址", e.address],
                  ["注册地所在区", e.registered_district], ["所属行业", e.industry.name],
                  ["职工人数", f"{e.employees} 人"],
                  ["上年度营业收入", f"{wan(e.revenue)} 万元"],
                  ["注册资本", f"{wan(e.registered_capital)} 万元"],
                  ["是否在南山区实际经营", yes_no[p.operating_in_district]],
                  ["申请后项目实施地或数据申报地是否变化", yes_no[p.location_changed]]],
                 [58 * mm, FRAME_INNER_WIDTH - 58 * mm], header_rows=0, label_cols=[0]),
            para("二、项目基本情况", "h1"),
            grid([["项目名称", p.title], ["云服务商执行单位", p.vendor],
                  ["采用的AI技术服务", p.service], ["合同编号", p.contract_no],
                  ["合同金额", f"{yuan(p.contract_amount)} 元"],
                  ["合同签订日期", cn_date(p.contract_signed_date)],
                  ["合同结项日期", cn_date(p.completion_date)],
                  ["终验报告日期", cn_date(p.acceptance_report_date)
                   if p.acceptance_report_date else "（尚未取得终验报告）"],
                  ["实际发生费用", f"{yuan(p.actual_cost)} 元"],
                  ["申请资助金额", f"{yuan(p.requested_amount)} 元"]],
                 [58 * mm, FRAME_INNER_WIDTH - 58 * mm], header_rows=0, label_cols=[0]),
            para("三、项目简介", "h1"),
            para(p.summary),
            para("四、主要建设内容", "h1"),
            *[para(f"{i}. {item}", "bullet") for i, item in enumerate(e.industry.build, 1)],
            para("五、实施成效", "h1"),
            self.metrics_table(),
            para("六、申报单位承诺", "h1"),
            para(f"本单位承诺所提交的申报材料完整、真实、准确、合法，无虚假或侵权行为；"
                 f"项目实施地与数据申报地在申请后不发生变化；同意{program.info.authority}"
                 "根据年度资金预算对资助金额和拨付进度进行统一调整。如有不实，"
                 "本单位愿承担相应法律责任。"),
            SignatureBlock([(["法定代表人（签字）：", "", f"日期：{cn_date(p.applied_on)}"],
                             e.name)]),
            PageBreak(),
            self.signed_scan(
                "承 诺 书",
                [f"本单位{e.name}（统一社会信用代码：{e.uscc}）申报{program.info.name}"
                 f"项目“{p.title}”，现郑重承诺：",
                 "一、所提交的全部申报材料真实、准确、完整、合法，复印件与原件一致；",
                 "二、本单位未被纳入严重失信主体名单或失信惩戒措施清单；",
                 "三、申请后项目实施地或数据申报地如发生变化，将及时主动报告；",
                 "四、同意主管部门对资助金额和拨付进度进行统一调整。",
                 "如违反上述承诺，本单位愿承担由此产生的一切法律责任。"],
                [f"法定代表人（签字）：{e.legal_representative}", "单位（盖章）：",
                 f"日期：{cn_date(p.applied_on)}"], e.name),
        ]
        self.pdf(1, "项目申请书", story)

    def metrics_table(self) -> Flowable:
        rows = [["指标", "单位", "实施前", "实施后", "变化"]]
        for m in self.p.metrics:
            rows.append([m.name, m.unit, m.show(m.before), m.show(m.after), m.change[len(m.name):]])
        widths = [52 * mm, 28 * mm, 28 * mm, 28 * mm]
        return grid(rows, [*widths, FRAME_INNER_WIDTH - sum(widths)], right_cols=[2, 3])

    def licence(self) -> None:
        p, e = self.p, self.e
        public = e.entity_type == PUBLIC_INSTITUTION
        title = "事业单位法人证书" if public else "营 业 执 照"
        kind = {PUBLIC_INSTITUTION: "事业单位", BRANCH: "有限责任公司分公司"}.get(
            e.entity_type, "股份有限公司" if "股份" in e.name else "有限责任公司")
        regulator = "深圳市南山区事业单位登记管理局" if public else MARKET_REGULATOR
        scope = (f"人工智能应用软件开发；信息系统集成服务；{e.industry.name}相关技术咨询、"
                 "技术服务、技术开发；数据处理和存储支持服务。（依法须经批准的项目，"
                 "经相关部门批准后方可开展经营活动）")
        w, h = SCAN_WIDTH, SCAN_HEIGHT
        image = self.paper(
            fixture("frame", int(w * 0.05), int(h * 0.04), int(w * 0.95), int(h * 0.96),
                    (170, 120, 60), 4),
            fixture("frame", int(w * 0.07), int(h * 0.055), int(w * 0.93), int(h * 0.945),
                    (170, 120, 60), 1),
            fixture("ring", w // 2, int(h * 0.11), int(w * 0.05), 0, (200, 60, 50),
                    strength=0.8),
            fixture("star", w // 2, int(h * 0.11), w * 0.03, (240, 200, 60)))
        for row in range(21):  # the QR code to the public credit record
            for col in range(21):
                if self.rng.random() < 0.5 or (row < 7 and col < 7):
                    x = int(w * 0.76) + col * 4
                    y = int(h * 0.08) + row * 4
                    image.rect(x, y, x + 4, y + 4, INK_BLACK)
        seal_x, seal_y, seal_r = int(w * 0.70), int(h * 0.84), int(w * 0.11)
        image.seal(seal_x, seal_y, seal_r, self.rng)
        fields = [("统一社会信用代码", e.uscc), ("名　　称", e.name), ("类　　型", kind),
                  ("法定代表人", e.legal_representative),
                  ("注册资本", f"人民币{wan(e.registered_capital)}万元"),
                  ("成立日期", cn_date(e.registration_date)), ("住　　所", e.address),
                  ("经营范围", scope)]

        def overlay(canvas: Canvas, bw: float, bh: float) -> None:
            font = pdfkit.register_fast_cjk_font()
            canvas.setFillColor(pdfkit.INK)
            canvas.setFont(font, 24)
            canvas.drawCentredString(bw / 2, bh * 0.80, title)
            canvas.setFont(font, 10)
            canvas.drawCentredString(bw / 2, bh * 0.77, "（副　本）")
            y = bh * 0.71
            for label, value in fields:
                canvas.setFont(font, 10)
                canvas.drawString(bw * 0.12, y, label)
                y = draw_wrapped(canvas, value, bw * 0.33, y, bw * 0.55, 10) - 8
            canvas.setFont(font, 10)
            canvas.drawString(bw * 0.55, bh * 0.21, f"登记机关　{regulator}")
            canvas.drawString(bw * 0.62, bh * 0.18, cn_date(e.registration_date))
            draw_seal(canvas, bw * seal_x / w, bh * (1 - seal_y / h), bw * seal_r / w,
                      regulator, lettering_only=True)

        story: list[Flowable] = [
            ScanPage(image, overlay), PageBreak(),
            para("国家企业信用信息公示系统　查询结果", "title"),
            para(f"查询日期：{cn_date(p.applied_on - dt.timedelta(days=2))}", "subtitle"),
            grid([["项目", "登记信息"], *[[label.replace("　", ""), value]
                                      for label, value in fields],
                  ["登记状态", "存续（在营、开业、在册）"], ["登记机关", regulator],
                  ["经营异常名录", "未列入"], ["严重违法失信名单", "未列入"]],
                 [42 * mm, FRAME_INNER_WIDTH - 42 * mm], label_cols=[0]),
            para("注：本页为申报单位自国家企业信用信息公示系统下载打印，与营业执照副本一并提交。",
                 "note"),
        ]
        self.pdf(2, "统一社会信用代码证书", story)

    def identity_card(self) -> None:
        """An ID card copy, front and back, stamped with the company seal (PNG)."""
        w, h = SCAN_WIDTH, SCAN_HEIGHT
        card_w, card_h = int(w * 0.62), int(w * 0.62 / 1.58)
        left = (w - card_w) // 2
        front, back = int(h * 0.12), int(h * 0.52)
        # The printed card, the same on every copy; the fields vary.
        card: list[Fixture] = []
        for top in (front, back):
            card += [fixture("rect", left, top, left + card_w, top + card_h, (228, 236, 240)),
                     fixture("frame", left, top, left + card_w, top + card_h,
                             (150, 160, 170), 2)]
        # Front: photo and a machine-readable strip.
        px, py = left + int(card_w * 0.66), front + int(card_h * 0.18)
        pw, ph = int(card_w * 0.27), int(card_h * 0.62)
        head_x = px + pw // 2
        shoulders = tuple((head_x + pw * 0.42 * math.cos(t * math.pi / 16),
                           py + ph - ph * 0.34 * math.sin(t * math.pi / 16)) for t in range(17))
        card += [fixture("rect", px, py, px + pw, py + ph, (205, 215, 225)),
                 fixture("ring", head_x, py + int(ph * 0.36), int(pw * 0.2), 0, (120, 110, 105)),
                 fixture("polygon", shoulders, (60, 70, 90)),
                 fixture("rect", left + 20, front + card_h - 26, left + card_w - 20,
                         front + card_h - 14, INK_BLACK, strength=0.8),
                 # Back: emblem.
                 fixture("ring", left + 50, back + 50, 30, 0, (200, 50, 40), strength=0.85),
                 fixture("star", left + 50, back + 48, 16, (245, 205, 70))]
        image = self.paper(*card)
        image.text_lines(left + 20, front + 22, left + int(card_w * 0.6), 5, self.rng,
                         pitch=int(card_h * 0.14), height=8)
        # Back: issuing authority and validity.
        image.text_lines(left + 100, back + 36, left + card_w - 30, 2, self.rng,
                         pitch=24, height=12, color=(170, 40, 40))
        image.text_lines(left + 40, back + int(card_h * 0.66), left + card_w - 40, 2,
                         self.rng, pitch=20, height=8)
        image.text_lines(int(w * 0.2), int(h * 0.9), int(w * 0.8), 1, self.rng, height=9,
                         color=(60, 60, 160), strength=0.6)
        image.seal(int(w * 0.74), int(h * 0.86), int(w * 0.11), self.rng)
        self.png(3, "法定代表人身份证", image)

    def tax_certificates(self) -> None:
        p, e, rng = self.p, self.e, self.rng
        year = self.program.info.year - 1
        base = max(e.revenue, 2_000_000)
        taxes = [("增值税", "信息技术服务", base * rng.uniform(0.02, 0.05)),
                 ("企业所得税", "应纳税所得额", base * rng.uniform(0.004, 0.02)),
                 ("城市维护建设税", "增值税附征", 0.0), ("教育费附加", "增值税附征", 0.0),
                 ("个人所得税", "工资薪金所得", e.employees * rng.uniform(1800, 6000))]
        vat = int(taxes[0][2])
        amounts = [vat, int(taxes[1][2]), vat * 7 // 100, vat * 3 // 100, int(taxes[4][2])]
        rows = [["原凭证号", "税种", "品目名称", "税款所属时期", "入（退）库日期",
                 "实缴（退）金额"]]
        for i, ((tax, item, _), amount) in enumerate(zip(taxes, amounts, strict=True)):
            rows.append([f"3444{rng.randint(10**11, 10**12 - 1)}", tax, item,
                         f"{year}-01-01至{year}-12-31",
                         f"{year + 1}-0{1 + i % 4}-{10 + i:02d}", f"{amount:,.2f}"])
        total = sum(amounts)
        rows.append(["金额合计", f"（大写）{rmb_upper(total)}", "", "", "", f"{total:,.2f}"])
        table = grid(rows, [30 * mm, 22 * mm, 26 * mm, 38 * mm, 24 * mm,
                            FRAME_INNER_WIDTH - 140 * mm], right_cols=[5], font_size=8,
                     spans=[(len(rows) - 1, 1, 4)])
        issued = p.applied_on - dt.timedelta(days=rng.randint(3, 12))
        story: list[Flowable] = [
            para("中华人民共和国\n税 收 完 税 证 明", "title"),
            para(f"（{year + 1}）深南税证　{rng.randint(10**7, 10**8 - 1)}号", "subtitle"),
            grid([["纳税人识别号", e.uscc, "纳税人名称", e.name],
                  ["填发日期", cn_date(issued), "税务机关", TAX_OFFICE]],
                 [26 * mm, 52 * mm, 26 * mm, FRAME_INNER_WIDTH - 104 * mm], header_rows=0,
                 label_cols=[0, 2]),
            Spacer(1, 4 * mm), table,
            para("妥善保管。本凭证不作纳税人记账、抵扣凭证。", "note"),
            SignatureBlock([(["填票人：电子税务局", f"开具日期：{cn_date(issued)}"], TAX_OFFICE)]),
            PageBreak(),
            para("无欠税证明", "title"),
            para(f"深税无欠税证〔{year + 1}〕{rng.randint(1000, 9999)}号", "subtitle"),
            para(f"纳税人名称：{e.name}", "plain"),
            para(f"统一社会信用代码（纳税人识别号）：{e.uscc}", "plain"),
            Spacer(1, 4 * mm),
            para(f"经查询税收征管信息系统，截至{cn_date(issued)}，未发现该纳税人有欠税情形。"),
            para("本证明仅证明纳税人在税收征管信息系统截至开具时间的欠税情况，"
                 "不作为纳税人完税情况的证明，也不作为纳税人欠税情况的最终认定。", "note"),
            Spacer(1, 10 * mm),
            SignatureBlock([([TAX_OFFICE, f"{cn_date(issued)}"], TAX_OFFICE)]),
        ]
        self.pdf(4, "完税证明和无欠税证明", story)

    def contract(self) -> None:
        p, e = self.p, self.e
        amount = p.contract_amount
        shares = (0.45, 0.3, 0.15)
        items = [(f"{p.service}调用服务", "按量计费资源包（12个月）", int(amount * shares[0])),
                 ("行业模型定制训练与调优", f"面向{p.subject}场景", int(amount * shares[1])),
                 ("系统集成与部署实施", "含私有网络与安全配置", int(amount * shares[2]))]
        items.append(("运维支持与人员培训", "12个月", amount - sum(i[2] for i in items)))
        rows = [["序号", "服务项目", "规格/说明", "数量", "单价（元）", "金额（元）"]]
        for n, (name, spec, value) in enumerate(items, 1):
            rows.append([str(n), name, spec, "1项", yuan(value), yuan(value)])
        rows.append(["", "合计", "", "", "", yuan(amount)])
        end = p.completion_date
        story: list[Flowable] = [
            para(f"{p.title}\n技术服务合同", "title"),
            para(f"合同编号：{p.contract_no}", "subtitle"),
            grid([["甲方（委托方）", e.name], ["地址", e.address],
                  ["乙方（服务方）", p.vendor], ["签订日期", cn_date(p.contract_signed_date)],
                  ["签订地点", "广东省深圳市南山区"]],
                 [36 * mm, FRAME_INNER_WIDTH - 36 * mm], header_rows=0, label_cols=[0]),
            para("甲乙双方依据《中华人民共和国民法典》及相关法律法规，本着平等互利的原则，"
                 f"就甲方使用乙方{p.service}建设“{p.title}”事宜，经友好协商，达成如下条款。",
                 "body"),
            para("第一条　服务内容", "h2"),
            grid(rows, [12 * mm, 44 * mm, 44 * mm, 14 * mm, 26 * mm,
                        FRAME_INNER_WIDTH - 140 * mm], right_cols=[4, 5]),
            para("第二条　合同金额", "h2"),
            para(f"本合同总金额为人民币{yuan(amount)}元（大写：{rmb_upper(amount)}），"
                 "含增值税（税率6%）。"),
            para("第三条　服务期限", "h2"),
            para(f"自{cn_date(p.contract_signed_date)}起至{cn_date(end)}止。"
                 "乙方应在服务期内完成全部交付内容并配合甲方完成终验。"),
            para("第四条　验收", "h2"),
            para("项目分初验与终验两个阶段。终验由甲方组织，双方签署终验报告后视为项目结项。"),
            para("第五条　付款方式", "h2"),
            para("合同签订后10个工作日内支付合同金额的30%；初验通过后支付60%；"
                 "终验通过后支付剩余10%。乙方应在每次付款前开具等额增值税专用发票。"),
            para("第六条　数据安全与保密", "h2"),
            para("乙方应遵守《中华人民共和国数据安全法》《中华人民共和国个人信息保护法》，"
                 "甲方数据仅用于本合同约定目的，存储于境内数据中心，未经甲方书面同意不得向第三方提供。"),
            para("第七条　争议解决", "h2"),
            para("因本合同引起的争议，双方协商解决；协商不成的，提交深圳国际仲裁院仲裁。"),
            Spacer(1, 6 * mm),
            KeepTogether([SignatureBlock([
                (["甲方（盖章）：", f"授权代表：{e.legal_representative}",
                  cn_date(p.contract_signed_date)], e.name),
                (["乙方（盖章）：", f"授权代表：{self.person()}",
                  cn_date(p.contract_signed_date)], p.vendor)])]),
        ]
        if p.actual_cost > p.contract_amount:
            extra = p.actual_cost - p.contract_amount
            story += [
                PageBreak(), para("补充协议", "title"),
                para(f"原合同编号：{p.contract_no}　补充协议编号：{p.contract_no}-BC1", "subtitle"),
                para(f"因项目实施中新增{p.subject}场景的数据接入与模型调优工作量，"
                     f"经双方协商，增加服务费用人民币{yuan(extra)}元（大写：{rmb_upper(extra)}），"
                     "其余条款按原合同执行。"),
                SignatureBlock([(["甲方（盖章）："], e.name), (["乙方（盖章）："], p.vendor)]),
            ]
        if p.acceptance_report_date is not None:
            story += [PageBreak(), *self.acceptance_report()]
        self.pdf(5, "技术服务合同", story)

    def acceptance_report(self) -> list[Flowable]:
        p, e = self.p, self.e
        day = p.acceptance_report_date
        assert day is not None
        checks = [["验收项", "验收标准", "结论"],
                  ["功能验收", "实施方案所列功能全部上线运行", "通过"],
                  ["性能验收", "关键指标达到合同约定值", "通过"],
                  ["安全验收", "通过等保测评及数据安全检查", "通过"],
                  ["文档验收", "交付设计、部署、运维及培训文档", "通过"],
                  ["成效确认", "；".join(m.change for m in p.metrics), "通过"]]
        return [
            para("项目终验报告", "title"),
            grid([["项目名称", p.title], ["合同编号", p.contract_no],
                  ["建设单位", e.name], ["服务单位", p.vendor],
                  ["合同结项日期", cn_date(p.completion_date)], ["终验日期", cn_date(day)]],
                 [36 * mm, FRAME_INNER_WIDTH - 36 * mm], header_rows=0, label_cols=[0]),
            Spacer(1, 4 * mm),
            grid(checks, [30 * mm, FRAME_INNER_WIDTH - 55 * mm, 25 * mm]),
            para("验收结论：项目按合同约定完成全部建设内容，系统运行稳定，成效明显，"
                 "验收组一致同意通过终验。", "body"),
            SignatureBlock([(["建设单位（盖章）：", cn_date(day)], e.name),
                            (["服务单位（盖章）：", cn_date(day)], p.vendor)]),
        ]

    def payments(self) -> None:
        p, e, rng = self.p, self.e, self.rng
        total = p.actual_cost
        parts = [total * 30 // 100, total * 60 // 100]
        parts.append(total - sum(parts))
        stages = ("首付款（30%）", "初验款（60%）", "尾款（10%）")
        dates = (p.contract_signed_date + dt.timedelta(days=rng.randint(5, 14)),
                 p.completion_date - dt.timedelta(days=rng.randint(20, 60)),
                 p.completion_date + dt.timedelta(days=rng.randint(3, 30)))
        invoices = [["发票号码", "开票日期", "项目", "金额（元）", "税额（元）", "价税合计（元）"]]
        receipts = [["回单编号", "付款日期", "付款人", "收款人", "金额（元）", "摘要"]]
        for stage, value, day in zip(stages, parts, dates, strict=True):
            net = value * 100 // 106
            invoices.append([f"{rng.randint(10**19, 10**20 - 1)}", day.isoformat(),
                             f"*信息技术服务*{stage[:3]}", f"{net:,.2f}", f"{value - net:,.2f}",
                             f"{value:,.2f}"])
            receipts.append([f"{rng.randint(10**11, 10**12 - 1)}", day.isoformat(), e.name,
                             p.vendor, f"{value:,.2f}", f"{p.contract_no} {stage}"])
        invoices.append(["合计", "", "", "", "", f"{total:,.2f}"])
        receipts.append(["合计", "", "", "", f"{total:,.2f}", ""])
        story: list[Flowable] = [
            para("发票及支付凭证汇总", "title"),
            para(f"合同编号：{p.contract_no}", "subtitle"),
            para("一、增值税专用发票", "h1"),
            grid(invoices, [40 * mm, 22 * mm, 34 * mm, 24 * mm, 20 * mm,
                            FRAME_INNER_WIDTH - 140 * mm], right_cols=[3, 4, 5], font_size=8),
            para("二、银行付款回单", "h1"),
            grid(receipts, [26 * mm, 22 * mm, 36 * mm, 36 * mm, 24 * mm,
                            FRAME_INNER_WIDTH - 144 * mm], right_cols=[4], font_size=8),
            para(f"以上付款合计人民币{yuan(total)}元（大写：{rmb_upper(total)}），"
                 "与实际发生费用一致。", "body"),
            PageBreak(),
            self.signed_scan(
                "银行电子回单（加盖公章复印件）",
                [f"回单编号：{receipts[1][0]}", f"付款人：{e.name}", f"收款人：{p.vendor}",
                 f"金额：人民币{yuan(parts[0])}元（{rmb_upper(parts[0])}）",
                 f"用途：{p.contract_no} 首付款", f"交易日期：{dates[0].isoformat()}"],
                ["经办：", "复核：", "与原件一致（单位盖章）"], e.name, signature=False),
        ]
        self.pdf(5, "发票及支付凭证", story)

    def plan(self) -> None:
        p, e, rng = self.p, self.e, self.rng
        metrics = p.metrics
        end = p.completion_date.year * 12 + p.completion_date.month - 1
        months = [divmod(end - k, 12) for k in range(11, -1, -1)]  # (year, month - 1)
        calls = []
        level = rng.uniform(2, 8)
        for k in range(12):
            level *= rng.uniform(1.05, 1.35) if k > 2 else rng.uniform(0.9, 1.2)
            calls.append(round(level, 1))
        story: list[Flowable] = [
            para(f"{p.title}\n项目实施方案", "title"),
            para(f"{e.name}　{cn_date(p.applied_on)}", "subtitle"),
            para("一、项目背景", "h1"),
            para(f"{e.name}成立于{e.registration_date.year}年，主营{e.industry.name}相关业务，"
                 f"现有职工{e.employees}人。近年来，{e.industry.pain}，"
                 "已成为制约企业高质量发展的瓶颈。"),
            para("二、项目意义", "h1"),
            para(f"项目以{p.subject}场景为切入点，依托{p.vendor}的{p.service}，"
                 "将大模型能力与企业业务流程深度融合，形成可量化、可复制的“AI+”应用示范，"
                 f"对南山区{e.industry.name}企业的数字化转型具有带动作用。"),
            para("三、建设内容", "h1"),
            *[para(f"{i}. {item}", "bullet") for i, item in enumerate(e.industry.build, 1)],
            para("四、技术路线", "h1"),
            para(f"系统采用“云端大模型＋行业小模型＋业务系统集成”的架构：通用能力调用{p.service}，"
                 f"行业知识通过{p.subject}领域数据进行微调与检索增强，业务数据经脱敏后在境内云环境处理，"
                 "模型输出经人工复核闭环回流，持续迭代。"),
            para("五、项目团队", "h1"),
            grid([["姓名", "职务", "职责"], *[list(member) for member in p.team]],
                 [30 * mm, 40 * mm, FRAME_INNER_WIDTH - 70 * mm]),
            para("六、项目相关荣誉", "h1"),
            *[para(f"• {honour}", "bullet") for honour in p.honours],
            PageBreak(),
            para("七、实施成效", "h1"),
            para(f"项目于{cn_date(p.completion_date)}结项。上线后主要指标变化如下（实施前后对比）："),
            self.metrics_table(),
            Spacer(1, 4 * mm),
            bar_chart("实施前后关键指标对比（实施前＝100）", [m.name for m in metrics],
                      [("实施前", [100.0] * len(metrics)),
                       ("实施后", [round(m.after / m.before * 100, 1) for m in metrics])]),
            Spacer(1, 4 * mm),
            line_chart("AI服务月调用量（万次）", [f"{y % 100}/{m + 1:02d}" for y, m in months],
                       calls),
        ]
        self.pdf(6, "项目实施方案", story)

    def audit(self) -> None:
        p, e, rng = self.p, self.e, self.rng
        firm_brand = rng.choice(("正衡", "鹏诚", "明德华信", "中审鹏远", "恒睿"))
        firm = f"深圳{firm_brand}会计师事务所（普通合伙）"
        issued = p.applied_on - dt.timedelta(days=rng.randint(5, 20))
        costs = [["费用项目", "合同/凭证", "金额（元）"],
                 ["云服务合同费用", p.contract_no, yuan(p.contract_amount)]]
        if p.actual_cost > p.contract_amount:
            costs.append(["补充协议费用", f"{p.contract_no}-BC1",
                          yuan(p.actual_cost - p.contract_amount)])
        costs.append(["合计", "", yuan(p.actual_cost)])
        story: list[Flowable] = [
            para("专项审计报告", "title"),
            para(f"深{firm_brand[:2]}专审字〔{self.program.info.year}〕第{rng.randint(100, 999)}号",
                 "subtitle"),
            para(f"{e.name}："),
            para(f"我们接受委托，对贵单位“{p.title}”项目（以下简称“该项目”）"
                 f"截至{cn_date(p.completion_date)}的投入费用及实施成效进行了专项审计。"),
            para("一、审计范围与方法", "h1"),
            para("我们审阅了项目合同、补充协议、发票、银行付款回单、终验文件及相关业务数据，"
                 "并实施了函证、抽样检查和访谈等必要的审计程序。"),
            para("二、项目资金投入情况", "h1"),
            grid(costs, [50 * mm, 60 * mm, FRAME_INNER_WIDTH - 110 * mm], right_cols=[2]),
            para("三、实施成效核查", "h1"),
            self.metrics_table(),
            para("四、审计意见", "h1"),
            para(f"我们认为，该项目实际发生费用人民币{yuan(p.actual_cost)}元"
                 f"（大写：{rmb_upper(p.actual_cost)}）真实、完整，"
                 "相关支出与项目直接相关；所述实施成效与业务数据相符。"),
            Spacer(1, 6 * mm),
            SignatureBlock([([firm, f"中国注册会计师：{self.person()}",
                              f"中国注册会计师：{self.person()}", cn_date(issued)], firm)],
                           height=50 * mm),
            PageBreak(),
            self.signed_scan(
                "会计师事务所执业证书（复印件）",
                [f"名称：{firm}", f"首席合伙人：{self.person()}",
                 f"执业证书编号：4703{rng.randint(10**4, 10**5 - 1)}",
                 "批准执业文号：深财会〔2012〕" + f"{rng.randint(10, 99)}号",
                 "发证机关：深圳市财政局", "仅供申报南山区“AI+百业”产业融合支持计划使用"],
                ["与原件一致", cn_date(issued)], firm, signature=False),
        ]
        self.pdf(6, "专项审计报告", story)

    def statements(self) -> None:
        e, rng = self.e, self.rng
        last = self.program.info.year - 1
        years = [last - 2, last - 1, last]
        revenue = [0, 0, max(e.revenue, 1_000_000)]
        revenue[1] = int(revenue[2] / rng.uniform(1.0, 1.35))
        revenue[0] = int(revenue[1] / rng.uniform(0.95, 1.3))
        income: dict[str, list[int]] = {name: [] for name in (
            "一、营业收入", "减：营业成本", "税金及附加", "销售费用", "管理费用", "研发费用",
            "二、营业利润", "减：所得税费用", "三、净利润")}
        cash: dict[str, list[int]] = {name: [] for name in (
            "经营活动产生的现金流量净额", "投资活动产生的现金流量净额",
            "筹资活动产生的现金流量净额", "现金及现金等价物净增加额")}
        balance: dict[str, list[int]] = {name: [] for name in (
            "货币资金", "应收账款", "存货", "固定资产", "无形资产", "资产总计",
            "短期借款", "应付账款", "其他流动负债", "负债合计",
            "实收资本", "盈余公积", "未分配利润", "所有者权益合计", "负债和所有者权益总计")}
        for r in revenue:
            lines = [r, int(r * rng.uniform(0.5, 0.72)), int(r * 0.01),
                     int(r * rng.uniform(0.04, 0.1)), int(r * rng.uniform(0.04, 0.09)),
                     int(r * rng.uniform(0.05, 0.14))]
            profit = lines[0] - sum(lines[1:])
            tax = max(0, profit * 15 // 100)
            for name, value in zip(income, [*lines, profit, tax, profit - tax], strict=True):
                income[name].append(value)
            operating = int((profit - tax) * rng.uniform(0.7, 1.3))
            investing = -int(r * rng.uniform(0.02, 0.08))
            financing = int(r * rng.uniform(-0.05, 0.05))
            for name, value in zip(cash, [operating, investing, financing,
                                          operating + investing + financing], strict=True):
                cash[name].append(value)
            assets = [int(r * rng.uniform(f, t)) for f, t in ((0.1, 0.3), (0.1, 0.25),
                                                              (0.02, 0.15), (0.05, 0.2),
                                                              (0.01, 0.06))]
            total = sum(assets)
            debts = [int(r * rng.uniform(0, 0.1)), int(r * rng.uniform(0.05, 0.15)),
                     int(r * rng.uniform(0.02, 0.06))]
            capital = min(e.registered_capital, total // 3)
            surplus = total // 40
            retained = total - sum(debts) - capital - surplus
            equity = capital + surplus + retained
            for name, value in zip(balance, [*assets, total, *debts, sum(debts), capital,
                                             surplus, retained, equity, sum(debts) + equity],
                                   strict=True):
                balance[name].append(value)
        story: list[Flowable] = []
        for title, table in (("资产负债表", balance), ("利润表", income),
                             ("现金流量表", cash)):
            rows = [["项目", *[f"{y}年" for y in years]]]
            rows += [[name, *[f"{v:,}" for v in values]] for name, values in table.items()]
            story += [para(title, "title"),
                      para(f"编制单位：{e.name}　　单位：元", "subtitle"),
                      grid(rows, [60 * mm, *[(FRAME_INNER_WIDTH - 60 * mm) / 3] * 3],
                           right_cols=[1, 2, 3]),
                      para("注：各年度数据摘自经审计的年度财务报表。", "note"),
                      SignatureBlock([(["单位负责人：", "财务负责人：", "制表人："], e.name)]),
                      PageBreak()]
        story.pop()
        self.pdf(7, "近三年财务报表", story)

    def capital_verification(self) -> None:
        e, rng = self.e, self.rng
        capital = e.registered_capital
        holders = [(e.legal_representative, rng.randint(45, 70))]
        holders.append((self.person(), 100 - holders[0][1]))
        rows = [["股东名称", "认缴出资额（元）", "出资比例", "实缴出资额（元）", "出资方式"]]
        for name, share in holders:
            value = capital * share // 100
            rows.append([name, yuan(value), f"{share}%", yuan(value), "货币"])
        rows.append(["合计", yuan(capital), "100%", yuan(capital), ""])
        firm = "深圳正衡会计师事务所（普通合伙）"
        day = e.registration_date + dt.timedelta(days=rng.randint(20, 60))
        story: list[Flowable] = [
            para("验资报告", "title"),
            para(f"深正验字〔{day.year}〕第{rng.randint(100, 999)}号", "subtitle"),
            para(f"{e.name}（筹）全体股东："),
            para(f"我们接受委托，审验了贵公司截至{cn_date(day)}的注册资本实收情况。"
                 "按照法律法规以及协议、章程的要求出资，提供真实、合法、完整的验资资料，"
                 "保护资产的安全、完整是全体股东及贵公司的责任。"),
            para(f"经我们审验，截至{cn_date(day)}，贵公司已收到全体股东缴纳的注册资本合计人民币"
                 f"{yuan(capital)}元（大写：{rmb_upper(capital)}），均以货币出资。"),
            grid(rows, [34 * mm, 36 * mm, 22 * mm, 36 * mm, FRAME_INNER_WIDTH - 128 * mm],
                 right_cols=[1, 3]),
            para(f"本公司成立于{cn_date(e.registration_date)}，注册时间不满一年，"
                 "按申报要求以验资报告代替近三年财务报表。", "note"),
            Spacer(1, 6 * mm),
            SignatureBlock([([firm, f"中国注册会计师：{self.person()}", cn_date(day)], firm)]),
            PageBreak(),
            self.signed_scan(
                "银行询证函（回函）",
                [f"{firm}：", f"经核对，{e.name}（筹）于{cn_date(day)}在本行开立的验资账户"
                 f"收到投资款人民币{yuan(capital)}元，与贵所所列信息相符。",
                 f"账号：4420{rng.randint(10**12, 10**13 - 1)}"],
                ["经办人：", cn_date(day)], "招商银行股份有限公司深圳南山支行",
                signature=True),
        ]
        self.pdf(7, "验资报告", story)

    def other_evidence(self) -> None:
        p, e, rng = self.p, self.e, self.rng
        filing = f"网信算备440305{rng.randint(10**9, 10**10 - 1)}{p.applied_on.year - 1}0011号"
        story: list[Flowable] = [
            para("深度合成服务算法备案信息", "title"),
            grid([["算法名称", f"{e.brand}{p.subject}生成合成算法"], ["备案编号", filing],
                  ["备案主体", e.name], ["应用产品", p.title],
                  ["主要用途", f"应用于{p.subject}场景的文本与图像生成"]],
                 [36 * mm, FRAME_INNER_WIDTH - 36 * mm], header_rows=0, label_cols=[0]),
            para("媒体报道摘录", "h1"),
            para(f"《深圳特区报》报道：{e.name}将大模型引入{p.subject}环节，"
                 f"{p.metrics[0].change}，成为南山区“AI+百业”融合的代表性案例。"),
            PageBreak(),
            self.signed_scan(
                "荣 誉 证 书",
                [f"{e.name}：", f"贵单位“{p.title}”入选“{p.honours[0]}”。",
                 "特发此证，以资鼓励。"],
                ["深圳市人工智能行业协会", cn_date(p.completion_date + dt.timedelta(days=20))],
                "深圳市人工智能行业协会", signature=False),
        ]
        self.pdf(8, "其他佐证材料", story)

    def person(self) -> str:
        return person_name(self.rng)

    # -- all -------------------------------------------------------------------------

    def build(self) -> list[Material]:
        steps: dict[str, Callable[[], None]] = {
            "项目申请书": self.application_form, "统一社会信用代码证书": self.licence,
            "法定代表人身份证": self.identity_card, "完税证明和无欠税证明": self.tax_certificates,
            "技术服务合同": self.contract, "发票及支付凭证": self.payments,
            "项目实施方案": self.plan, "专项审计报告": self.audit,
            "近三年财务报表": self.statements, "验资报告": self.capital_verification,
            "其他佐证材料": self.other_evidence}
        for _, title, _ in material_files(self.p, self.program):
            steps[title]()
        return self.files


def material_files(project: Project, program: Program) -> list[tuple[int, str, str]]:
    """The (category, title, extension) of every file ``project`` gets, in build order.

    Categories exempt for the entity type (category 4 of a public institution)
    and categories planted missing are left out; young enterprises file a
    capital verification report (验资报告) as category 7.
    """
    files = [(1, "项目申请书", "pdf"), (2, "统一社会信用代码证书", "pdf"),
             (3, "法定代表人身份证", "png"), (4, "完税证明和无欠税证明", "pdf"),
             (5, "技术服务合同", "pdf"), (5, "发票及支付凭证", "pdf"),
             (6, "项目实施方案", "pdf"), (6, "专项审计报告", "pdf"),
             (7, "验资报告" if project.young else "近三年财务报表", "pdf")]
    if project.other_evidence:
        files.append((8, "其他佐证材料", "pdf"))
    exempt = program.eligibility.exempt_categories_by_entity_type.get(
        project.enterprise.entity_type, frozenset())
    return [f for f in files if f[0] not in project.omitted_categories and f[0] not in exempt]


def project_rng(seed: int, project_id: str) -> random.Random:
    """The random stream of one project's files, independent of every other project's."""
    return random.Random(f"demo-materials:{seed}:{project_id}")


def build_materials(project: Project, program: Program, seed: int) -> list[Material]:
    """The material files of ``project``; the same arguments give the same bytes."""
    return _Builder(project, program, project_rng(seed, project.project_id)).build()


def padding_files(project: Project, rng: random.Random, size: int) -> list[Material]:
    """Scanned audit appendices of incompressible noise, about ``size`` bytes in all.

    Pages are stored without compression (deflate level 0), so the file size
    follows the pixel count and writing runs at memory speed.
    """
    files: list[Material] = []
    page_bytes = PAD_PAGE_WIDTH * PAD_PAGE_HEIGHT * 3
    volume = 0
    while size > 64_000:
        volume += 1
        target = min(size, PAD_FILE_BYTES)
        story: list[Flowable] = []
        left = target
        while left > 16_000:
            rows = min(PAD_PAGE_HEIGHT, max(16, left // (PAD_PAGE_WIDTH * 3)))
            story += [ScanPage(Raster.noise(PAD_PAGE_WIDTH, rows, rng), level=0), PageBreak()]
            left -= min(page_bytes, rows * PAD_PAGE_WIDTH * 3)
        story.pop()
        marker = f"RVMARK-{project.project_id}-6-{rng.getrandbits(64):016x}"
        name = f"审计报告附件扫描件（第{volume}册）"
        info = DocInfo(title=f"{name}—{project.enterprise.name}",
                       author=project.enterprise.name, subject=project.title, marker=marker)
        data = build_pdf(story, info)
        files.append(Material(f"6-{name}.pdf", data, marker))
        size -= len(data)
    return files


def warm_up() -> None:
    """Parse the font and make the paragraph styles now (before forking workers)."""
    pdfkit.styles()
