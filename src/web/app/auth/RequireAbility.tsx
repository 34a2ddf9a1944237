/**
 * Hides a whole page from people whose `me.abilities` lack it (the API would refuse them anyway): a clear
 * "no permission" instead of a page full of failed requests. The route table (app/routes.tsx) puts it around
 * every page that needs an ability.
 */
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Ability } from '../api/types';
import { useCurrentUser } from './session';

export function RequireAbility({ ability, children }: { ability: Ability; children: ReactNode }) {
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
