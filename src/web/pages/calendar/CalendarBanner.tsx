/**
 * Says plainly when a campaign's or a class's dates fall in a year whose official holidays are neither bundled nor
 * entered (working days are then estimated from weekends), with a link to the calendar page for the city.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../app/auth/session';
import { coverageKey, fetchCoverage } from './api';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function CalendarBanner({
  start,
  end,
  campaignId,
}: {
  start: string | null | undefined;
  end: string | null | undefined;
  campaignId?: number | undefined;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ok = !!start && !!end && ISO.test(start) && ISO.test(end) && start <= end;
  const coverage = useQuery({
    queryKey: coverageKey(start ?? '', end ?? '', campaignId),
    queryFn: () => fetchCoverage(start ?? '', end ?? '', campaignId),
    enabled: ok,
  });
  const years = coverage.data?.uncoveredYears ?? [];
  if (!ok || years.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="calendar-banner"
      message={t('calendar.bannerTitle', { years: years.join('、') })}
      description={
        <>
          {t('calendar.bannerText')}{' '}
          {me.abilities.manageSettings ? (
            <Link to="/system/calendar">{t('calendar.bannerLink')}</Link>
          ) : (
            t('calendar.bannerAsk')
          )}
        </>
      }
    />
  );
}
