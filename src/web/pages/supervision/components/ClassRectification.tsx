/** The class page's note of its open rectification items (整改), linking to the board; nothing when none are open. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fetchClassItems } from '../api';

export function ClassRectification({ classId }: { classId: number }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['supervision', 'class-items', classId], queryFn: () => fetchClassItems(classId) });
  if (!q.data || q.data.open === 0) return null;
  return (
    <Alert
      type={q.data.overdue ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="class-rectification"
      message={`${t('supervision.classOpen', { count: q.data.open })}${q.data.overdue ? `，${t('supervision.classOverdue', { count: q.data.overdue })}` : ''}`}
      description={q.data.items
        .slice(0, 3)
        .map((i) => `${t(`supervision.checks.${i.itemKey}`)}：${i.description}（${i.deadline}）`)
        .join('；')}
      action={
        <Link to="/supervision/items">
          <Button size="small">{t('supervision.openBoard')}</Button>
        </Link>
      }
    />
  );
}
