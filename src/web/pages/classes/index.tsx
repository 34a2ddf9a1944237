/** 全部托管班 (city, district, oversight roles): every class in view, filtered, with the .xlsx export. */
import { PageContainer } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import { useNarrow } from '../../app/components/useNarrow';
import { ClassTable } from './components/ClassTable';

export default function AllClassesPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  return (
    <PageContainer title={t('menu.allClasses')} subTitle={narrow ? undefined : t('classes.allSubtitle')}>
      <ClassTable variant="all" />
    </PageContainer>
  );
}
