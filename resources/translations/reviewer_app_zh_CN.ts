<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChecklistRow</name>
    <message>
        <source>Result:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>Not compliant</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Cannot be verified</source>
        <translation>无法核实</translation>
    </message>
    <message>
        <source>Note on this item (what was checked, what was seen)</source>
        <translation>本项备注（核查了什么、看到了什么）</translation>
    </message>
    <message>
        <source>Result for “%1”</source>
        <translation>“%1”的检查结果</translation>
    </message>
    <message>
        <source>Note on “%1”</source>
        <translation>“%1”的备注</translation>
    </message>
</context>
<context>
    <name>CommitmentDialog</name>
    <message>
        <source>Commitment of the review expert</source>
        <translation>评审专家承诺书</translation>
    </message>
    <message>
        <source>Before any material opens, read the commitment of this review and accept it. Your acceptance and its time are recorded in your signed score sheet.</source>
        <translation>打开任何申报材料之前，请阅读并确认本次评审的承诺书。您的确认及确认时间将记入您签名的评分表。</translation>
    </message>
    <message>
        <source>Text fingerprint (SHA-256): %1</source>
        <translation>承诺书文本指纹（SHA-256）：%1</translation>
    </message>
    <message>
        <source>I have read it and commit</source>
        <translation>我已阅读并承诺</translation>
    </message>
    <message>
        <source>Decline and close the package</source>
        <translation>不同意，关闭评审包</translation>
    </message>
    <message>
        <source>Commitment text</source>
        <translation>承诺书全文</translation>
    </message>
</context>
<context>
    <name>ConflictHintDialog</name>
    <message>
        <source>A reason is required.</source>
        <translation>请填写理由。</translation>
    </message>
    <message>
        <source>Possible conflict of interest</source>
        <translation>可能存在利益冲突</translation>
    </message>
    <message>
        <source>The secretariat&apos;s check of the seat list found a possible conflict of interest with %1 (%2): %3. Answer before you score this project.</source>
        <translation>秘书处核对专家名单时发现您与 %1 可能存在利益冲突（%2）：%3。请先作答，再为本项目评分。</translation>
    </message>
    <message>
        <source>There is a conflict (I recuse myself)</source>
        <translation>确认存在冲突（回避）</translation>
    </message>
    <message>
        <source>There is no conflict</source>
        <translation>不存在冲突</translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation>理由（必填）：</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>CriterionEditor</name>
    <message>
        <source>%1. %2 (max %3 points)</source>
        <translation>%1. %2（满分 %3 分）</translation>
    </message>
    <message>
        <source>Scoring anchors</source>
        <translation>评分标准</translation>
    </message>
    <message>
        <source>Score:</source>
        <translation>得分：</translation>
    </message>
    <message>
        <source>/ %1, step %2</source>
        <translation>/ %1，步长 %2</translation>
    </message>
    <message>
        <source>not scored</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>Comment on this criterion</source>
        <translation>对本项的评语</translation>
    </message>
    <message>
        <source>Score for %1</source>
        <translation>%1 评分</translation>
    </message>
    <message>
        <source>Comment on %1</source>
        <translation>%1 评语</translation>
    </message>
    <message>
        <source>Scoring anchors for %1</source>
        <translation>%1 评分档次说明</translation>
    </message>
    <message>
        <source>Sub-items:</source>
        <translation>细项：</translation>
    </message>
    <message>
        <source>No anchors given.</source>
        <translation>未提供评分标准。</translation>
    </message>
    <message>
        <source>Enter a multiple of %1 between 0 and %2.</source>
        <translation>请输入 0 到 %2 之间、%1 的整数倍。</translation>
    </message>
    <message>
        <source>A score cannot be negative; nothing was saved.</source>
        <translation>分数不能为负数，未保存。</translation>
    </message>
    <message>
        <source>Enter the score without a sign; nothing was saved.</source>
        <translation>请输入不带正负号的分数，未保存。</translation>
    </message>
    <message>
        <source>“%1” is not a number; enter digits and a decimal point. Nothing was saved.</source>
        <translation>“%1”不是数字，请输入数字和小数点。未保存。</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>Decision:</source>
        <extracomment>a decision was recorded (the project id)</extracomment>
        <translation>复核结论：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>Decided by:</source>
        <translation>决定人：</translation>
    </message>
    <message>
        <source>Record decision</source>
        <translation>记录复核决定</translation>
    </message>
    <message>
        <source>Eligible (pass)</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Not eligible (fail)</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>Select a project to decide on it.</source>
        <translation>请选择一个项目以记录复核决定。</translation>
    </message>
    <message>
        <source>Decision on %1 (%2)</source>
        <translation>对 %1（%2）的复核决定</translation>
    </message>
    <message>
        <source>Give the reason and who decided.</source>
        <translation>请填写理由和决定人。</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>未记录：%1</translation>
    </message>
    <message>
        <source>Recorded: %1 %2 — %3 [%4]</source>
        <translation>已记录：%1 %2 — %3 [%4]</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>不通过</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>Secretariat desk — %1</source>
        <translation>秘书处工作台 — %1</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Steps of the round</source>
        <translation>本轮评审各环节</translation>
    </message>
</context>
<context>
    <name>FinalizeDialog</name>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Finalize review</source>
        <translation>完成评审</translation>
    </message>
    <message>
        <source>Items still to complete</source>
        <translation>尚待完成的事项</translation>
    </message>
    <message>
        <source>Your score distribution</source>
        <translation>您的评分分布</translation>
    </message>
    <message>
        <source>Sign and export…</source>
        <translation>签名并导出…</translation>
    </message>
    <message>
        <source>I confirm that I have declared every conflict of interest I have with the projects of this package, completely and truthfully.</source>
        <translation>本人确认已如实、完整地申明与本评审包各项目之间的全部利益冲突。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 item(s) must be completed before you can sign. Click an item to go there.</source>
        <translation>还有 %1 项需要完成才能签名。点击某一项即可跳转到该处。</translation>
    </message>
    <message>
        <source>All %1 projects are complete (%2 with a declared conflict). Check your own score distribution below, then sign.</source>
        <translation>全部 %1 个项目已完成（其中 %2 个声明了利益冲突）。请先查看下方您本人的评分分布，然后签名。</translation>
    </message>
    <message>
        <source>Each dot is one of your projects; the orange line is your mean. Hover a dot to see which projects it stands for. Only your own scores are shown.</source>
        <translation>每个圆点代表您评审的一个项目，橙色线为您的平均分。将鼠标悬停在圆点上可查看对应项目。此处仅显示您本人的评分。</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>评审指标</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <source>Lowest</source>
        <translation>最低</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Highest</source>
        <translation>最高</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>You gave every project the same score for: %1. Is that intended?</source>
        <translation>以下指标您给所有项目打了相同的分数：%1。这是您的本意吗？</translation>
    </message>
    <message>
        <source>%1 — no score for “%2”</source>
        <translation>%1 — “%2”尚未评分</translation>
    </message>
    <message>
        <source>%1 — the score for “%2” is not valid</source>
        <translation>%1 — “%2”的分数无效</translation>
    </message>
    <message>
        <source>%1 — a score in this band for “%2” needs a comment</source>
        <translation>%1 — “%2”的分数处于该档次，需要填写评语</translation>
    </message>
    <message>
        <source>%1 — a declared conflict needs a reason</source>
        <translation>%1 — 声明利益冲突须填写原因</translation>
    </message>
    <message>
        <source>%1 — a declared conflict needs its kind</source>
        <translation>%1 — 已申明的利益冲突须选择冲突类别</translation>
    </message>
    <message>
        <source>%1 — answer the possible conflict of interest first</source>
        <translation>%1 — 请先回答可能存在的利益冲突</translation>
    </message>
    <message>
        <source>%1 — inspection checklist item “%2” is not answered</source>
        <translation>%1 — 现场核查清单项“%2”尚未填写</translation>
    </message>
    <message>
        <source>%1 — the second round needs a reason for your score</source>
        <translation>%1 — 第二轮复议需填写评分理由</translation>
    </message>
    <message>
        <source>%1 — “%2” %3 points is in the band “%4”: a comment is required</source>
        <translation>%1 — “%2” %3 分处于“%4”档，需要填写评语</translation>
    </message>
</context>
<context>
    <name>FirstRoundPanel</name>
    <message>
        <source>Second round: your first-round score</source>
        <translation>第二轮复议：您的第一轮评分</translation>
    </message>
    <message>
        <source>Reason for your second-round score (required):</source>
        <translation>复议理由（必填）：</translation>
    </message>
    <message>
        <source>Why you keep or change your score</source>
        <translation>说明维持或调整评分的理由</translation>
    </message>
    <message>
        <source>Reason for your second-round score</source>
        <translation>复议理由</translation>
    </message>
    <message>
        <source>Your first-round total: %1</source>
        <translation>您的第一轮总分：%1</translation>
    </message>
    <message>
        <source>Your first-round scores cannot be shown: %1</source>
        <translation>无法显示您的第一轮评分：%1</translation>
    </message>
    <message>
        <source>Panel in the first round (%1 valid reviews, anonymous): lowest %2, median %3, highest %4</source>
        <translation>第一轮专家组评分（有效评审 %1 份，匿名）：最低 %2，中位数 %3，最高 %4</translation>
    </message>
</context>
<context>
    <name>GeneratedPassphraseDialog</name>
    <message>
        <source>Package passphrase</source>
        <translation>评审包口令</translation>
    </message>
    <message>
        <source>The passphrase of %1 is shown only now and is kept nowhere. Write it down and deliver it to the experts separately from the package and the letters (in person or by telephone).</source>
        <translation>%1 的口令只在此时显示一次，任何地方都不保存。请记下，并与评审包和通知函分开交给专家（当面或电话告知）。</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <source>My signing key</source>
        <translation>我的签名密钥</translation>
    </message>
    <message>
        <source>Your score sheets are signed with this key. The secretariat can compare the fingerprint with the key ID printed on each score sheet.</source>
        <translation>您的评分表使用此密钥签名。秘书处可将指纹与每份评分表上打印的密钥 ID 进行核对。</translation>
    </message>
    <message>
        <source>You have no signing key yet. It is created when you first sign a score sheet, or now.</source>
        <translation>您还没有签名密钥。首次签署评分表时会自动创建，也可以现在创建。</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>指纹：</translation>
    </message>
    <message>
        <source>Key ID:</source>
        <translation>密钥 ID：</translation>
    </message>
    <message>
        <source>Kept in:</source>
        <translation>保存位置：</translation>
    </message>
    <message>
        <source>%1 earlier key(s) were replaced on this computer. Score sheets signed with them stay valid: each sheet carries its own public key.</source>
        <translation>本机曾替换过 %1 个旧密钥。用旧密钥签署的评分表依然有效：每份评分表都带有其自身的公钥。</translation>
    </message>
    <message>
        <source>Export my public key…</source>
        <translation>导出我的公钥…</translation>
    </message>
    <message>
        <source>Create a new identity…</source>
        <translation>创建新身份…</translation>
    </message>
    <message>
        <source>Create my signing key</source>
        <translation>创建我的签名密钥</translation>
    </message>
