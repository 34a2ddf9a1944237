/**
 * 审计日志: the append-only, hash-chained log, filtered by action, record type, person and time. Each row opens to
 * its before/after. Read-only by design: the API has no route that changes or deletes a row.
 */
import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type TableParams, useTableRequest } from '../../app/components/useTableRequest';
import { useNarrow } from '../../app/components/useNarrow';
import { currentLang } from '../../app/i18n';
import { type AuditRow, listAudit } from './api';
import { ChangeView } from './components/ChangeView';
import { ENTITIES, actionLabel, actionOptions, entityLabel } from './components/labels';
import { VerifyButton } from './components/VerifyButton';
import { formatChina } from '../../app/chinaTime';

interface Search {
  action?: string;
  entity?: string;
  entityId?: string;
  actor?: string;
  range?: [string, string];
}

const ACTION_COLORS: Record<string, string> = { auth: 'default', org: 'blue', user: 'purple', settings: 'orange' };

export default function AuditPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const lang = currentLang();
  const table = useTableRequest((p: Search & TableParams) => {
    const [from, to] = p.range ?? [];
    return listAudit({
      action: p.action,
      entity: p.entity,
      entityId: p.entityId?.trim() || undefined,
      actor: p.actor?.trim() || undefined,
      from: from ? dayjs(from).toISOString() : undefined,
      to: to ? dayjs(to).toISOString() : undefined,
      page: p.current,
      pageSize: p.pageSize,
    });
  }, t('audit.empty'));

  const columns: ProColumns<AuditRow>[] = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 170,
      search: false,
      render: (_, r) => formatChina(r.at, 'YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('audit.range'),
      dataIndex: 'range',
      valueType: 'dateTimeRange',
      hideInTable: true,
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actor',
      width: 120,
      fieldProps: { placeholder: t('audit.actorPlaceholder') },
      render: (_, r) =>
        r.personName ?? r.actorName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 170,
      valueType: 'select',
      fieldProps: { options: actionOptions(lang), showSearch: true, placeholder: t('common.all') },
      render: (_, r) => (
        <Tag color={ACTION_COLORS[r.action.split('.')[0] ?? ''] ?? 'default'}>{actionLabel(r.action, lang)}</Tag>
      ),
    },
    {
      title: t('audit.entity'),
      dataIndex: 'entity',
      width: 110,
      valueType: 'select',
      valueEnum: Object.fromEntries(Object.entries(ENTITIES).map(([k, v]) => [k, { text: v[lang] }])),
      render: (_, r) => entityLabel(r.entity, lang),
    },
    { title: t('audit.entityId'), dataIndex: 'entityId', width: 90, render: (_, r) => r.entityId ?? '—' },
    { title: 'IP', dataIndex: 'ip', width: 130, search: false, responsive: ['lg'], render: (_, r) => r.ip ?? '—' },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      search: false,
      ellipsis: true,
      responsive: ['xl'],
      render: (_, r) => <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{r.requestId ?? '—'}</span>,
    },
  ];

  return (
    <PageContainer title={t('menu.audit')} subTitle={narrow ? undefined : t('audit.subtitle')}>
      <ProTable<AuditRow, Search>
        rowKey="id"
        size="small"
        columns={columns}
        headerTitle={t('audit.listTitle')}
        toolBarRender={() => [<VerifyButton key="verify" />]}
        search={{
          labelWidth: 'auto',
          defaultCollapsed: narrow,
          // Folding only helps on phones; on a desk the toggle just crowds the buttons.
          collapseRender: narrow ? undefined : false,
          span: { xs: 24, sm: 12, md: 12, lg: 8, xl: 8, xxl: 6 },
        }}
        options={{ density: false, setting: false, reload: true }}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200] }}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (r) => <ChangeView row={r} />,
          rowExpandable: (r) => r.before != null || r.after != null,
        }}
        request={table.request}
        locale={table.locale}
      />
    </PageContainer>
  );
}
