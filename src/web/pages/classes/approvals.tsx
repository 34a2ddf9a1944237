/**
 * 审批队列 (district, city): classes waiting for approval. Each row opens to the rules panel and the venue
 * checklist, with approve / return-with-reasons.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import { useNarrow } from '../../app/components/useNarrow';
import { ClassTable } from './components/ClassTable';
import { QueueReview } from './components/QueueReview';

export default function ApprovalQueuePage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  return (
    <PageContainer title={t('menu.approvals')} subTitle={narrow ? undefined : t('classes.queueSubtitle')}>
      <ClassTable variant="queue" expandedRowRender={(c, reload) => <QueueReview summary={c} onChanged={reload} />} />
    </PageContainer>
  );
}
