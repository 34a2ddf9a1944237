/** A reviewer's assigned applications, those still to score first (the home page and the 评审打分 page). */
import { useQuery } from '@tanstack/react-query';
import { Card, List, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listMyAssignments, myAssignmentsKey } from '../api';

const ORDER = { to_score: 0, scored: 1, recused: 2 } as const;
const COLOR = { to_score: 'orange', scored: 'green', recused: 'default' } as const;

export function AssignmentsList() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: myAssignmentsKey, queryFn: listMyAssignments, retry: false });
  const items = [...(q.data?.items ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return (
    <Card
      size="small"
      title={t('selection.myAssignments')}
      extra={<Link to="/selection/review">{t('selection.reviewMenu')}</Link>}
      data-testid="reviewer-home"
    >
      <List
        size="small"
        loading={q.isLoading}
        dataSource={items}
        locale={{ emptyText: t('selection.noAssignments') }}
        renderItem={(a) => (
          <List.Item
            actions={
              a.status === 'recused'
                ? []
                : [
                    <Link key="go" to={`/selection/review/${a.applicationId}`}>
                      {t('selection.openScore')}
                    </Link>,
                  ]
            }
          >
            <Space wrap>
              {a.className ?? t('selection.blindLabel', { id: a.applicationId })}
              {a.unitName && <span>{a.unitName}</span>}
              <Tag>{a.panelName}</Tag>
              <Tag color={COLOR[a.status]}>{t(`selection.${a.status === 'to_score' ? 'toScore' : a.status}`)}</Tag>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