</context>
<context>
    <name>InspectionController</name>
    <message>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png);;All files (*)</source>
        <translation>照片 (*.jpg *.jpeg *.png);;所有文件 (*)</translation>
    </message>
    <message>
        <source>On-site inspection</source>
        <translation>现场考察</translation>
    </message>
    <message>
        <source>Add photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>it is larger than %1 MB</source>
        <translation>文件超过 %1 MB</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>only JPEG and PNG photos can be attached</source>
        <translation>只能添加 JPEG 或 PNG 格式的照片</translation>
    </message>
    <message>
        <source>%1 was not added: %2</source>
        <translation>%1 未添加：%2</translation>
    </message>
    <message>
        <source>the image cannot be read</source>
        <translation>无法识别该图片</translation>
    </message>
    <message>
        <source>%1 is already attached to this project.</source>
        <translation>%1 已添加到本项目。</translation>
    </message>
    <message>
        <source>%1 could not be saved.</source>
        <translation>%1 未能保存。</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <source>Remove the photo “%1” from this project? It is deleted from this computer&apos;s workspace.</source>
        <translation>从本项目删除照片“%1”？照片将从本机工作区中删除。</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>This photo cannot be shown: %1</source>
        <translation>无法显示此照片：%1</translation>
    </message>
</context>
<context>
    <name>InspectionPanel</name>
    <message>
        <source>On-site checklist</source>
        <translation>现场核查表</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>考察发现</translation>
    </message>
    <message>
        <source>What the team found on site</source>
        <translation>考察组在现场的发现</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Photo caption</source>
        <translation>照片说明</translation>
    </message>
    <message>
        <source>JPEG or PNG, up to %1 MB each. Photos stay encrypted on this computer; the score sheet lists their fingerprints (SHA-256).</source>
        <translation>JPEG 或 PNG 格式，每张不超过 %1 MB。照片加密保存在本机；评分表只记录其指纹（SHA-256）。</translation>
    </message>
    <message>
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Attach photos taken on site to this project</source>
        <translation>为本项目添加现场拍摄的照片</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <source>Caption:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>What the selected photo shows</source>
        <translation>所选照片的内容说明</translation>
    </message>
    <message>
        <source>You declared a conflict of interest with this project: no visit is recorded for it.</source>
        <translation>您已申明与本项目存在利益冲突：不记录本项目的现场考察。</translation>
    </message>
    <message>
        <source>(no caption)</source>
        <translation>（无说明）</translation>
    </message>
    <message>
        <source>(cannot be shown)</source>
        <translation>（无法显示）</translation>
    </message>
    <message>
        <source>%1 of %2 items answered</source>
        <translation>已填写 %1 / %2 项</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>Intake</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Intake folder:</source>
        <translation>受理材料文件夹：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Check intake</source>
        <translation>形式审查</translation>
    </message>
    <message>
        <source>Show projects:</source>
        <translation>显示项目：</translation>
    </message>
    <message>
        <source>Search project, enterprise or fact</source>
        <translation>搜索项目、企业或审查依据</translation>
    </message>
    <message>
        <source>Only findings that did not pass</source>
        <translation>只看未通过的审查项</translation>
    </message>
    <message>
        <source>Materials (double-click to view):</source>
        <translation>申报材料（双击查看）：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>需复核</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Eligibility findings</source>
        <translation>形式审查结果</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>申报主体</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>项目结论</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>审查项</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>依据条款</translation>
    </message>
    <message>
        <source>Deciding fact</source>
        <translation>判定事实</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>复核决定</translation>
    </message>
    <message>
        <source>%1 %2: %3 eligible, %4 need review, %5 not eligible (%6 projects)</source>
        <translation>%1 %2：%3 项通过，%4 项需复核，%5 项不通过（共 %6 项）</translation>
    </message>
    <message>
        <source>%1 file(s) refused; no package can be built until each is replaced or removed:</source>
        <translation>%1 个文件被拒收；在逐一替换或移除之前无法生成评审包：</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>提示：</translation>
    </message>
    <message>
        <source>This material cannot be shown: %1</source>
        <translation>此材料无法显示：%1</translation>
    </message>
