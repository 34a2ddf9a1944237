/** The budget as the district sees it at approval: a compact table of the current version's lines and its total. */
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { budgetKey, fetchBudget } from '../api';
import { purposeLabel, sourceLabel } from './labels';
import { yuan } from './money';

export function BudgetBlock({ classId }: { classId: number }) {
  const { t } = useTranslation();
  // A reader without access to the money (a volunteer) simply gets no block.
  const q = useQuery({ queryKey: budgetKey(classId), queryFn: () => fetchBudget(classId), retry: false });
  if (!q.data) return null;
  const b = q.data;
  return (
    <Card size="small" title={t('funding.budget')} style={{ marginTop: 16 }}>
      {b.lines.length === 0 ? (
        <Typography.Text type="warning">{t('funding.noBudget')}</Typography.Text>
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey={(l) => `${l.source}/${l.purpose}`}
          dataSource={b.lines}
          columns={[
            { title: t('funding.source'), dataIndex: 'source', render: sourceLabel },
            { title: t('funding.purpose'), dataIndex: 'purpose', render: purposeLabel },
            { title: t('funding.amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => yuan(f) },
            { title: t('funding.note'), dataIndex: 'note' },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <b>{t('funding.budgetTotal')}</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <b>{yuan(b.totalFen)}</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} />
            </Table.Summary.Row>
          )}
        />
      )}
    </Card>
  );
}
