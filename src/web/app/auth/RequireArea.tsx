/**
 * Like <RequireAbility>, for the programme's areas whose visibility the shell derives from roles (see areas.ts):
 * a clear "no permission" instead of a page full of refused requests. The API remains the real guard.
 */
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type AreaKey, areasFor } from './areas';
import { useCurrentUser } from './session';

export function RequireArea({ area, children }: { area: AreaKey; children: ReactNode }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  if (areasFor(me)[area]) return <>{children}</>;
  return (
    <Result
      status="403"
      title={t('error.forbiddenTitle')}
      subTitle={t('error.forbiddenPage')}
      extra={
        <Link to="/">
          <Button type="primary">{t('notFound.home')}</Button>
        </Link>
      }
    />
  );
}
