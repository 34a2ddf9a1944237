/** One approved disbursement list (拨付清单): the frozen classes with paid and pending, download, payments. */
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TableEmpty } from '../../app/components/useTableRequest';
import { ApiError } from '../../app/api/client';
import { yuan } from '../funding/components/money';
import { fetchList, listExportUrl, listKey, reversePayment, type SubsidyList } from './api';
import { PaymentModal } from './PaymentModal';
import { NOWRAP, REASONS_WIDTH, Reasons } from './Reasons';

type Item = SubsidyList['items'][number];
type Payment = SubsidyList['payments'][number];

export function ListCard({ id, onChanged }: { id: number; onChanged(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: listKey(id), queryFn: () => fetchList(id) });
  const [paying, setPaying] = useState<number | null | undefined>(undefined);
  const [reason, setReason] = useState('');
  const l = q.data;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: listKey(id) });
    onChanged();
  };
  const className = new Map((l?.items ?? []).map((i) => [i.id, i.className]));

  return (
    <Card
      title={l ? `${t('subsidies.lists')} · ${t('subsidies.versionN', { version: l.version })}` : t('subsidies.lists')}
      loading={q.isLoading}
      extra={
        l && (
          <Space>
            {l.superseded && <Tag>{t('subsidies.superseded')}</Tag>}
            <Button icon={<DownloadOutlined />} href={listExportUrl(l.id)}>
              {t('subsidies.download')}
            </Button>
            {l.abilities.pay && l.pendingFen > 0 && (
              <Button type="primary" onClick={() => setPaying(null)}>
                {t('subsidies.pay')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {l && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Text type="secondary">
            {t('subsidies.asOf')} {l.asOf} · {t('subsidies.approvedBy')} {l.approvedByName ?? '—'} ·{' '}
            {t('subsidies.total')} {yuan(l.totalFen)} · {t('subsidies.paid')} {yuan(l.paidFen)} ·{' '}
            {t('subsidies.pending')} {yuan(l.pendingFen)}
          </Typography.Text>
          <Table<Item>
            rowKey="id"
            size="small"
            dataSource={l.items}
            pagination={false}
            // A width, not max-content: at max-content nothing wraps and the reasons ran off the card's edge.
            scroll={{ x: 960 }}
            columns={[
              { title: t('subsidies.unit'), dataIndex: 'unitName' },
              { title: t('subsidies.className'), dataIndex: 'className' },
              {
                title: t('subsidies.amount'),
                dataIndex: 'amountFen',
                align: 'right',
                ...NOWRAP,
                render: (v: number) => yuan(v),
              },
              {
                title: t('subsidies.paid'),
                dataIndex: 'paidFen',
                align: 'right',
                ...NOWRAP,
                render: (v: number) => yuan(v),
              },
              {
                title: t('subsidies.pending'),
                dataIndex: 'pendingFen',
                ...NOWRAP,
                align: 'right',
                render: (v: number, i) =>
                  v > 0 && l.abilities.pay ? (
                    <Button type="link" size="small" onClick={() => setPaying(i.id)}>
                      {yuan(v)}
                    </Button>
                  ) : (
                    yuan(v)
                  ),
              },
              {
                title: t('subsidies.reasons'),
                key: 'why',
                width: REASONS_WIDTH,
                render: (_, i) => <Reasons c={i.computation} />,
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <strong>{t('subsidies.total')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <strong>{yuan(l.totalFen)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  <strong>{yuan(l.paidFen)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  <strong>{yuan(l.pendingFen)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} />
              </Table.Summary.Row>
            )}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('subsidies.payments')}
          </Typography.Title>
          <Table<Payment>
            rowKey="id"
            size="small"
            dataSource={l.payments}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <TableEmpty error={undefined} text={t('subsidies.noPayments')} /> }}
            columns={[
              { title: '#', dataIndex: 'id' },
              { title: t('subsidies.date'), dataIndex: 'date' },
              { title: t('subsidies.item'), key: 'c', render: (_, p) => className.get(p.itemId) },
              {
                title: t('subsidies.amountYuan'),
                dataIndex: 'amountFen',
                align: 'right',
                render: (v: number, p) => (p.reversesPaymentId !== null ? `-${yuan(v)}` : yuan(v)),
              },
              {
                title: t('subsidies.note'),
                key: 'note',
                render: (_, p) =>
                  p.reversesPaymentId !== null
                    ? t('subsidies.reversal', { id: p.reversesPaymentId, reason: p.reason ?? '' })
                    : (p.note ?? ''),
              },
              { title: t('subsidies.who'), dataIndex: 'createdByName' },
              {
                title: '',
                key: 'act',
                render: (_, p) =>
                  p.reversedByPaymentId !== null ? (
                    <Tag>{t('subsidies.reversed')}</Tag>
                  ) : p.reversesPaymentId === null && l.abilities.pay ? (
                    <Popconfirm
                      title={
                        <Input
                          placeholder={t('subsidies.reverseReason')}
                          value={reason}
                          onChange={(e) => setReason(e.target.value)}
                        />
                      }
                      okText={t('subsidies.reverse')}
                      cancelText={t('subsidies.cancel')}
                      onConfirm={async () => {
                        try {
                          await reversePayment(l.id, p.id, reason);
                          setReason('');
                          refresh();
                        } catch (e) {
                          void message.error(e instanceof ApiError ? e.message : String(e));
                        }
                      }}
                    >
                      <Button type="link" size="small">
                        {t('subsidies.reverse')}
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        </Space>
      )}
      {l && paying !== undefined && (
        <PaymentModal
          list={l}
          itemId={paying ?? undefined}
          onClose={() => setPaying(undefined)}
          onDone={() => {
            setPaying(undefined);
            void message.success(t('subsidies.paymentDone'));
            refresh();
          }}
        />
      )}
    </Card>
  );
}
