// The custody agreement: the default template's clauses, filling it with a class's facts, and the name check.
import { describe, expect, it } from 'vitest';
import { AGREEMENT_TEMPLATE, fillAgreement, namesMatch } from './agreement.js';

const facts = {
  unit: '示例电力公司',
  className: '暑期一班',
  startDate: '2027-07-05',
  endDate: '2027-08-13',
  dailyStart: '08:30',
  dailyEnd: '17:30',
  feeAmount: 0,
  venueName: '职工之家',
  venueAddress: '中山路 1 号',
};

describe('the agreement text', () => {
  it.each([
    '托管期间、时间与地点',
    '接送',
    '健康状况告知',
    '保险',
    '费用',
    '安全与责任',
    '突发情况处置',
    '个人信息保护',
    '协议的解除',
  ])('the default template has a clause on %s', (clause) => {
    expect(AGREEMENT_TEMPLATE).toContain(clause);
  });

  it('is filled with the class’s facts and leaves no placeholder', () => {
    const body = fillAgreement(AGREEMENT_TEMPLATE, facts);
    expect(body).toContain('托管期间为 2027-07-05 至 2027-08-13');
    expect(body).toContain('每日托管时间为 08:30—17:30');
    expect(body).toContain('职工之家（中山路 1 号）');
    expect(body).toContain('0 元（免费）');
    expect(body).not.toMatch(/\{[a-zA-Z]+\}/);
  });

  it('missing facts read "as the class publishes", never blank', () => {
    const body = fillAgreement('{startDate}|{dailyHours}|{venue}', {
      unit: 'U',
      className: 'C',
      feeAmount: 120,
    });
    expect(body).toBe('以托管班公布为准|以托管班公布为准|以托管班公布为准');
    expect(fillAgreement('{fee}', { unit: 'U', className: 'C', feeAmount: 120, feeNote: '含午餐' })).toBe(
      '人民币 120 元（含午餐）',
    );
  });
});

describe('the signature name', () => {
  it.each([
    ['王芳', '王芳', true],
    ['王 芳', '王芳', true],
    ['王　芳', '王芳', true], // full-width space
    ['阿依古丽买买提', '阿依古丽·买买提', true],
    ['Li Lei', 'li lei', true],
    ['王方', '王芳', false],
    ['王', '王芳', false],
    ['', '', false],
  ])('%s vs %s → %s', (typed, verified, ok) => {
    expect(namesMatch(typed, verified)).toBe(ok);
  });
});