</context>
<context>
    <name>IntakeReading</name>
    <message>
        <source>Open intake folder</source>
        <translation>打开受理材料文件夹</translation>
    </message>
    <message>
        <source>Choose the intake folder first.</source>
        <translation>请先选择受理材料文件夹。</translation>
    </message>
    <message>
        <source>Reading the intake</source>
        <translation>正在读取受理材料</translation>
    </message>
    <message>
        <source>Reading and checking every file…</source>
        <translation>正在读取并检查每个文件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The intake cannot be used:</source>
        <translation>受理材料无法使用：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Expert Review Desk</source>
        <translation>专家评审工作台</translation>
    </message>
    <message>
        <source>Open the review package (.revpkg) you received from the secretariat, or drop it onto this window. You will need its passphrase, your seat ID and your seat code.</source>
        <translation>请打开秘书处发给您的评审包（.revpkg），或将其拖放到本窗口。需要评审包口令、您的席位号和席位码。</translation>
    </message>
    <message>
        <source>Open package…</source>
        <translation>打开评审包…</translation>
    </message>
    <message>
        <source>Try the demo package</source>
        <translation>试用演示评审包</translation>
    </message>
    <message>
        <source>Recent packages:</source>
        <translation>最近打开：</translation>
    </message>
    <message>
        <source>Search projects</source>
        <translation>搜索项目</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>申报材料</translation>
    </message>
    <message>
        <source>Attach page</source>
        <translation>关联本页</translation>
    </message>
    <message>
        <source>Link the page on screen to a criterion as evidence (Ctrl+E)</source>
        <translation>将当前页作为证据关联到评分项（Ctrl+E）</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Project facts</source>
        <translation>项目信息</translation>
    </message>
    <message>
        <source>The workspace is locked. Your work is saved.</source>
        <translation>工作区已锁定。您的评审内容已保存。</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>解锁…</translation>
    </message>
    <message>
        <source>&amp;Open package…</source>
        <translation>打开评审包(&amp;O)…</translation>
    </message>
    <message>
        <source>Secretariat desk</source>
        <translation>秘书处工作台</translation>
    </message>
    <message>
        <source>Open the &amp;demo package</source>
        <translation>打开演示评审包(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Close package</source>
        <translation>关闭评审包(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Finalize review…</source>
        <translation>完成评审(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Export score sheet…</source>
        <translation>导出评分表(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Next project</source>
        <translation>下一个项目(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous project</source>
        <translation>上一个项目(&amp;P)</translation>
    </message>
    <message>
        <source>Next &amp;material</source>
        <translation>下一份材料(&amp;M)</translation>
    </message>
    <message>
        <source>Previous m&amp;aterial</source>
        <translation>上一份材料(&amp;A)</translation>
    </message>
    <message>
        <source>Attach this page as &amp;evidence…</source>
        <translation>将本页关联为证据(&amp;E)…</translation>
    </message>
    <message>
        <source>Page down</source>
        <translation>向下翻屏</translation>
    </message>
    <message>
        <source>Page up</source>
        <translation>向上翻屏</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>&amp;Find in document</source>
        <translation>在文档中查找(&amp;F)</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>查找上一个</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit page</source>
        <translation>适合页面</translation>
    </message>
    <message>
        <source>Copy selected text</source>
        <translation>复制所选文字</translation>
    </message>
    <message>
        <source>Lock after &amp;idle time…</source>
        <translation>空闲自动锁定(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Lock now: hide everything until the passphrase is entered again</source>
        <translation>立即锁定：隐藏全部内容，重新输入口令后恢复</translation>
    </message>
    <message>
        <source>Check that every project is complete, then sign your score sheet</source>
        <translation>检查所有项目均已评完，然后签署评分表</translation>
    </message>
    <message>
        <source>Export the signed score sheet (.revsheet) and its PDF</source>
        <translation>导出已签名的评分表（.revsheet）及其 PDF</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>评审(&amp;R)</translation>
    </message>
    <message>
        <source>Go to &amp;criterion</source>
        <translation>跳转到评分项(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Seat %1 · %2</source>
        <translation>席位 %1 · %2</translation>
    </message>
    <message>
        <source>No package open</source>
        <translation>未打开评审包</translation>
    </message>
    <message>
        <source>Show projects by status</source>
        <translation>按状态显示项目</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>%1 / %2 scored</source>
        <translation>%1 / %2 已评分</translation>
    </message>
    <message>
        <source>Criterion %1</source>
        <translation>评分项 %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>Open review package</source>
        <translation>打开评审包</translation>
    </message>
    <message>
        <source>Review packages (*.revpkg);;All files (*)</source>
        <translation>评审包 (*.revpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open package</source>
        <translation>打开评审包</translation>
    </message>
    <message>
        <source>Demo package</source>
        <translation>演示评审包</translation>
    </message>
    <message>
        <source>The demo package is not part of this build.</source>
        <translation>此版本未包含演示评审包。</translation>
    </message>
    <message>
        <source>Preparing the demo package…</source>
        <translation>正在准备演示评审包…</translation>
    </message>
    <message>
        <source>Demo package: the passphrase is “%1”, seat %2, seat code %3.</source>
        <translation>演示评审包：口令为“%1”，席位号 %2，席位码 %3。</translation>
    </message>
    <message>
        <source>The demo package could not be prepared: %1</source>
        <translation>无法准备演示评审包：%1</translation>
    </message>
    <message>
        <source>Unknown organizer</source>
        <translation>未知的组织方</translation>
    </message>
    <message>
        <source>The central store cannot be opened: %1</source>
        <translation>无法打开中央数据库：%1</translation>
    </message>
    <message>
        <source>Idle lock</source>
        <translation>空闲锁定</translation>
    </message>
    <message>
        <source>Lock the workspace after this many minutes without activity:</source>
        <translation>无操作多少分钟后锁定工作区：</translation>
    </message>
    <message>
        <source>This project has no materials.</source>
        <translation>该项目没有申报材料。</translation>
    </message>
    <message>
        <source>This material cannot be shown: %1</source>
        <translation>此材料无法显示：%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>所有修改已保存</translation>
    </message>
    <message>
        <source>Not saved! Retrying…</source>
        <translation>未能保存！正在重试…</translation>
    </message>
    <message>
        <source>About Expert Review Desk</source>
        <translation>关于专家评审工作台</translation>
    </message>
    <message>
        <source>Expert Review Desk: score applications offline. Materials are decrypted in memory only; your work is saved encrypted on this computer.</source>
        <translation>专家评审工作台：离线评审申报项目。申报材料仅在内存中解密；您的评审内容加密保存在本机。</translation>
    </message>
    <message>
        <source>This package is signed by an organizer key you have not used before.

Fingerprint:
%1

Compare it with the fingerprint in the notification letter from the secretariat. Trust this organizer from now on?</source>
        <translation>此评审包由您此前未使用过的组织方密钥签名。

指纹：
%1

请与秘书处通知函中的指纹核对。是否从此信任该组织方？</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Some changes could not be saved. Quit anyway?</source>
        <translation>部分修改未能保存。仍要退出吗？</translation>
    </message>
</context>
<context>
    <name>MaterialViewer</name>
    <message>
        <source>Select a material to read it here.</source>
        <extracomment>(member_id, page) of what is on screen, page 0-based; -1 when nothing is.</extracomment>
        <translation>请选择一份材料，在此阅读。</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit page</source>
        <translation>适合页面</translation>
    </message>
    <message>
        <source>Search in document</source>
        <translation>在文档中搜索</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected text (Ctrl+C)</source>
        <translation>复制所选文字（Ctrl+C）</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一个匹配</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一个匹配</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Document page</source>
        <translation>文档页面</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Decrypting and checking the material…</source>
        <translation>正在解密并校验材料…</translation>
    </message>
    <message>
        <source>its content is %1; only PDF documents and JPEG or PNG images are shown</source>
        <translation>其内容为 %1；仅显示 PDF 文档及 JPEG、PNG 图片</translation>
    </message>
    <message>
        <source>it is too large (%1 pixels)</source>
        <translation>尺寸过大（%1 像素）</translation>
    </message>
    <message>
        <source>it is damaged or not in the format it claims</source>
        <translation>文件已损坏，或与其声明的格式不符</translation>
    </message>
    <message>
        <source>the PDF is password-protected</source>
        <translation>该 PDF 设有密码保护</translation>
    </message>
    <message>
        <source>it needs more memory than the viewer may use</source>
        <translation>所需内存超出查看器的限额</translation>
    </message>
    <message>
        <source>it took longer than %1 seconds to open or draw; the viewer process was stopped</source>
        <translation>打开或绘制超过 %1 秒，查看进程已被终止</translation>
    </message>
    <message>
        <source>the viewer process stopped on it (%1) and was restarted</source>
        <translation>查看进程处理该材料时异常退出（%1），已重新启动</translation>
    </message>
    <message>
        <source>the viewer process could not be started (%1)</source>
        <translation>无法启动查看进程（%1）</translation>
    </message>
    <message>
        <source>the viewer process refused the request (%1)</source>
        <translation>查看进程拒绝了该请求（%1）</translation>
    </message>
    <message>
        <source>the viewer process was restarted</source>
        <translation>查看进程已重新启动</translation>
    </message>
    <message>
        <source>This material cannot be shown: %1</source>
        <translation>此材料无法显示：%1</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 处匹配</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 / %2 处</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>共 %1 页</translation>
    </message>
</context>
<context>
    <name>Materials</name>
    <message>
        <source>%1. %2 (%3)</source>
        <translation>%1. %2（%3）</translation>
    </message>
</context>
<context>
    <name>MergePage</name>
    <message>
        <source>Merge sheets</source>
        <translation>合并评分表</translation>
    </message>
    <message>
        <source>Merge score sheets…</source>
        <translation>合并评分表…</translation>
    </message>
    <message>
        <source>Register review package…</source>
        <translation>登记评审包…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>席位</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>评审包</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Verdict per sheet file</source>
        <translation>各评分表文件的结论</translation>
    </message>
    <message>
        <source>Hand-in per seat</source>
        <translation>各席位交表情况</translation>
    </message>
    <message>
        <source>Merge summary</source>
        <translation>合并摘要</translation>
    </message>
    <message>
        <source>Hand-in summary</source>
        <translation>交表摘要</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>已交</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>未交</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>已替换</translation>
    </message>
    <message>
        <source>Equivocating</source>
        <translation>矛盾</translation>
    </message>
    <message>
        <source>Seats: %1 handed in, %2 missing, %3 replaced, %4 equivocating</source>
        <translation>席位：已交 %1，未交 %2，已替换 %3，矛盾 %4</translation>
    </message>
    <message>
        <source>Choose score sheets</source>
        <translation>选择评分表</translation>
    </message>
    <message>
        <source>Score sheets and photo packages (*.revsheet *.revphotos);;All files (*)</source>
        <translation>评分表和照片包 (*.revsheet *.revphotos);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Merging score sheets</source>
        <translation>合并评分表</translation>
    </message>
    <message>
        <source>Verifying and merging…</source>
        <translation>正在验证并合并…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Merge failed</source>
        <translation>合并失败</translation>
    </message>
    <message>
        <source>The sheets could not be merged: %1</source>
        <translation>评分表未能合并：%1</translation>
    </message>
    <message>
        <source>No organizer key passphrase was given: the photo packages were not merged.</source>
        <translation>未输入组织者密钥口令：照片包未合并。</translation>
    </message>
    <message>
        <source>Photo packages open only with this secretariat&apos;s organizer key: %1</source>
        <translation>照片包只能用本秘书处的组织者密钥打开：%1</translation>
    </message>
    <message>
        <source>Merging photo packages</source>
        <translation>正在合并照片包</translation>
    </message>
    <message>
        <source>Opening and checking photos…</source>
        <translation>正在打开并核对照片…</translation>
    </message>
    <message>
        <source>The photo packages could not be merged: %1</source>
        <translation>照片包无法合并：%1</translation>
    </message>
    <message>
        <source>The merge was cancelled before this file.</source>
        <translation>合并在处理此文件之前已取消。</translation>
    </message>
    <message>
        <source>%1 file(s): %2 merged, %3 refused.</source>
        <translation>共 %1 个文件：合并 %2 个，拒收 %3 个。</translation>
    </message>
    <message>
        <source>Cancelled: %1 file(s) not processed (merge them again later; what was merged stays merged).</source>
        <translation>已取消：%1 个文件未处理（稍后可再次合并；已合并的保持不变）。</translation>
    </message>
    <message>
        <source>Choose review package</source>
        <translation>选择评审包</translation>
    </message>
    <message>
        <source>Review packages (*.revpkg);;All files (*)</source>
        <translation>评审包 (*.revpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The organizer key cannot be used: %1</source>
        <translation>无法使用组织方密钥：%1</translation>
    </message>
    <message>
        <source>Register review package</source>
        <translation>登记评审包</translation>
    </message>
    <message>
        <source>Opening the package…</source>
        <translation>正在打开评审包…</translation>
    </message>
    <message>
        <source>Package %1 registered.</source>
        <translation>评审包 %1 已登记。</translation>
    </message>
    <message>
        <source>Package %1 was registered already.</source>
        <translation>评审包 %1 此前已登记。</translation>
    </message>
    <message>
        <source>The passphrase does not open this package.</source>
        <translation>口令无法打开此评审包。</translation>
    </message>
    <message>
        <source>This package is signed by organizer %1, not by this secretariat&apos;s key: it is not registered.</source>
        <translation>此评审包由组织方 %1 签名，而非本秘书处的密钥：未予登记。</translation>
    </message>
    <message>
        <source>The file is not a review package.</source>
        <translation>该文件不是评审包。</translation>
    </message>
    <message>
        <source>The package is damaged or was altered: %1</source>
        <translation>评审包已损坏或被改动：%1</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>The package cannot be registered: %1</source>
        <translation>评审包无法登记：%1</translation>
    </message>
</context>
<context>
    <name>OpenErrors</name>
    <message>
        <source>This file is not a review package. Check that you chose the .revpkg file you received.</source>
        <translation>该文件不是评审包。请确认选择的是您收到的 .revpkg 文件。</translation>
    </message>
    <message>
        <source>This package was made by a newer version of the software. Please update Expert Review Desk.</source>
        <translation>该评审包由更新版本的软件制作。请升级专家评审工作台。</translation>
    </message>
    <message>
        <source>This package asks for more resources than allowed and was refused for your safety. Contact the secretariat.</source>
        <translation>该评审包要求的资源超出允许范围，为安全起见已拒绝打开。请联系秘书处。</translation>
    </message>
    <message>
        <source>The package file is incomplete (the copy may have been interrupted). Copy it again from the USB drive.</source>
        <translation>评审包文件不完整（复制可能被中断）。请从U盘重新复制。</translation>
    </message>
    <message>
        <source>The passphrase is not correct. Please try again.</source>
        <translation>口令不正确，请重试。</translation>
    </message>
    <message>
        <source>This package opens only with the key of an enrolled expert, not with a passphrase. Choose “My signing key on this computer”.</source>
        <translation>这个评审包只能用登记专家的密钥打开，不能用口令打开。请选择“本机上我的签名密钥”。</translation>
    </message>
    <message>
        <source>This package was not built for your key. Use the package passphrase instead.</source>
        <translation>这个评审包不是为您的密钥制作的。请改用评审包口令。</translation>
    </message>
    <message>
        <source>There is no signing key on this computer yet, so no package can have been built for it. Use the package passphrase.</source>
        <translation>本机上还没有签名密钥，因此不会有为它制作的评审包。请使用评审包口令。</translation>
    </message>
    <message>
        <source>Your signing key (fingerprint %2) can no longer be found on this computer. Use the package passphrase.</source>
        <translation>在本机上已找不到您的签名密钥（指纹 %2）。请使用评审包口令。</translation>
    </message>
    <message>
        <source>The passphrase of your key file is not correct. Please try again.</source>
        <translation>密钥文件口令不正确，请重试。</translation>
    </message>
    <message>
        <source>Your signing key cannot be used: %1</source>
        <translation>无法使用您的签名密钥：%1</translation>
    </message>
    <message>
        <source>The package has been altered or damaged and cannot be trusted. Do not use it; ask the secretariat for a new copy.</source>
        <translation>评审包已被篡改或损坏，不可信任。请勿使用，并向秘书处索取新的副本。</translation>
    </message>
    <message>
        <source>The package is signed by an organizer key you have not trusted yet.</source>
        <translation>该评审包的组织方签名密钥尚未被您信任。</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>This version cannot open review packages (the package reader is missing).</source>
        <translation>此版本无法打开评审包（缺少评审包读取组件）。</translation>
    </message>
    <message>
        <source>The seat ID is not part of this package. Check your notification letter.</source>
        <translation>该席位号不属于此评审包。请核对通知函。</translation>
    </message>
    <message>
        <source>This seat needs its seat code: type the code printed on your notification letter.</source>
        <translation>此席位需要席位码：请输入通知函上印的席位码。</translation>
    </message>
    <message>
        <source>This seat code does not belong to this seat. Check the seat ID and the code on your notification letter.</source>
        <translation>该席位码不属于此席位。请核对通知函上的席位号和席位码。</translation>
    </message>
    <message>
        <source>Your saved work for this package cannot be opened: %1</source>
        <translation>无法打开您为此评审包保存的评审内容：%1</translation>
    </message>
    <message>
        <source>This package is already open for this seat in another window of Expert Review Desk. Continue your work there, or close it there first.</source>
        <translation>该评审包的这个席位已在另一个专家评审工作台窗口中打开。请在那个窗口中继续评审，或先在那里关闭它。</translation>
    </message>
    <message>
        <source>The package could not be opened: %1</source>
        <translation>无法打开评审包：%1</translation>
    </message>
</context>
<context>
    <name>OrganizerPassphraseDialog</name>
    <message>
        <source>Organizer key passphrase</source>
        <translation>组织方密钥口令</translation>
    </message>
    <message>
        <source>This computer has no usable system keyring, so the organizer signing key is kept in an encrypted key file (in %1).

Choose a passphrase that is hard to guess to protect it. Without it no package can be signed, and nobody can recover it.</source>
        <translation>本机没有可用的系统密钥环，组织方签名密钥将保存在加密的密钥文件中（位于 %1）。

请设置一个难以猜测的口令来保护它。没有该口令将无法签署评审包，且任何人都无法找回。</translation>
    </message>
    <message>
        <source>Enter the passphrase of the organizer signing key (an encrypted key file in %1):</source>
        <translation>请输入组织方签名密钥的口令（加密密钥文件，位于 %1）：</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Round overview</source>
        <translation>本轮概览</translation>
    </message>
    <message>
        <source>Program:</source>
        <translation>资助计划：</translation>
    </message>
    <message>
        <source>Annual budget (CNY):</source>
        <translation>年度资金总额（元）：</translation>
    </message>
    <message>
        <source>Left this year (CNY):</source>
        <translation>本年度剩余（元）：</translation>
    </message>
    <message>
        <source>Steps of the round</source>
        <translation>本轮评审各环节</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>评审包</translation>
    </message>
    <message>
        <source>%1 (awarded %2)</source>
        <translation>%1（已资助 %2）</translation>
    </message>
    <message>
        <source>No package registered yet: open an intake and build a package first.</source>
        <translation>尚未登记任何评审包：请先打开受理材料并生成评审包。</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未进行</translation>
    </message>
    <message>
        <source>%1 to %2; %3 objection(s), %4 open</source>
        <translation>%1 至 %2；异议 %3 件，未处理 %4 件</translation>
    </message>
    <message>
        <source>Intake checked</source>
        <translation>形式审查</translation>
    </message>
    <message>
        <source>%1 project(s) checked, %2 need review</source>
        <translation>已审查 %1 个项目，%2 个需复核</translation>
    </message>
    <message>
        <source>Decisions pending</source>
        <translation>待复核决定</translation>
    </message>
    <message>
        <source>%1 pending, %2 decided</source>
        <translation>待决定 %1 个，已决定 %2 个</translation>
    </message>
    <message>
        <source>Packages built</source>
        <translation>已生成评审包</translation>
    </message>
    <message>
        <source>Sheets received</source>
        <translation>已收评分表</translation>
    </message>
    <message>
        <source>%1 of %2 seats</source>
        <translation>%1 / %2 个席位</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>评审结果</translation>
    </message>
    <message>
        <source>%1 run(s), last %2</source>
        <translation>已计算 %1 次，最近 %2</translation>
    </message>
    <message>
        <source>Publicity (公示)</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Final award plan</source>
        <translation>资助计划</translation>
    </message>
    <message>
        <source>written</source>
        <translation>已生成</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>评审包</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>评审会</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>席位</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Equivocating</source>
        <translation>版本冲突</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>panel</source>
        <translation>专家评审</translation>
    </message>
    <message>
        <source>inspection</source>
        <translation>现场考察</translation>
    </message>
    <message>
        <source>second round (复议) of %1</source>
        <translation>第二轮复议（第一轮 %1）</translation>
    </message>
</context>
<context>
    <name>PackageDialog</name>
    <message>
        <source>Register review package</source>
        <translation>登记评审包</translation>
    </message>
    <message>
        <source>Passphrase of the package %1 (the one handed to the experts). It is used for this registration only and never stored.</source>
        <translation>评审包 %1 的口令（即发给专家的口令）。仅用于本次登记，不会保存。</translation>
    </message>
    <message>
        <source>Package passphrase</source>
        <translation>评审包口令</translation>
    </message>
    <message>
        <source>Organizer key</source>
        <translation>组织方密钥</translation>
    </message>
    <message>
        <source>This computer has no system keyring: the organizer key is kept in an encrypted file. Its passphrase:</source>
        <translation>本机没有系统密钥环：组织方密钥保存在加密文件中。请输入其口令：</translation>
    </message>
    <message>
        <source>Organizer key passphrase</source>
        <translation>组织方密钥口令</translation>
    </message>
</context>
<context>
    <name>PackageFileField</name>
    <message>
        <source>Save package as</source>
        <translation>评审包另存为</translation>
    </message>
    <message>
        <source>Review package (*.revpkg)</source>
        <translation>评审包 (*.revpkg)</translation>
    </message>
</context>
<context>
    <name>PackagesPage</name>
    <message>
        <source>Packages</source>
        <translation>评审包</translation>
    </message>
    <message>
        <source>Intake folder:</source>
        <translation>受理材料文件夹：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Session name:</source>
        <translation>评审会名称：</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>截止日期：</translation>
    </message>
    <message>
        <source>Package file:</source>
        <translation>评审包文件：</translation>
    </message>
    <message>
        <source>Seats and their experts (untick a seat to leave it out; double-click a name to change the expert):</source>
        <translation>席位及专家（取消勾选即不纳入本评审包；双击姓名可更换专家）：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Load seats</source>
        <translation>读取席位</translation>
    </message>
    <message>
        <source>Panel review</source>
        <translation>专家评审</translation>
    </message>
    <message>
        <source>On-site inspection</source>
        <translation>现场考察</translation>
    </message>
    <message>
        <source>Default: program name and kind</source>
        <translation>默认：资助计划名称和类型</translation>
    </message>
    <message>
        <source>Review deadline</source>
        <translation>评审截止日期</translation>
    </message>
    <message>
        <source>Show organizer key</source>
        <translation>查看组织方密钥</translation>
    </message>
    <message>
        <source>Build package and letters</source>
        <translation>生成评审包和通知函</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 seat(s), %2 project(s). Choose the seats and build.</source>
        <translation>%1 个席位，%2 个项目。请选择席位后生成。</translation>
    </message>
    <message>
        <source>The passphrase is not correct. Try again.</source>
        <translation>口令不正确，请重试。</translation>
    </message>
    <message>
        <source>The organizer key cannot be used: %1</source>
        <translation>组织方密钥无法使用：%1</translation>
    </message>
    <message>
        <source>Too many wrong passphrases.</source>
        <translation>口令错误次数过多。</translation>
    </message>
    <message>
        <source>Organizer fingerprint: %1 (read it to the experts; it is on every letter)</source>
        <translation>组织方指纹：%1（请向专家宣读；每份通知函上均有）</translation>
    </message>
    <message>
        <source>Load the intake&apos;s seats first.</source>
        <translation>请先读取受理材料中的席位。</translation>
    </message>
    <message>
        <source>Choose at least one seat.</source>
        <translation>请至少选择一个席位。</translation>
    </message>
    <message>
        <source>Choose where to save the package.</source>
        <translation>请选择评审包的保存位置。</translation>
    </message>
    <message>
        <source>Building the package</source>
        <translation>正在生成评审包</translation>
    </message>
    <message>
        <source>Encrypting the materials and writing the letters…</source>
        <translation>正在加密材料并生成通知函…</translation>
    </message>
    <message>
        <source>Cancelled: no package and no letter was written.</source>
        <translation>已取消：未写入任何评审包或通知函。</translation>
    </message>
    <message>
        <source>No package was built: %1</source>
        <translation>未生成评审包：%1</translation>
    </message>
    <message>
        <source>Built %1 (package %2): %3 seat(s), %4 project(s). Letters, one per seat with its seat code, are in %5: print them and keep them safe. The package is registered in the store.</source>
        <translation>已生成 %1（评审包 %2）：%3 个席位，%4 个项目。每个席位一份、载有席位编码的通知函在 %5：请打印并妥善保管。评审包已登记到中央数据库。</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Signing key passphrase</source>
        <translation>签名密钥口令</translation>
    </message>
    <message>
        <source>This computer has no usable system keyring, so your signing key is kept in an encrypted key file on this computer (in %1).

Choose a passphrase that is hard to guess to protect it: several unrelated words, or 18 or more random characters. Without it the key cannot be used, and nobody can recover it.</source>
        <translation>本机没有可用的系统密钥环，因此您的签名密钥将保存在本机的加密密钥文件中（位于 %1）。

请设置一个难以被猜到的口令来保护它：几个互不相关的词，或 18 个以上的随机字符。没有口令将无法使用该密钥，任何人都无法找回。</translation>
    </message>
    <message>
        <source>Enter the passphrase of your signing key (an encrypted key file on this computer, in %1):</source>
        <translation>请输入您的签名密钥的口令（本机密钥文件，已加密，位于 %1）：</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <source>This passphrase is too easy to guess (about %1 bits of strength, at least %2 needed). Make it longer: add unrelated words or random characters; avoid names, dates and common passwords.</source>
        <translation>此口令太容易被猜到（强度约 %1 位，至少需要 %2 位）。请加长口令：加入互不相关的词或随机字符；不要使用姓名、日期和常见密码。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>PhotoDialog</name>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
</context>
<context>
    <name>PhotoVerdicts</name>
    <message>
        <source>Photos accepted</source>
        <translation>照片已接收</translation>
    </message>
    <message>
        <source>Already merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>Older revision</source>
        <translation>旧版本</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>The file is larger than any photo package can be.</source>
        <translation>该文件超过照片包的最大大小。</translation>
    </message>
    <message>
        <source>The file is not an inspection photo package.</source>
        <translation>该文件不是现场考察照片包。</translation>
    </message>
    <message>
        <source>The photo package is not encrypted to this secretariat&apos;s organizer key.</source>
        <translation>该照片包不是用本秘书处组织者密钥加密的。</translation>
    </message>
    <message>
        <source>The photo package is incomplete (truncated).</source>
        <translation>照片包不完整（被截断）。</translation>
    </message>
    <message>
        <source>The photo package was altered or damaged.</source>
        <translation>照片包被改动或已损坏。</translation>
    </message>
    <message>
        <source>The photo package was written in a format this version does not read.</source>
        <translation>照片包的格式本版本无法读取。</translation>
    </message>
    <message>
        <source>A photo in the package does not match its hash.</source>
        <translation>照片包中有照片与其哈希值不符。</translation>
    </message>
    <message>
        <source>The photo package&apos;s index is malformed.</source>
        <translation>照片包的索引格式错误。</translation>
    </message>
    <message>
        <source>%1 photo(s) of seat %2&apos;s sheet, revision %3, received.</source>
        <translation>已收到席位 %2 评分表（第 %3 版）的照片 %1 张。</translation>
    </message>
    <message>
        <source>This photo package was merged before.</source>
        <translation>此照片包已合并过。</translation>
    </message>
    <message>
        <source>The photos of this sheet were received before (in another file).</source>
        <translation>该评分表的照片已收到过（在另一个文件中）。</translation>
    </message>
    <message>
        <source>For sheet revision %1, which revision %2 replaced: the photos exported with revision %2 are needed.</source>
        <translation>此照片包属于第 %1 版评分表，该版已被第 %2 版替换：需要随第 %2 版导出的照片包。</translation>
    </message>
    <message>
        <source>The photo package&apos;s review package is not registered in this store: register the package first.</source>
        <translation>照片包所属的评审包尚未在本库登记：请先登记评审包。</translation>
    </message>
    <message>
        <source>The photo package belongs to another build of its review package.</source>
        <translation>照片包属于该评审包的另一次生成。</translation>
    </message>
    <message>
        <source>Photos belong to inspection packages only.</source>
        <translation>照片只属于现场考察评审包。</translation>
    </message>
    <message>
        <source>Seat %1 has no accepted sheet yet: merge its sheet (revision %2) first.</source>
        <translation>席位 %1 尚无被接受的评分表：请先合并其评分表（第 %2 版）。</translation>
    </message>
    <message>
        <source>For seat %1&apos;s sheet revision %2, which is not the accepted revision %3.</source>
        <translation>此照片包属于席位 %1 的另一份第 %2 版评分表，不是被接受的第 %3 版。</translation>
    </message>
    <message>
        <source>Seat %1&apos;s sheets equivocate: no photos count until a higher revision settles it.</source>
        <translation>席位 %1 的评分表互相矛盾：在更高版本解决之前，照片均不计入。</translation>
    </message>
    <message>
        <source>The photo package is not signed with the key of seat %1&apos;s accepted sheet.</source>
        <translation>照片包未使用席位 %1 已接受评分表的密钥签名。</translation>
    </message>
    <message>
        <source>The photos do not match the sheet: %1 missing, %2 not in the sheet, %3 with another type or caption.</source>
        <translation>照片与评分表不符：缺少 %1 张，评分表中没有的 %2 张，类型或说明不符的 %3 张。</translation>
    </message>
</context>
<context>
    <name>ProjectInfo</name>
    <message>
        <source>Project ID</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>申报单位</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Entity type</source>
        <translation>主体类型</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>所属行业</translation>
    </message>
    <message>
        <source>Registered district</source>
        <translation>注册地</translation>
    </message>
    <message>
        <source>Registration date</source>
        <translation>注册日期</translation>
    </message>
    <message>
        <source>Cloud vendor</source>
        <translation>云服务商</translation>
    </message>
    <message>
        <source>Contract number</source>
        <translation>合同编号</translation>
    </message>
    <message>
        <source>Contract amount</source>
        <translation>合同金额</translation>
    </message>
    <message>
        <source>Contract signed</source>
        <translation>合同签订日期</translation>
    </message>
    <message>
        <source>Completion date</source>
        <translation>结项日期</translation>
    </message>
    <message>
        <source>Final acceptance report</source>
        <translation>终验报告日期</translation>
    </message>
    <message>
        <source>Actual cost</source>
        <translation>实际投入</translation>
    </message>
    <message>
        <source>Requested amount</source>
        <translation>申请金额</translation>
    </message>
    <message>
        <source>%1 yuan (%2 ten-thousand yuan)</source>
        <translation>%1 元（%2 万元）</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>Project summary</source>
        <translation>项目摘要</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>needs review</source>
        <translation>需人工复核</translation>
    </message>
    <message>
        <source>Eligibility check: %1</source>
        <translation>形式审查：%1</translation>
    </message>
</context>
<context>
    <name>ProjectStatus</name>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>评审中</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Conflict declared</source>
        <translation>已申明回避</translation>
    </message>
    <message>
        <source>total %1</source>
        <translation>总分 %1</translation>
    </message>
</context>
<context>
    <name>PublicityPage</name>
    <message>
        <source>公示 and award plan</source>
        <translation>公示与资助计划</translation>
    </message>
    <message>
        <source>公示 period (5 working days)</source>
        <translation>公示期（5个工作日）</translation>
    </message>
    <message>
        <source>First day of the 公示</source>
        <translation>公示首日</translation>
    </message>
    <message>
        <source>Start the 公示 and write the notice…</source>
        <translation>开始公示并生成公示文件…</translation>
    </message>
    <message>
        <source>Load holiday supplement file…</source>
        <translation>载入节假日补充文件…</translation>
    </message>
    <message>
        <source>For a year the official holiday calendar does not cover yet: the State Council&apos;s notice transcribed into a file (reviewer-app/holidays/1)</source>
        <translation>用于官方节假日日历尚未包含的年份：按国务院办公厅节假日安排通知录入的文件（reviewer-app/holidays/1）</translation>
    </message>
    <message>
        <source>Budget on notice</source>
        <translation>公示的预算</translation>
    </message>
    <message>
        <source>公示 list</source>
        <translation>公示名单</translation>
    </message>
    <message>
        <source>Objections</source>
        <translation>异议</translation>
    </message>
    <message>
        <source>Record an objection</source>
        <translation>登记异议</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Objection (summary)</source>
        <translation>异议内容（摘要）</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Record objection</source>
        <translation>登记异议</translation>
    </message>
    <message>
        <source>Decide the selected objection</source>
        <translation>处理所选异议</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Objection upheld (not funded)</source>
        <translation>异议成立（不予资助）</translation>
    </message>
    <message>
        <source>Objection dismissed (award stands)</source>
        <translation>异议不成立（维持资助）</translation>
    </message>
    <message>
        <source>Record decision</source>
        <translation>登记处理结果</translation>
    </message>
    <message>
        <source>Write the final award plan…</source>
        <translation>生成最终资助计划…</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>档次</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>异议</translation>
    </message>
    <message>
        <source>Upheld</source>
        <translation>异议成立</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>异议不成立</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>No 公示 period yet.</source>
        <translation>尚未公示。</translation>
    </message>
    <message>
        <source>The award plan can be written after the 公示.</source>
        <translation>公示期满后方可生成资助计划。</translation>
    </message>
    <message>
        <source>公示期 %1 – %2 (%3 working days; calendar: %4)</source>
        <translation>公示期 %1 – %2（%3个工作日；日历：%4）</translation>
    </message>
    <message>
        <source>The award plan of this 公示 has been written.</source>
        <translation>本次公示的资助计划已生成。</translation>
    </message>
    <message>
        <source>The 公示 runs until %1: the award plan can be written from the day after.</source>
        <translation>公示至 %1 结束：次日起可生成资助计划。</translation>
    </message>
    <message>
        <source>Objections without a decision: %1.</source>
        <translation>尚未处理的异议：%1。</translation>
    </message>
    <message>
        <source>The 公示 has ended: the award plan can be written.</source>
        <translation>公示期已满：可以生成资助计划。</translation>
    </message>
    <message>
        <source>Budget on notice: %1 yuan, given for this round.</source>
        <translation>公示的预算：%1 元，为本轮给定。</translation>
    </message>
    <message>
        <source>Budget on notice: %1 yuan, the annual budget less prior awards.</source>
        <translation>公示的预算：%1 元，为年度预算减去已获资助。</translation>
    </message>
    <message>
        <source>The notice will put on notice the budget given for this round on the results page: %1 yuan.</source>
        <translation>公示将采用结果页给定的本轮预算：%1 元。</translation>
    </message>
    <message>
        <source>The notice will put on notice the default budget: the annual budget less prior awards (a budget for this round is given on the results page).</source>
        <translation>公示将采用默认预算：年度预算减去已获资助（本轮预算可在结果页给定）。</translation>
    </message>
    <message>
        <source>Holiday calendar: %1 only.</source>
        <translation>节假日日历：仅 %1。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 年（%2）</translation>
    </message>
    <message>
        <source>Holiday supplement for %1.</source>
        <translation>节假日补充：%1。</translation>
    </message>
    <message>
        <source>Choose holiday supplement files</source>
        <translation>选择节假日补充文件</translation>
    </message>
    <message>
        <source>Holiday supplements (*.toml);;All files (*)</source>
        <translation>节假日补充文件 (*.toml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The holiday supplement %1 is refused: %2</source>
        <translation>节假日补充文件 %1 被拒绝：%2</translation>
    </message>
    <message>
        <source>Holiday supplement loaded: a 公示 may now fall in %1.</source>
        <translation>已载入节假日补充文件：公示期现在可以落在 %1 年。</translation>
    </message>
    <message>
        <source>Write the notice (publicity.pdf, .csv) into</source>
        <translation>公示文件（publicity.pdf、.csv）保存到</translation>
    </message>
    <message>
        <source>公示</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Writing the notice…</source>
        <translation>正在生成公示文件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>公示 opened; the notice is in %1: %2</source>
        <translation>公示已开始；公示文件在 %1：%2</translation>
    </message>
    <message>
        <source>Objection %1 recorded for %2.</source>
        <translation>已为 %2 登记异议 %1。</translation>
    </message>
    <message>
        <source>Select the objection to decide in the table.</source>
        <translation>请在表格中选择要处理的异议。</translation>
    </message>
    <message>
        <source>Objection %1: %2.</source>
        <translation>异议 %1：%2。</translation>
    </message>
    <message>
        <source>Write the award plan and final results into</source>
        <translation>资助计划和最终结果保存到</translation>
    </message>
    <message>
        <source>Award plan</source>
        <translation>资助计划</translation>
    </message>
    <message>
        <source>Writing the award plan…</source>
        <translation>正在生成资助计划…</translation>
    </message>
    <message>
        <source>Award plan written to %1: %2 project(s), %3 yuan.</source>
        <translation>资助计划已保存到 %1：%2 个项目，共 %3 元。</translation>
    </message>
</context>
<context>
    <name>PublicityText</name>
    <message>
        <source>Eligibility decisions are pending for %1: decide them before the 公示.</source>
        <translation>以下项目的形式审查尚待复核决定：%1。请先作出决定再公示。</translation>
    </message>
    <message>
        <source>The official holiday calendar (%1) does not cover %2 yet: load a holiday supplement file for %2, or update the calendar, before setting a 公示 period in that year.</source>
        <translation>官方节假日日历（%1）尚未包含 %2 年：请先载入 %2 年的节假日补充文件或更新日历，再设定该年的公示期。</translation>
    </message>
    <message>
        <source>No %1 working days within %2 days of %3.</source>
        <translation>自 %3 起 %2 天内没有 %1 个工作日。</translation>
    </message>
    <message>
        <source>A 公示 period is already recorded (from %1): a new one must start today (%2, Beijing time) or later, not %3.</source>
        <translation>已登记过公示期（自 %1 起）：新的公示期须从今天（北京时间 %2）或以后开始，不能是 %3。</translation>
    </message>
    <message>
        <source>The award plan was written on %1: the round is closed and no new 公示 can be opened.</source>
        <translation>资助计划已于 %1 生成：本轮已结束，不能再开始新的公示。</translation>
    </message>
    <message>
        <source>No 公示 period is recorded yet: start one first.</source>
        <translation>尚未登记公示期：请先开始公示。</translation>
    </message>
    <message>
        <source>Project %1 is not on the 公示 list.</source>
        <translation>项目 %1 不在公示名单中。</translation>
    </message>
    <message>
        <source>Received on %1, outside the 公示 period %2 – %3.</source>
        <translation>收到日期 %1 不在公示期 %2 – %3 内。</translation>
    </message>
    <message>
        <source>The objection&apos;s text is empty.</source>
        <translation>异议内容为空。</translation>
    </message>
    <message>
        <source>The objection&apos;s text has %1 characters (at most %2): record a summary and keep the letter on file.</source>
        <translation>异议内容有 %1 个字符（最多 %2 个）：请登记摘要，原件存档。</translation>
    </message>
    <message>
        <source>A decision on an objection needs who decided and why.</source>
        <translation>处理异议须填写处理人和理由。</translation>
    </message>
    <message>
        <source>There is no objection number %1.</source>
        <translation>没有编号为 %1 的异议。</translation>
    </message>
    <message>
        <source>Objection %1 was settled in the award plan already written; it cannot be decided again.</source>
        <translation>异议 %1 已在已生成的资助计划中定案，不能再次处理。</translation>
    </message>
    <message>
        <source>The 公示 period ends on %1 (today is %2, Beijing time): the award plan can be written from the day after.</source>
        <translation>公示期至 %1 结束（今天是北京时间 %2）：次日起方可生成资助计划。</translation>
    </message>
    <message>
        <source>Objections without a decision: %1. Decide them first.</source>
        <translation>尚有未处理的异议：%1。请先处理。</translation>
    </message>
    <message>
        <source>The results have changed since the 公示 (sheets merged, decisions or ledger entries recorded): open a new 公示 period.</source>
        <translation>公示后结果已有变化（合并了评分表、登记了决定或台账）：请重新公示。</translation>
    </message>
    <message>
        <source>No panel package is registered: there are no results to put on notice.</source>
        <translation>尚未登记评审包：没有可公示的结果。</translation>
    </message>
    <message>
        <source>the file is larger than %1 bytes.</source>
        <translation>文件超过 %1 字节。</translation>
    </message>
    <message>
        <source>it is not a UTF-8 TOML text.</source>
        <translation>文件不是 UTF-8 编码的 TOML 文本。</translation>
    </message>
    <message>
        <source>its keys must be exactly %1.</source>
        <translation>文件的键必须恰好是 %1。</translation>
    </message>
    <message>
        <source>its format is %1, not %2.</source>
        <translation>文件格式是 %1，而不是 %2。</translation>
    </message>
    <message>
        <source>its year must be a year between 2000 and 2100.</source>
        <translation>year 必须是 2000 至 2100 之间的年份。</translation>
    </message>
    <message>
        <source>its source must name the notice it was copied from (one line, at most 200 characters).</source>
        <translation>source 必须写明所依据的通知（一行，最多 200 个字符）。</translation>
    </message>
    <message>
        <source>%1 must be a list of dates.</source>
        <translation>%1 必须是日期列表。</translation>
    </message>
    <message>
        <source>%1 holds something that is not a date (YYYY-MM-DD).</source>
        <translation>%1 中有不是日期（YYYY-MM-DD）的内容。</translation>
    </message>
    <message>
        <source>%1 lists %2, which is not in %3.</source>
        <translation>%1 中的 %2 不在 %3 年内。</translation>
    </message>
    <message>
        <source>%1 lists a date twice.</source>
        <translation>%1 中有重复的日期。</translation>
    </message>
    <message>
        <source>it lists no holiday.</source>
        <translation>文件没有列出任何放假日期。</translation>
    </message>
    <message>
        <source>%1 is both a holiday and a working day.</source>
        <translation>%1 既被列为放假日又被列为上班日。</translation>
    </message>
    <message>
        <source>workdays lists %1, a weekday: only weekend days worked in exchange (调休上班) belong there.</source>
        <translation>workdays 列出了 %1，这是周一至周五的日子：只有调休上班的周末日期才能列入。</translation>
    </message>
    <message>
        <source>two files were given for %1.</source>
        <translation>%1 年给出了两个文件。</translation>
    </message>
    <message>
        <source>the official calendar (%1) already covers %2: give no supplement for that year.</source>
        <translation>官方日历（%1）已包含 %2 年：该年不需要补充文件。</translation>
    </message>
    <message>
        <source>the file cannot be read: %1</source>
        <translation>文件无法读取：%1</translation>
    </message>
    <message>
        <source>it is not a regular file.</source>
        <translation>不是普通文件。</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>Results</source>
        <translation>评审结果</translation>
    </message>
    <message>
        <source>Filter: project, enterprise, reason…</source>
        <translation>筛选：项目、企业、原因…</translation>
    </message>
    <message>
        <source>Filter results</source>
        <translation>筛选结果</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Computing the results</source>
        <translation>正在计算结果</translation>
    </message>
    <message>
        <source>Export XLSX, PDF, CSV…</source>
        <translation>导出 XLSX、PDF、CSV…</translation>
    </message>
    <message>
        <source>Results table</source>
        <translation>结果表</translation>
    </message>
    <message>
        <source>Experts&apos; totals per project</source>
        <translation>各项目的专家总分</translation>
    </message>
    <message>
        <source>Divergence view</source>
        <translation>评分分歧图</translation>
    </message>
    <message>
        <source>Budget use</source>
        <translation>预算使用</translation>
    </message>
    <message>
        <source>Results summary</source>
        <translation>结果摘要</translation>
    </message>
    <message>
        <source>Start a second round (复议)…</source>
        <translation>发起第二轮复议…</translation>
    </message>
    <message>
        <source>Build a second-round package of the divergent projects for the same experts</source>
        <translation>为分歧较大的项目向原评审专家生成第二轮复议评审包</translation>
    </message>
    <message>
        <source>Conflicts by category</source>
        <translation>按类别统计的回避</translation>
    </message>
    <message>
        <source>Panel-size warnings</source>
        <translation>评审人数提醒</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>全部项目</translation>
    </message>
    <message>
        <source>Funded</source>
        <translation>获资助</translation>
    </message>
    <message>
        <source>Not funded</source>
        <translation>未获资助</translation>
    </message>
    <message>
        <source>Flagged for re-review</source>
        <translation>需复议</translation>
    </message>
    <message>
        <source>Eligibility decision pending</source>
        <translation>形式审查待复核</translation>
    </message>
    <message>
        <source>Tier: %1</source>
        <translation>档次：%1</translation>
    </message>
    <message>
        <source>Computing the results…</source>
        <translation>正在计算结果…</translation>
    </message>
    <message>
        <source>Computation cancelled: the table shows the results computed before, if any.</source>
        <translation>已取消计算：表中显示的是此前计算的结果（如有）。</translation>
    </message>
    <message>
        <source>No results yet: register the panel package and merge the experts&apos; sheets on the merge page first.</source>
        <translation>尚无结果：请先在“合并评分表”页登记评审包并合并专家评分表。</translation>
    </message>
    <message>
        <source>The results cannot be computed: %1</source>
        <translation>无法计算结果：%1</translation>
    </message>
    <message>
        <source>Panel size:</source>
        <translation>评审人数提醒：</translation>
    </message>
    <message>
        <source>%1 projects, %2 funded; %3 of %4 yuan awarded; %5 flagged for re-review; %6 awaiting an eligibility decision.</source>
        <translation>共 %1 个项目，%2 个获资助；已分配 %3 元，预算 %4 元；%5 个需复议；%6 个形式审查待复核。</translation>
    </message>
    <message>
        <source> (budget given for this round)</source>
        <translation>（本轮给定预算）</translation>
    </message>
    <message>
        <source>Export the results into</source>
        <translation>结果导出到</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>Writing the results files…</source>
        <translation>正在写入结果文件…</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation>导出已取消：未写入任何文件。</translation>
    </message>
    <message>
        <source>The results could not be exported: %1</source>
        <translation>结果未能导出：%1</translation>
    </message>
    <message>
        <source>Exported to %1: %2</source>
        <translation>已导出到 %1：%2</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Divergence</source>
        <translation>分歧（极差）</translation>
    </message>
    <message>
        <source>Second round</source>
        <translation>第二轮复议</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>档次</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>eligibility decision pending</source>
        <translation>形式审查待复核</translation>
    </message>
    <message>
        <source>(re-review)</source>
        <translation>（需复议）</translation>
    </message>
    <message>
        <source>Second round: round 2 counted for %1 of %2 seat(s); first round %3</source>
        <translation>第二轮复议：%2 位专家中 %1 位按第二轮计分；第一轮得分 %3</translation>
    </message>
    <message>
        <source>uncategorised</source>
        <translation>未分类</translation>
    </message>
    <message>
        <source>Conflicts declared: %1</source>
        <translation>已申报回避：%1 项</translation>
    </message>
    <message>
        <source>Conflicts declared: %1 (%2)</source>
        <translation>已申报回避：%1 项（%2）</translation>
    </message>
    <message>
        <source>%1: %2 valid review(s), fewer than the %3 the program recommends</source>
        <translation>%1：有效评分 %2 份，少于项目文件建议的 %3 份</translation>
    </message>
    <message>
        <source>%1: %2 valid reviews, an even number where the program asks for an odd one</source>
        <translation>%1：有效评分 %2 份，为偶数，而项目文件要求奇数</translation>
    </message>
    <message>
        <source>%1: %2 ten-thousand yuan</source>
        <translation>%1：%2 万元</translation>
    </message>
    <message>
        <source>Left: %1 of %2 ten-thousand yuan</source>
        <translation>剩余：%1 万元（预算 %2 万元）</translation>
    </message>
</context>
<context>
    <name>RoundBudgetField</name>
    <message>
        <source>Budget for this round (CNY):</source>
        <translation>本轮预算（元）：</translation>
    </message>
    <message>
        <source>Budget for this round (CNY)</source>
        <translation>本轮预算（元）</translation>
    </message>
    <message>
        <source>Budget for this round: state</source>
        <translation>本轮预算：状态</translation>
    </message>
    <message>
        <source>Default: the annual budget less prior awards</source>
        <translation>默认：年度预算减去已获资助</translation>
    </message>
    <message>
        <source>Default: %1 (budget left)</source>
        <translation>默认：%1（预算余额）</translation>
    </message>
    <message>
        <source>Empty: the program&apos;s annual budget less this year&apos;s prior awards. Press Enter to recompute the results with the budget given.</source>
        <translation>留空：项目年度预算减去本年度已获资助。按回车键以给定的预算重新计算结果。</translation>
    </message>
    <message>
        <source>A 公示 period is open: the results and the award plan are computed with the budget put on notice (%1 yuan), which cannot be changed here.</source>
        <translation>公示期已开始：结果和资助计划按公示的预算（%1 元）计算，此处不能修改。</translation>
    </message>
    <message>
        <source>Budget on notice: %1 yuan (%2).</source>
        <translation>公示的预算：%1 元（%2）。</translation>
    </message>
    <message>
        <source>given for this round</source>
        <translation>本轮给定</translation>
    </message>
    <message>
        <source>the annual budget less prior awards</source>
        <translation>年度预算减去已获资助</translation>
    </message>
    <message>
        <source>The budget for this round cannot be negative: “%1”.</source>
        <translation>本轮预算不能为负数：“%1”。</translation>
    </message>
    <message>
        <source>“%1” is not an amount in yuan: type digits, e.g. 3000000 or 3,000,000.50 (no 万 or 元).</source>
        <translation>“%1”不是以元为单位的金额：请输入数字，如 3000000 或 3,000,000.50（不带“万”或“元”）。</translation>
    </message>
    <message>
        <source>No budget given: the results use the annual budget less prior awards.</source>
        <translation>未给定本轮预算：结果按年度预算减去已获资助计算。</translation>
    </message>
    <message>
        <source>Budget for this round: %1 yuan.</source>
        <translation>本轮预算：%1 元。</translation>
    </message>
    <message>
        <source>%1 yuan</source>
        <translation>%1 元</translation>
    </message>
    <message>
        <source>The results keep the budget %1.</source>
        <translation>结果仍按%1计算。</translation>
    </message>
</context>
<context>
    <name>RubricPanel</name>
    <message>
        <source>Conflict of interest</source>
        <translation>利益冲突</translation>
    </message>
    <message>
        <source>I declare a conflict of interest with this project</source>
        <translation>本人与该项目存在利益冲突，申请回避</translation>
    </message>
    <message>
        <source>Reason (required when declaring)</source>
        <translation>回避理由（申明回避时必填）</translation>
    </message>
    <message>
        <source>(choose the kind of conflict)</source>
        <translation>（请选择冲突类别）</translation>
    </message>
    <message>
        <source>Kind of conflict of interest</source>
        <translation>利益冲突类别</translation>
    </message>
    <message>
        <source>Scoring is disabled: your review of this project will not be counted.</source>
        <translation>已停用评分：您对该项目的评审将不计入结果。</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Overall comment:</source>
        <translation>总体评价：</translation>
    </message>
    <message>
        <source>Recommendation:</source>
        <translation>评审建议：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Recommend funding</source>
        <translation>建议支持</translation>
    </message>
    <message>
        <source>Recommend with conditions</source>
        <translation>有条件支持</translation>
    </message>
    <message>
        <source>Do not recommend</source>
        <translation>不建议支持</translation>
    </message>
    <message>
        <source>Overall assessment of the project</source>
        <translation>对项目的总体评价</translation>
    </message>
    <message>
        <source>Overall comment</source>
        <translation>总体评价</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>评审建议</translation>
    </message>
    <message>
        <source>Reason for the conflict of interest</source>
        <translation>利益冲突的理由</translation>
    </message>
    <message>
        <source>Evidence links</source>
        <translation>证据关联</translation>
    </message>
    <message>
        <source>Total score</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>While reading, use “Attach page” to link the page on screen to a criterion. Click a link to jump to its page.</source>
        <translation>阅读时可用“关联本页”将当前页关联到评分项。点击关联即可跳转到该页。</translation>
    </message>
    <message>
        <source>Remove link</source>
        <translation>删除关联</translation>
    </message>
    <message>
        <source>%1 — %2, page %3</source>
        <translation>%1 — %2，第 %3 页</translation>
    </message>
    <message>
        <source>Total: %1 / %2 (%3 of %4 criteria scored)</source>
        <translation>总分：%1 / %2（已评 %3 / %4 项）</translation>
    </message>
</context>
<context>
    <name>SeatChoiceModel</name>
    <message>
        <source>Seat</source>
        <translation>席位</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Affiliation</source>
        <translation>单位</translation>
    </message>
</context>
<context>
    <name>SecondRoundDialog</name>
    <message>
        <source>Second round (复议)</source>
        <translation>第二轮复议</translation>
    </message>
    <message>
        <source>First-round package:</source>
        <translation>第一轮评审包：</translation>
    </message>
    <message>
        <source>Its passphrase:</source>
        <translation>评审包口令：</translation>
    </message>
    <message>
        <source>Projects to review again (the divergent ones are ticked):</source>
        <translation>复议项目（已勾选分歧较大的项目）：</translation>
    </message>
    <message>
        <source>Experts asked again (the same seats, new seat codes):</source>
        <translation>参加复议的专家（原席位，新席位编码）：</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>截止日期：</translation>
    </message>
    <message>
        <source>Package file:</source>
        <translation>评审包文件：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Review deadline</source>
        <translation>评审截止日期</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Build the second-round package and letters</source>
        <translation>生成第二轮复议评审包和通知函</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>席位</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Asked about</source>
        <translation>复议项目</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>不参加复议</translation>
    </message>
    <message>
        <source>Choose the first-round package</source>
        <translation>选择第一轮评审包</translation>
    </message>
    <message>
        <source>Review packages (*.revpkg);;All files (*)</source>
        <translation>评审包 (*.revpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the first-round package.</source>
        <translation>请选择第一轮评审包。</translation>
    </message>
    <message>
        <source>Type the first-round package&apos;s passphrase.</source>
        <translation>请输入第一轮评审包的口令。</translation>
    </message>
    <message>
        <source>The organizer key cannot be used: %1</source>
        <translation>无法使用组织方密钥：%1</translation>
    </message>
    <message>
        <source>Second round</source>
        <translation>第二轮复议</translation>
    </message>
    <message>
        <source>Opening the first-round package…</source>
        <translation>正在打开第一轮评审包…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Divergent in the first round: %1. Tick other projects to review them again too.</source>
        <translation>第一轮分歧较大的项目：%1。如需复议其他项目，请一并勾选。</translation>
    </message>
    <message>
        <source>No project of the first round is divergent. Tick the projects the panel should review again, if any.</source>
        <translation>第一轮没有分歧较大的项目。如仍需复议，请勾选相应项目。</translation>
    </message>
    <message>
        <source>%1 %2 (spread %3)</source>
        <translation>%1 %2（极差 %3）</translation>
    </message>
    <message>
        <source>divergent</source>
        <translation>分歧较大</translation>
    </message>
    <message>
        <source>— has a second round already (%1)</source>
        <translation>— 已有第二轮复议（%1）</translation>
    </message>
    <message>
        <source>no first-round sheet</source>
        <translation>未交第一轮评分表</translation>
    </message>
    <message>
        <source>recused: %1</source>
        <translation>已申报回避：%1</translation>
    </message>
    <message>
        <source>did not review: %1</source>
        <translation>未评：%1</translation>
    </message>
    <message>
        <source>Open the first-round package first.</source>
        <translation>请先打开第一轮评审包。</translation>
    </message>
    <message>
        <source>Choose at least one project to review again.</source>
        <translation>请至少选择一个复议项目。</translation>
    </message>
    <message>
        <source>No expert scored the chosen projects in the first round: nobody can be asked again.</source>
        <translation>第一轮没有专家为所选项目评分：无人可参加复议。</translation>
    </message>
    <message>
        <source>Choose where to save the package.</source>
        <translation>请选择评审包的保存位置。</translation>
    </message>
    <message>
        <source>%1 exists already: a package is never replaced. Choose another name.</source>
        <translation>%1 已存在：评审包不会被覆盖，请另选文件名。</translation>
    </message>
    <message>
        <source>Building the second-round package</source>
        <translation>正在生成第二轮复议评审包</translation>
    </message>
    <message>
        <source>Encrypting the materials and writing the letters…</source>
        <translation>正在加密材料并生成通知函…</translation>
    </message>
    <message>
        <source>Cancelled: no package and no letter was written.</source>
        <translation>已取消：未写入任何评审包或通知函。</translation>
    </message>
    <message>
        <source>Built %1 (second-round package %2): projects %3, %4 seat(s). Letters, one per seat with its new seat code, are in %5: print them. The package is registered in the store.</source>
        <translation>已生成 %1（第二轮复议评审包 %2）：复议项目 %3，%4 个席位。每个席位一份通知函（含新的席位编码），保存在 %5：请打印并妥善保管。评审包已登记到数据库。</translation>
    </message>
    <message>
        <source>The passphrase does not open this package: type the first round&apos;s passphrase again.</source>
        <translation>口令无法打开此评审包：请重新输入第一轮评审包的口令。</translation>
    </message>
    <message>
        <source>This package is signed by organizer %1, not by this secretariat&apos;s key: no second round is built from it.</source>
        <translation>此评审包由组织方 %1 签名，而非本秘书处的密钥：不能据此发起第二轮复议。</translation>
    </message>
    <message>
        <source>The file is not a review package.</source>
        <translation>该文件不是评审包。</translation>
    </message>
    <message>
        <source>The package is damaged or was altered: %1</source>
        <translation>评审包已损坏或被改动：%1</translation>
    </message>
    <message>
        <source>This package is not registered in the store: register it and merge its sheets on the merge page first.</source>
        <translation>此评审包尚未登记到数据库：请先在汇总页登记评审包并汇总评分表。</translation>
    </message>
    <message>
        <source>This is not a first-round panel package: a second round starts from the first round&apos;s package.</source>
        <translation>这不是第一轮专家评审包：第二轮复议须从第一轮评审包发起。</translation>
    </message>
    <message>
        <source>%1 already has a second round (package %2): a project is reviewed again only once.</source>
        <translation>%1 已有第二轮复议（评审包 %2）：每个项目只复议一次。</translation>
    </message>
    <message>
        <source>The projects cannot be reviewed again: %1</source>
        <translation>无法复议所选项目：%1</translation>
    </message>
    <message>
        <source>A file cannot be read or written: %1</source>
        <translation>文件无法读取或写入：%1</translation>
    </message>
    <message>
        <source>No second-round package was built: %1</source>
        <translation>未生成第二轮复议评审包：%1</translation>
    </message>
</context>
<context>
    <name>SheetController</name>
    <message>
        <source>Public key (*.pub);;All files (*)</source>
        <translation>公钥文件 (*.pub);;所有文件 (*)</translation>
    </message>
    <message>
        <source>My &amp;signing key…</source>
        <translation>我的签名密钥(&amp;S)…</translation>
    </message>
    <message>
        <source>Fingerprint of the key that signs your score sheets; export your public key</source>
        <translation>查看签署评分表所用密钥的指纹；导出您的公钥</translation>
    </message>
    <message>
        <source>The passphrase is not correct. Try again.</source>
        <translation>口令不正确，请重试。</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Your signing key cannot be used: %1</source>
        <translation>无法使用您的签名密钥：%1</translation>
    </message>
    <message>
        <source>Too many wrong passphrases.</source>
        <translation>口令错误次数过多。</translation>
    </message>
    <message>
        <source>Signing key not found</source>
        <translation>未找到签名密钥</translation>
    </message>
    <message>
        <source>Your signing key (fingerprint %1) can no longer be found on this computer. Score sheets you already exported stay valid.

Create a new signing key now? Then send your new public key to the secretariat.</source>
        <translation>在本机上已找不到您的签名密钥（指纹 %1）。您已导出的评分表依然有效。

现在创建新的签名密钥吗？创建后请将新公钥发送给秘书处。</translation>
    </message>
    <message>
        <source>the system keyring of this computer</source>
        <translation>本机的系统密钥环</translation>
    </message>
    <message>
        <source>an encrypted key file on this computer (in %1), protected by your passphrase</source>
        <translation>本机密钥文件（已加密，由您的口令保护，位于 %1）</translation>
    </message>
    <message>
        <source> (no usable system keyring here)</source>
        <translation>（本机没有可用的系统密钥环）</translation>
    </message>
    <message>
        <source>Signing key created</source>
        <translation>已创建签名密钥</translation>
    </message>
    <message>
        <source>A new signing key was created for you and kept in %1.

Fingerprint: %2</source>
        <translation>已为您创建新的签名密钥，保存在%1。

指纹：%2</translation>
    </message>
    <message>
        <source>You have no signing key yet.</source>
        <translation>您还没有签名密钥。</translation>
    </message>
    <message>
        <source>Your signing key: %1
Kept in %2</source>
        <translation>您的签名密钥：%1
保存位置：%2</translation>
    </message>
    <message>
        <source>Export my public key</source>
        <translation>导出我的公钥</translation>
    </message>
    <message>
        <source>Your name (written into the file for the secretariat):</source>
        <translation>您的姓名（写入文件，供秘书处识别）：</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <source>Your public key was written to:
%1

Give this file to the secretariat. It contains no secret.
Fingerprint: %2</source>
        <translation>您的公钥已写入：
%1

请将此文件交给秘书处，其中不含任何秘密信息。
指纹：%2</translation>
    </message>
    <message>
        <source>Create a new identity</source>
        <translation>创建新身份</translation>
    </message>
    <message>
        <source>Replace your signing key (fingerprint %1) with a new one?

The old key is deleted from this computer. Score sheets you already exported stay valid. Packages encrypted for your old key must be opened with their passphrase. Send your new public key to the secretariat.</source>
        <translation>要用新密钥替换您的签名密钥（指纹 %1）吗？

旧密钥将从本机删除。您已导出的评分表依然有效。为旧密钥加密的评审包需使用其口令打开。请将新公钥发送给秘书处。</translation>
    </message>
    <message>
        <source>Sign and export</source>
        <translation>签名并导出</translation>
    </message>
    <message>
        <source>Your name as it appears on the score sheet:</source>
        <translation>评分表上显示的您的姓名：</translation>
    </message>
    <message>
        <source>The score sheet needs your name.</source>
        <translation>评分表需要填写您的姓名。</translation>
    </message>
    <message>
        <source>Choose the folder (e.g. the USB stick) for the score sheet</source>
        <translation>选择保存评分表的文件夹（例如 U 盘）</translation>
    </message>
    <message>
        <source>The score sheet cannot be signed: %1</source>
        <translation>无法签署评分表：%1</translation>
    </message>
    <message>
        <source>Nothing has changed since revision %1, and this folder already holds it:
%2
%3</source>
        <translation>自第 %1 版以来没有任何修改，且该文件夹中已有此版本：
%2
%3</translation>
    </message>
    <message>
        <source>The score sheet was not exported: %1

Nothing was written. Choose another folder or free some space and try again.</source>
        <translation>评分表未能导出：%1

未写入任何文件。请选择其他文件夹或腾出空间后重试。</translation>
    </message>
    <message>
        <source>The score sheet was written, but your workspace could not record it: %1</source>
        <translation>评分表已写入，但您的工作区未能记录此次导出：%1</translation>
    </message>
    <message>
        <source>Nothing has changed since revision %1; its files were written again:
%2
%3</source>
        <translation>自第 %1 版以来没有任何修改；已重新写入该版本的文件：
%2
%3</translation>
    </message>
    <message>
        <source>Revision %1 of your score sheet is signed and exported:
%2
%3

Hand both files to the secretariat.</source>
        <translation>您的评分表第 %1 版已签名并导出：
%2
%3

请将这两个文件一并交给秘书处。</translation>
    </message>
    <message>
        <source>

%1 site photo(s) were exported, encrypted for the organizer only, to %2: hand it in with the score sheet.</source>
        <translation>

%1 张现场照片已加密导出（仅组织方可以打开）：%2，请与评分表一并交给秘书处。</translation>
    </message>
    <message>
        <source>

%1 site photo(s) stay on this laptop, encrypted in your workspace: this review package was built without the organizer&apos;s return key, so they cannot be sent back securely. The score sheet records each photo&apos;s fingerprint; keep the photos until the secretariat collects them.</source>
        <translation>

%1 张现场照片留在本机，加密保存在您的工作区中：本评审包未携带组织方的照片回收密钥，照片无法安全地交回。评分表已记录每张照片的指纹，请保留照片，待秘书处另行收取。</translation>
    </message>
    <message>
        <source>Print score sheet</source>
        <translation>打印评分表</translation>
    </message>
    <message>
        <source>Preparing the printable score sheet…</source>
        <translation>正在生成可打印的评分表…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation>已取消导出：未写入任何文件。</translation>
    </message>
    <message>
        <source>The score sheet was not exported: %1

Nothing was written.</source>
        <translation>评分表未导出：%1

未写入任何文件。</translation>
    </message>
    <message>
        <source>Score sheet exported: %1</source>
        <translation>评分表已导出：%1</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the disk is read-only (check its write-protect switch)</source>
        <translation>磁盘为只读（请检查其写保护开关）</translation>
    </message>
    <message>
        <source>no permission to write in %1</source>
        <translation>没有写入 %1 的权限</translation>
    </message>
    <message>
        <source>the folder %1 does not exist (was the USB stick removed?)</source>
        <translation>文件夹 %1 不存在（U 盘是否已拔出？）</translation>
    </message>
    <message>
        <source>the disk cannot be written (was the USB stick removed?)</source>
        <translation>磁盘无法写入（U 盘是否已拔出？）</translation>
    </message>
    <message>
        <source>a site photo could not be packaged for the organizer (%1): your workspace no longer holds it, or it does not match the fingerprint in the sheet</source>
        <translation>有一张现场照片无法打包交给组织方（%1）：您的工作区中已没有这张照片，或它与评分表中记录的指纹不符</translation>
    </message>
</context>
<context>
    <name>SheetDropArea</name>
    <message>
        <source>Drop score sheets (.revsheet), inspection photo packages (.revphotos) or a whole USB folder here</source>
        <translation>将评分表（.revsheet）、现场考察照片包（.revphotos）或整个U盘文件夹拖放到这里</translation>
    </message>
    <message>
        <source>Drop area for score sheets</source>
        <translation>评分表拖放区</translation>
    </message>
</context>
<context>
    <name>SheetPrinter</name>
    <message>
        <source>Print score sheet</source>
        <translation>打印评分表</translation>
    </message>
    <message>
        <source>&amp;Print score sheet…</source>
        <translation>打印评分表(&amp;P)…</translation>
    </message>
    <message>
        <source>Print the PDF of the score sheet you last signed and exported</source>
        <translation>打印您最近一次签名导出的评分表 PDF</translation>
    </message>
    <message>
        <source>You have not exported your score sheet in this session yet. What is printed is the signed revision you hand to the secretariat.

Finalize, sign and export it now?</source>
        <translation>本次会话中您尚未导出评分表。打印的是您交给秘书处的已签名版本。

现在定稿、签名并导出吗？</translation>
    </message>
    <message>
        <source>By answering Yes you also confirm that you have declared every conflict of interest you have with the projects of this package, completely and truthfully.</source>
        <translation>选择“是”即表示您同时确认：已如实、完整地申明与本评审包各项目之间的全部利益冲突。</translation>
    </message>
    <message>
        <source>The score sheet could not be printed: %1</source>
        <translation>评分表无法打印：%1</translation>
    </message>
    <message>
        <source>Revision %1 of your score sheet was sent to the printer (%2 pages).</source>
        <translation>评分表第 %1 版已发送到打印机（共 %2 页）。</translation>
    </message>
</context>
<context>
    <name>SheetVerdicts</name>
    <message>
        <source>Accepted</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Already merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>Equivocation</source>
        <translation>版本冲突</translation>
    </message>
    <message>
        <source>Older revision</source>
        <translation>旧版本</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Not processed</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>The sheet was refused by the verifier.</source>
        <translation>评分表未通过验证。</translation>
    </message>
    <message>
        <source>The file is larger than any score sheet can be.</source>
        <translation>文件大小超出评分表的上限。</translation>
    </message>
    <message>
        <source>The file is not a readable score sheet (damaged or not a sheet).</source>
        <translation>文件不是可读的评分表（已损坏或不是评分表）。</translation>
    </message>
    <message>
        <source>The sheet was written in a format this version does not read.</source>
        <translation>评分表的格式本版本无法读取。</translation>
    </message>
    <message>
        <source>The sheet&apos;s content was altered after signing.</source>
        <translation>评分表内容在签名后被改动。</translation>
    </message>
    <message>
        <source>The sheet does not carry exactly one signature.</source>
        <translation>评分表的签名不是恰好一个。</translation>
    </message>
    <message>
        <source>The signature names another key than the sheet&apos;s.</source>
        <translation>签名所指的密钥与评分表的不一致。</translation>
    </message>
    <message>
        <source>The signature does not match the content: the sheet was altered or forged.</source>
        <translation>签名与内容不符：评分表被改动或伪造。</translation>
    </message>
    <message>
        <source>The sheet holds a number written as a float, which sheets never do.</source>
        <translation>评分表含有浮点数写法的数字，正常评分表不会如此。</translation>
    </message>
    <message>
        <source>The sheet belongs to another package (or another build of it).</source>
        <translation>评分表属于另一个评审包（或其另一次生成）。</translation>
    </message>
    <message>
        <source>The sheet is of another kind than its package (panel or inspection).</source>
        <translation>评分表类型与评审包不符（会评或现场核查）。</translation>
    </message>
    <message>
        <source>The sheet names a seat the package does not have.</source>
        <translation>评分表所填席位不在评审包中。</translation>
    </message>
    <message>
        <source>The sheet is signed with another key than its seat&apos;s.</source>
        <translation>评分表不是用其席位的密钥签名的。</translation>
    </message>
    <message>
        <source>The sheet&apos;s seat proof does not match the seat code.</source>
        <translation>评分表的席位证明与席位码不符。</translation>
    </message>
    <message>
        <source>The sheet does not prove its seat.</source>
        <translation>评分表未能证明其席位。</translation>
    </message>
    <message>
        <source>The sheet scores a project not assigned to its seat.</source>
        <translation>评分表给未分配给该席位的项目打了分。</translation>
    </message>
    <message>
        <source>The sheet lists a project twice.</source>
        <translation>评分表重复列出同一项目。</translation>
    </message>
    <message>
        <source>The sheet leaves out a project assigned to its seat.</source>
        <translation>评分表缺少分配给该席位的项目。</translation>
    </message>
    <message>
        <source>The sheet scores a criterion the rubric does not have.</source>
        <translation>评分表含有评分标准中没有的指标。</translation>
    </message>
    <message>
        <source>The sheet leaves a criterion without a score.</source>
        <translation>评分表有指标未打分。</translation>
    </message>
    <message>
        <source>The sheet declares a conflict of interest and still scores the project.</source>
        <translation>评分表声明了利益冲突却仍给该项目打分。</translation>
    </message>
    <message>
        <source>The sheet holds a score that is not a valid number.</source>
        <translation>评分表含有无效的分数。</translation>
    </message>
    <message>
        <source>The sheet holds a score outside the criterion&apos;s range.</source>
        <translation>评分表的分数超出指标范围。</translation>
    </message>
    <message>
        <source>The sheet holds a score off the criterion&apos;s step.</source>
        <translation>评分表的分数不符合指标的分值步长。</translation>
    </message>
    <message>
        <source>The sheet&apos;s totals do not add up.</source>
        <translation>评分表的总分与各项之和不符。</translation>
    </message>
    <message>
        <source>The sheet&apos;s inspection checklist is invalid.</source>
        <translation>评分表的核查清单无效。</translation>
    </message>
    <message>
        <source>The sheet accepts another commitment than its package&apos;s.</source>
        <translation>评分表确认的承诺书与其评审包的承诺书不一致。</translation>
    </message>
    <message>
        <source>A declared conflict names a kind the package does not have.</source>
        <translation>评分表中申明的利益冲突类别不是评审包规定的类别。</translation>
    </message>
    <message>
        <source>A possible conflict found by the pre-screen is not answered properly.</source>
        <translation>评分表未正确回答预筛提示的可能利益冲突。</translation>
    </message>
    <message>
        <source>The file is not a score sheet.</source>
        <translation>该文件不是评分表。</translation>
    </message>
    <message>
        <source>The sheet&apos;s package is not registered in this store: register the package first.</source>
        <translation>评分表所属的评审包尚未在本库登记：请先登记评审包。</translation>
    </message>
    <message>
        <source>Revision %1 received.</source>
        <translation>已收到第 %1 版。</translation>
    </message>
    <message>
        <source>Revision %1 replaces revision %2.</source>
        <translation>第 %1 版替换第 %2 版。</translation>
    </message>
    <message>
        <source> An intermediate revision was never merged.</source>
        <translation>中间有一版从未合并。</translation>
    </message>
    <message>
        <source>Revision %1 was merged before with the same content.</source>
        <translation>第 %1 版此前已合并，内容相同。</translation>
    </message>
    <message>
        <source>Revision %1 is older than revision %2, already merged.</source>
        <translation>第 %1 版早于已合并的第 %2 版。</translation>
    </message>
    <message>
        <source>Two different sheets are signed as revision %1: this seat&apos;s scores do not count until a higher revision arrives.</source>
        <translation>两份不同的评分表都签为第 %1 版：在收到更高版本之前，该席位的评分不计入。</translation>
    </message>
    <message>
        <source>A link: links are not followed.</source>
        <translation>这是链接：不跟随链接。</translation>
    </message>
    <message>
        <source>Not a regular file.</source>
        <translation>不是普通文件。</translation>
    </message>
    <message>
        <source>The file or folder cannot be read: %1</source>
        <translation>无法读取文件或文件夹：%1</translation>
    </message>
    <message>
        <source>More sheet files than a round can have: the rest of the folder was not taken.</source>
        <translation>评分表文件数超出一轮可能的数量：文件夹其余部分未处理。</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Package: %1</source>
        <translation>评审包：%1</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <source>Key file passphrase:</source>
        <translation>密钥文件口令：</translation>
    </message>
    <message>
        <source>There is no signing key on this computer yet.</source>
        <translation>本机上还没有签名密钥。</translation>
    </message>
    <message>
        <source>Your key (fingerprint %1) is kept in an encrypted file: enter the passphrase that protects it, not the package passphrase.</source>
        <translation>您的密钥（指纹 %1）保存在加密文件中：请输入保护该文件的口令，而不是评审包口令。</translation>
    </message>
    <message>
        <source>Your key (fingerprint %1) is in the system keyring of this computer: no passphrase is needed.</source>
        <translation>您的密钥（指纹 %1）保存在本机的系统密钥环中：无需输入口令。</translation>
    </message>
    <message>
        <source>Enter the passphrase of your key file.</source>
        <translation>请输入密钥文件口令。</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <source>Enter your seat ID.</source>
        <translation>请输入席位号。</translation>
    </message>
    <message>
        <source>The seat code has 16 letters and digits, as printed on your notification letter (for example ABCD-EFGH-JKMN-PQRS).</source>
        <translation>席位码由 16 位字母和数字组成，见您的通知函（例如 ABCD-EFGH-JKMN-PQRS）。</translation>
    </message>
    <message>
        <source>this is not the package that was locked</source>
        <translation>这不是锁定前打开的评审包</translation>
    </message>
    <message>
        <source>Unlock review package</source>
        <translation>解锁评审包</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>评审包</translation>
    </message>
    <message>
        <source>Unlock with</source>
        <translation>解锁方式</translation>
    </message>
    <message>
        <source>Package passphrase</source>
        <translation>评审包口令</translation>
    </message>
    <message>
        <source>My signing key on this computer</source>
        <translation>本机上我的签名密钥</translation>
    </message>
    <message>
        <source>Your seat (from your notification letter)</source>
        <translation>您的席位（见通知函）</translation>
    </message>
    <message>
        <source>Seat ID:</source>
        <translation>席位号：</translation>
    </message>
    <message>
        <source>Seat code:</source>
        <translation>席位码：</translation>
    </message>
</context>
</TS>
