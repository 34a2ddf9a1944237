/**
 * Why a class got its subsidy: the tier and child-days, the supplement, the cap, each condition met or not. The
 * amount's reason comes first, then one condition a line; everything wraps inside the column (REASONS_WIDTH), so
 * a reader at 1440 px sees the whole text without scrolling the table sideways.
 */
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { yuan } from '../funding/components/money';
import type { ClassLine } from './api';

/** The rule works in whole ‰; people read rates in per cent with one decimal (693 → 69.3). */
const permilleAsPercent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (v / 10).toFixed(1));

/** The reasons column's width in the subsidy tables: the tables give the rest of the row to the other columns. */
export const REASONS_WIDTH = 380;
/** Short columns beside the reasons (status, counts, money) keep to one line; names and reasons wrap. */
export const NOWRAP = {
  onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
  onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
};

export function Reasons({ c }: { c: ClassLine['computation'] }) {
  const { t } = useTranslation();
  const amount =
    c.tier === null ? (
      <Typography.Text type="secondary">{t('subsidies.belowTiers', { n: c.children })}</Typography.Text>
    ) : (
      <Typography.Text>
        {t('subsidies.tierReason', { tier: c.tier + 1, days: c.childDays, rate: yuan(c.perChildDayFen) })}
        {c.supplementFen > 0 && `；${t('subsidies.supplementReason', { amount: yuan(c.supplementFen) })}`}
        {c.capped && `；${t('subsidies.capped')}`}
      </Typography.Text>
    );
  return (
    <Space direction="vertical" size={4} style={{ width: '100%', whiteSpace: 'normal' }} data-testid="subsidy-reasons">
      {amount}
      {c.conditions.map((x) => {
        const detail =
          x.key === 'attendanceMinimum' && x.value !== null
            ? `（${t('subsidies.attendanceValue', { value: permilleAsPercent(x.value), required: permilleAsPercent(x.required) })}）`
            : x.key === 'noOpenSeriousIncident' && !x.met
              ? `（${t('subsidies.incidentsValue', { value: x.value })}）`
              : '';
        return (
          <Tag key={x.key} color={x.met ? 'green' : 'red'} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
            {x.met ? '✓' : '✗'} {t(`subsidies.condition.${x.key}`)}
            {detail}
          </Tag>
        );
      })}
    </Space>
  );
}
