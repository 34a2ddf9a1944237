/** A date that something is valid until (licence, agreement): expired in red, within 60 days in orange. */
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

export function ExpiryTag({ date, testId }: { date: string | null; testId?: string }) {
  const { t } = useTranslation();
  if (!date)
    return (
      <Tag color="orange" data-testid={testId}>
        {t('counterparties.missing')}
      </Tag>
    );
  const days = dayjs(date).diff(dayjs().startOf('day'), 'day');
  if (days < 0)
    return (
      <Tag color="red" data-testid={testId}>
        {t('counterparties.expired', { date })}
      </Tag>
    );
  if (days <= 60)
    return (
      <Tag color="orange" data-testid={testId}>
        {t('counterparties.expiresSoon', { date })}
      </Tag>
    );
  return (
    <Tag color="green" data-testid={testId}>
      {t('counterparties.validUntil', { date })}
    </Tag>
  );
}
