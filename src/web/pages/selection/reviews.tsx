/** 评审打分 (list): the reviewer's assigned applications, the same list as on their home page. */
import { PageContainer } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import { AssignmentsList } from './components/AssignmentsList';

export default function ReviewsPage() {
  const { t } = useTranslation();
  return (
    <PageContainer title={t('selection.reviewMenu')}>
      <AssignmentsList />
    </PageContainer>
  );
}
