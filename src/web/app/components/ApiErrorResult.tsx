/**
 * A whole-area failure shown in words that fit it: no permission, not found, or "could not load" with a retry. A
 * record that is gone or closed to the person offers the way back (its list, the home page), never only 重试.
 */
import { Button, Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/client';
import { listPathOf } from '../careText';

function WayBack() {
  const { t } = useTranslation();
  const list = listPathOf(useLocation().pathname);
  return (
    <Space wrap>
      {list && (
        <Link to={list}>
          <Button type="primary">{t('errorNav.backToList')}</Button>
        </Link>
      )}
      <Link to="/">
        <Button type={list ? 'default' : 'primary'}>{t('errorNav.home')}</Button>
      </Link>
    </Space>
  );
}

export function ApiErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : 0;
  const retry = onRetry && (
    <Button type="primary" onClick={onRetry}>
      {t('common.retry')}
    </Button>
  );
  if (status === 403)
    return <Result status="403" title={t('error.forbiddenTitle')} subTitle={errorMessage(error)} extra={<WayBack />} />;
  if (status === 404)
    return <Result status="404" title={t('error.notFoundTitle')} subTitle={errorMessage(error)} extra={<WayBack />} />;
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Result
      status="error"
      title={t('error.loadFailed')}
      subTitle={
        <>
          {errorMessage(error)}
          {requestId && <div style={{ fontSize: 12, marginTop: 4 }}>{t('error.requestId', { id: requestId })}</div>}
        </>
      }
      extra={retry}
    />
  );
}
