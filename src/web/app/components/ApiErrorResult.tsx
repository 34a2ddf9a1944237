/** A whole-area failure shown in words that fit it: no permission, not found, or "could not load" with a retry. */
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client';

export function ApiErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : 0;
  const retry = onRetry && (
    <Button type="primary" onClick={onRetry}>
      {t('common.retry')}
    </Button>
  );
  if (status === 403) return <Result status="403" title={t('error.forbiddenTitle')} subTitle={errorMessage(error)} />;
  if (status === 404)
    return <Result status="404" title={t('error.notFoundTitle')} subTitle={errorMessage(error)} extra={retry} />;
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
