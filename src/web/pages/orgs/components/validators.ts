/** Form checks that mirror the API's (same domain functions), so people see mistakes before they submit. */
import type { Rule } from 'antd/es/form';
import { isValidCreditCode, normalizeCreditCode } from '../../../../domain/org/creditCode';
import { isValidDivisionCode } from '../../../../domain/org/orgKinds';
import { normalizeMobile } from '../../../../domain/people/mask';

type T = (k: string) => string;

export const creditCodeRule = (t: T): Rule => ({
  validator: (_, v: string | undefined) =>
    !v || isValidCreditCode(normalizeCreditCode(v))
      ? Promise.resolve()
      : Promise.reject(new Error(t('orgs.creditCodeInvalid'))),
});

export const divisionCodeRule = (t: T): Rule => ({
  validator: (_, v: string | null | undefined) =>
    !v || isValidDivisionCode(v) ? Promise.resolve() : Promise.reject(new Error(t('orgs.divisionCodeInvalid'))),
});

export const isPhone = (v: string) => normalizeMobile(v) !== null || /^0\d{2,3}-?\d{7,8}$/.test(v.trim());

export const phoneRule = (t: T): Rule => ({
  validator: (_, v: string | undefined) =>
    !v || isPhone(v) ? Promise.resolve() : Promise.reject(new Error(t('orgs.phoneInvalid'))),
});
