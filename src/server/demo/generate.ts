/**
 * The demo dataset as plain rows (no I/O): one city federation's districts, industry unions, grassroots units and
 * people. Deterministic for a seed; `scale` multiplies the grassroots units and their people so that benchmarks
 * can reuse it.
 */
import { creditCodeCheckChar } from '../../domain/org/creditCode.js';
import { UNIT_TYPES, type UnitType } from '../../domain/org/orgKinds.js';
import type { Role } from '../../domain/people/roles.js';
import { type Rng, seededRng } from './random.js';
import type { DemoOrg, DemoUser } from './types.js';
import { extraParents } from './world.js';

export const DISTRICTS = [
  { name: '东城区总工会', division: '370102' },
  { name: '西城区总工会', division: '370103' },
  { name: '南湖区总工会', division: '370104' },
  { name: '北山区总工会', division: '370105' },
  { name: '高新区总工会', division: '370171' },
];
export const INDUSTRIES = ['市教育工会', '市交通运输工会'];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲红飞鹏辉晨宇轩浩然欣怡子涵梓萱一诺若曦博文思远嘉怡雨桐俊熙'.split(
    '',
  );
const STREETS = [
  '解放路',
  '和平路',
  '人民路',
  '建设路',
  '文化路',
  '科技路',
  '花园路',
  '经十路',
  '历山路',
  '泉城路',
  '工业南路',
  '舜华路',
];
const UNIT_NAME_PARTS: Record<UnitType, string[]> = {
  agency: ['区人力资源和社会保障局', '区市场监督管理局', '区卫生健康委员会', '区住房和城乡建设局', '区税务局'],
  enterprise: [
    '电力有限公司',
    '重工集团有限公司',
    '软件股份有限公司',
    '食品有限公司',
    '物流有限公司',
    '银行分行',
    '燃气有限公司',
    '建设集团有限公司',
  ],
  institution: ['人民医院', '妇幼保健院', '图书馆', '疾病预防控制中心', '广播电视台'],
  park: ['经济开发区', '软件园', '创新谷', '智造园', '物流园'],
  street: ['街道办事处'],
  community: ['社区居委会'],
  school: ['实验小学', '第一小学', '外国语学校', '第二实验小学'],
  other: ['职工服务中心', '新就业形态劳动者服务站'],
};
const PLACE = [
  '泉城',
  '明湖',
  '千佛山',
  '趵突',
  '大明',
  '华山',
  '黄河',
  '鹊山',
  '燕山',
  '龙奥',
  '奥体',
  '舜耕',
  '章锦',
  '汉峪',
  '姚家',
  '甸柳',
];

export const DEMO_PASSWORD = 'Demo@2026';
/** The demo parent's mobile number, what the parents' app (/m/) signs in with. */
export const DEMO_PARENT_PHONE = '17700000001';

/** Accounts the README lists, one per role, on predictable organisations. */
export const DEMO_ACCOUNTS: {
  username: string;
  displayName: string;
  role: Role;
  at: 'city' | 'district0' | 'unit0';
  /** Parents sign in to /m/ with their mobile number (17x: a range the generated people never use). */
  phone?: string;
}[] = [
  { username: 'city', displayName: '市总 王主任', role: 'city_admin', at: 'city' },
  { username: 'district', displayName: '东城区 李部长', role: 'district_admin', at: 'district0' },
  { username: 'unit', displayName: '单位工会 张主席', role: 'unit_admin', at: 'unit0' },
  { username: 'staff', displayName: '托管班 刘老师', role: 'class_staff', at: 'unit0' },
  { username: 'volunteer', displayName: '志愿者 陈同学', role: 'volunteer', at: 'unit0' },
  { username: 'inspector', displayName: '督导员 赵科长', role: 'inspector', at: 'district0' },
  { username: 'reviewer', displayName: '评审员 孙老师', role: 'reviewer', at: 'city' },
  { username: 'auditor', displayName: '审计员 周会计', role: 'auditor', at: 'city' },
  { username: 'parent', displayName: '家长 吴女士', role: 'parent', at: 'unit0', phone: DEMO_PARENT_PHONE },
];

