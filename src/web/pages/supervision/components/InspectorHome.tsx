/** An inspector's work on the home page: visits still to do and items the units have answered (to verify). */
import { useQuery } from '@tanstack/react-query';
import { Card, List, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listItems, listVisits } from '../api';

export function InspectorHome() {
  const { t } = useTranslation();
  const visits = useQuery({
    queryKey: ['supervision', 'visits', 'mine'],
    queryFn: () => listVisits({ status: 'planned', mine: 'true', pageSize: 20 }),
  });
  const items = useQuery({
    queryKey: ['supervision', 'items', 'to-verify'],
    queryFn: () => listItems({ status: 'responded', pageSize: 20 }),
  });
  return (
    <Space direction="vertical" size={16} style={{ display: 'flex' }} data-testid="inspector-home">
      <Card
        size="small"
        title={t('supervision.dueForMe')}
        extra={<Link to="/supervision">{t('supervision.visitsMenu')}</Link>}
      >
        <List
          size="small"
          loading={visits.isLoading}
          dataSource={visits.data?.items ?? []}
          locale={{ emptyText: t('supervision.empty') }}
          renderItem={(v) => (
            <List.Item
              actions={[
                <a key="go" href={`/inspect/#/visits/${v.id}`}>
                  {t('supervision.doOnPhone')}
                </a>,
              ]}
            >
              <Space wrap>
                {v.plannedDate}
                {v.className}
                <Tag>{t(`supervision.kinds.${v.kind}`)}</Tag>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card
        size="small"
        title={t('supervision.toVerify')}
        extra={<Link to="/supervision/items">{t('supervision.itemsMenu')}</Link>}
      >
        <List
          size="small"
          loading={items.isLoading}
          dataSource={(items.data?.items ?? []).filter((i) => i.abilities.verify)}
          locale={{ emptyText: t('supervision.noItems') }}
          renderItem={(i) => (
            <List.Item>
              <Space wrap>
                {t(`supervision.checks.${i.itemKey}`)}
                {i.className}
                <span>{i.description}</span>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
