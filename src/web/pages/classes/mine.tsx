/** 我的托管班 (unit): the classes of my unit, including joint classes it shares, and 新建托管班. */
import { PageContainer } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth/session';
import { useNarrow } from '../../app/components/useNarrow';
import { ClassTable } from './components/ClassTable';

export default function MyClassesPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const me = useCurrentUser();
  return (
    <PageContainer title={t('menu.myClasses')} subTitle={narrow ? undefined : t('classes.mineSubtitle')}>
      <ClassTable variant="mine" canCreate={me.abilities.createClass} />
    </PageContainer>
  );
}