export type { DemoOrg, DemoUser } from './types.js';

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 登记管理部门 (1 organ, 5 civil, 8 union, 9 market) + 机构类别 1, the division, a 9-character code, the check. */
function creditCode(rng: Rng, division: string, authority: '1' | '5' | '8' | '9'): string {
  let body = `${authority}1${division}`;
  while (body.length < 17) body += CODE_CHARS[rng.int(0, 30)];
  return body + creditCodeCheckChar(body);
}

const personName = (rng: Rng) => rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.next() < 0.6 ? rng.pick(GIVEN) : '');
const mobile = (rng: Rng, n: number) =>
  `1${rng.pick(['3', '5', '8', '9'])}${String(rng.int(0, 9))}${String(n).padStart(8, '0')}`;

export function generateDemo(opts: { scale: number; seed: number }): { orgs: DemoOrg[]; users: DemoUser[] } {
  const rng = seededRng(opts.seed);
  const orgs: DemoOrg[] = [];
  const users: DemoUser[] = [];
  let phoneSeq = 1;
  const unions = [
    ...DISTRICTS.map((d, i) => ({
      key: `district${i}`,
      kind: 'district' as const,
      name: d.name,
      division: d.division,
    })),
    ...INDUSTRIES.map((n, i) => ({ key: `industry${i}`, kind: 'industry' as const, name: n, division: '370100' })),
  ];
  for (const u of unions) {
    orgs.push({
      key: u.key,
      parentKey: null,
      kind: u.kind,
      unitType: null,
      name: u.name,
      creditCode: creditCode(rng, u.division, '8'),
      divisionCode: u.division,
      address: `示例市${u.name.replace('总工会', '').replace('工会', '')}${rng.pick(STREETS)}${rng.int(1, 300)}号`,
      contactName: personName(rng),
      contactPhone: mobile(rng, phoneSeq++),
    });
  }
  const unitCount = Math.max(1, Math.round(42 * opts.scale));
  const usedNames = new Set<string>();
  for (let i = 0; i < unitCount; i++) {
    // Most units sit under a district; about one in six under an industry union, the two unions in turn
    // (i % 6 === 5 makes i odd, so turning on i % 2 would put them all under the second).
    const parent = i % 6 === 5 ? unions[5 + (Math.floor(i / 6) % 2)] : unions[i % 5];
    if (!parent) continue;
    const unitType = i === 0 ? 'enterprise' : rng.pick(UNIT_TYPES);
    let name = '';
    for (let attempt = 0; attempt < 5 && (!name || usedNames.has(name)); attempt++) {
      name = `${rng.pick(PLACE)}${rng.pick(UNIT_NAME_PARTS[unitType])}`;
    }
    if (usedNames.has(name)) name = `${name}（${i + 1}）`;
    usedNames.add(name);
    const key = `unit${i}`;
    orgs.push({
      key,
      parentKey: parent.key,
      kind: 'unit',
      unitType,
      name,
      creditCode: creditCode(rng, parent.division, unitType === 'agency' ? '1' : unitType === 'enterprise' ? '9' : '5'),
      divisionCode: parent.division,
      address: `示例市${rng.pick(STREETS)}${rng.int(1, 999)}号`,
      contactName: personName(rng),
      contactPhone: mobile(rng, phoneSeq++),
    });
    // Each unit: its union chair as unit admin, two class staff, a volunteer and a few parents.
    const people: [Role, number][] = [
      ['unit_admin', 1],
      ['class_staff', 2],
      ['volunteer', 1],
      ['parent', 4],
    ];
    for (const [role, n] of people) {
      for (let k = 0; k < n; k++) {
        users.push({
          username: `u${i}_${role.replace('_', '')}${k}`,
          displayName: personName(rng),
          phone: mobile(rng, phoneSeq++),
          role,
          orgKey: key,
        });
      }
    }
  }
  // unit0's further parents, the guardians of the running demo class's families (world.ts).
  users.push(...extraParents(opts.seed));
  for (const a of DEMO_ACCOUNTS) {
    users.push({
      username: a.username,
      displayName: a.displayName,
      phone: a.phone ?? null,
      role: a.role,
      orgKey: a.at,
    });
  }
  return { orgs, users };
}
