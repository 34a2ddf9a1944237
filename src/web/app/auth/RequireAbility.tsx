/**
 * Hides a whole page from people whose `me.abilities` lack it (the API would refuse them anyway): a clear
 * "no permission" instead of a page full of failed requests.
 */
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Me } from '../api/types';
import { useCurrentUser } from './session';

export function RequireAbility({ ability, children }: { ability: keyof Me['abilities']; children: ReactNode }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  if (me.abilities[ability]) return <>{children}</>;
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
