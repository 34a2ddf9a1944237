// The custody agreement (托管协议) a guardian signs: the default template and how a published text is filled with
// one class's facts. Pure: the server hashes the filled text and keeps it with the signature, so what was signed
// never changes when a unit publishes a new version or a class moves its dates.

/** The facts of a class written into its agreement. Missing facts read "以托管班公布为准". */
export interface AgreementFacts {
  unit: string;
  className: string;
  startDate?: string | null;
  endDate?: string | null;
  dailyStart?: string | null;
  dailyEnd?: string | null;
  /** The parents' share per child in yuan (0 = free). */
  feeAmount: number;
  feeNote?: string | null;
  venueName?: string | null;
  venueAddress?: string | null;
}

/**
 * The default agreement: care period and hours, drop-off and pick-up, health disclosure, insurance duty, fees,
 * liability, emergencies, personal data, termination and disputes. Placeholders in braces are filled per class.
 */
export const AGREEMENT_TEMPLATE = `职工子女爱心托管服务协议

甲方（托管单位）：{unit}
乙方（监护人）：在线签署的已核验监护人（姓名见签署记录）
托管班：{class}

第一条 托管期间、时间与地点
托管期间为 {startDate} 至 {endDate} 的国家法定工作日（法定节假日、调休休息日及托管班公布的停托日除外），每日托管时间为 {dailyHours}，托管地点为 {venue}。甲方调整时间或地点的，应至少提前一日通知乙方。

第二条 托管服务内容
甲方负责托管期间儿童的看护与安全管理，组织作业辅导、阅读、文体、科普及社会实践等公益活动，不开展学科类培训。甲方按规定配备合格的工作人员，落实消防、食品、卫生和值班安全管理制度。

第三条 接送
乙方应按时送达和接回儿童，并当面向工作人员交接。儿童由乙方或乙方在平台登记的授权接送人凭身份核验或接送码接走；未经登记的人员不得接走儿童。托管时间结束后三十分钟仍无人接送的，甲方应联系乙方并继续看护，乙方应尽快接回。低年级儿童不得自行离开；乙方同意儿童自行离开的，须事先在平台书面确认。

第四条 健康状况告知
乙方应如实告知儿童的健康状况、过敏史、既往病史、特殊饮食和用药需要及紧急联系人，信息变化时及时更新。儿童出现发热、传染病症状或其他不适合集体托管的情况时，乙方不得送托；托管期间出现上述情况的，甲方通知乙方接回。乙方隐瞒或未如实告知造成损害的，由乙方自行承担相应责任。

第五条 保险
乙方应自行为儿童购买覆盖全部托管期间的人身意外伤害保险（工会经费不得用于购买），并在开班前上传保单凭证；保单未经甲方确认的，儿童不能入托。甲方按规定为托管活动投保相应的责任保险（如有）。

第六条 费用
家长分担的托管费用为每名儿童 {fee}。费用仅用于托管服务，甲方应出具收据并公开收支；儿童因故退出的，按未托管天数退还已缴费用（如有）。

第七条 安全与责任
甲方应履行教育、管理和保护职责，因甲方过错造成儿童人身损害的，甲方依法承担相应责任。儿童故意或者因乙方未履行本协议义务造成损害的，由乙方依法承担相应责任。儿童损坏他人或公共财物的，由乙方依法赔偿。

第八条 突发情况处置
儿童在托管期间发生意外伤害或突发疾病的，甲方应立即采取必要救护措施，必要时拨打 120 或送医，并第一时间通知乙方；遇自然灾害、公共卫生事件等突发情况，甲方按应急预案处置并通知乙方。

第九条 个人信息保护
甲方仅为托管服务、安全管理和工会监督统计之目的收集和使用儿童及乙方的个人信息（含接送和出勤记录、照片），依法妥善保管，不向无关第三方提供，托管结束后按规定期限保存后删除。未经乙方同意，甲方不得公开发布可识别儿童身份的照片或视频。

第十条 协议的解除
乙方可随时书面（含平台操作）申请退出托管。儿童严重违反托管纪律、影响其他儿童安全经劝导无效，或乙方未履行保险、健康告知等义务的，甲方可解除本协议并通知乙方接回儿童。

第十一条 其他
本协议自乙方在线签署并通过手机验证码确认之日起生效，至托管期间结束时终止。乙方在线签署与书面签字具有同等效力，签署记录（姓名、时间、协议版本与文本摘要）由平台保存。未尽事宜由双方协商解决；协商不成的，提交甲方所在地工会组织调解。`;

const OR_PUBLISHED = '以托管班公布为准';

/** The fee as the agreement words it. */
export function feeText(amount: number, note?: string | null): string {
  const base = amount > 0 ? `人民币 ${amount} 元` : '0 元（免费）';
  return note?.trim() ? `${base}（${note.trim()}）` : base;
}

/** A published agreement filled with one class's facts: the exact text a guardian reads and signs. */
export function fillAgreement(body: string, f: AgreementFacts): string {
  const venue = f.venueAddress
    ? f.venueName
      ? `${f.venueName}（${f.venueAddress}）`
      : f.venueAddress
    : (f.venueName ?? OR_PUBLISHED);
  const values: Record<string, string> = {
    unit: f.unit,
    class: f.className,
    startDate: f.startDate ?? OR_PUBLISHED,
    endDate: f.endDate ?? OR_PUBLISHED,
    dailyHours: f.dailyStart && f.dailyEnd ? `${f.dailyStart}—${f.dailyEnd}` : OR_PUBLISHED,
    fee: feeText(f.feeAmount, f.feeNote),
    venue,
    venueAddress: f.venueAddress ?? OR_PUBLISHED,
  };
  return body.replace(/\{(unit|class|startDate|endDate|dailyHours|fee|venue|venueAddress)\}/g, (_, k: string) =>
    String(values[k]),
  );
}

/** A name as typed for comparison: no spaces of any width, no middle dots, Latin letters in lower case. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s·•.]/g, '')
    .toLowerCase();
}

/** Whether a typed signature is the verified name (spacing, width and middle dots aside). */
export function namesMatch(typed: string, verified: string): boolean {
  const t = normaliseName(typed);
  return t.length > 0 && t === normaliseName(verified);
}
