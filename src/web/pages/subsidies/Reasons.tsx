/** Why a class got its subsidy: the tier and child-days, the supplement, the cap, each condition met or not. */
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { yuan } from '../funding/components/money';
import type { ClassLine } from './api';

/** The rule works in whole ‰; people read rates in per cent with one decimal (693 → 69.3). */
const permilleAsPercent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (v / 10).toFixed(1));

export function Reasons({ c }: { c: ClassLine['computation'] }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap style={{ maxWidth: 460 }}>
      {c.conditions.map((x) => {
        const detail =
          x.key === 'attendanceMinimum' && x.value !== null
            ? `（${t('subsidies.attendanceValue', { value: permilleAsPercent(x.value), required: permilleAsPercent(x.required) })}）`
            : x.key === 'noOpenSeriousIncident' && !x.met
              ? `（${t('subsidies.incidentsValue', { value: x.value })}）`
              : '';
        return (
          <Tag key={x.key} color={x.met ? 'green' : 'red'} style={{ whiteSpace: 'normal' }}>
            {x.met ? '✓' : '✗'} {t(`subsidies.condition.${x.key}`)}
            {detail}
          </Tag>
        );
      })}
      {c.tier === null ? (
        <Typography.Text type="secondary">{t('subsidies.belowTiers', { n: c.children })}</Typography.Text>
      ) : (
        <Typography.Text>
          {t('subsidies.tierReason', { tier: c.tier + 1, days: c.childDays, rate: yuan(c.perChildDayFen) })}
          {c.supplementFen > 0 && `；${t('subsidies.supplementReason', { amount: yuan(c.supplementFen) })}`}
          {c.capped && `；${t('subsidies.capped')}`}
        </Typography.Text>
      )}
    </Space>
  );
}
