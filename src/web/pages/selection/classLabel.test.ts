import { describe, expect, it } from 'vitest';
import { classLabel } from './classLabel';

describe('classLabel', () => {
  it('adds the unit only when the class name does not already say it', () => {
    expect(classLabel('示例市供电公司2026年暑期职工子女爱心托管班', '示例市供电公司')).toBe(
      '示例市供电公司2026年暑期职工子女爱心托管班',
    );
    expect(classLabel('暑期托管班', '示例市供电公司')).toBe('暑期托管班（示例市供电公司）');
    expect(classLabel('暑期托管班', '示例市供电公司', '东城区总工会')).toBe(
      '暑期托管班（示例市供电公司 · 东城区总工会）',
    );
    expect(classLabel('示例市供电公司托管班', '示例市供电公司', '东城区总工会')).toBe(
      '示例市供电公司托管班（东城区总工会）',
    );
  });
});
