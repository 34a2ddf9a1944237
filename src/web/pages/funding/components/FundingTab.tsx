/**
 * The class page's 经费 tab: budget against actual by source and purpose, the ledger with reversals shown, and —
 * from the server's abilities — recording an entry (amount typed in yuan, sent as integer 分), reversing one with a
 * reason, uploading a receipt, editing the budget and exporting the ledger.
 */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorResult } from '../../../app/components/ApiErrorResult';
import {
  budgetKey,
  fetchBudget,
  fetchLedger,
  type LedgerEntry,
  ledgerExportUrl,
  ledgerKey,
  reverseEntry,
} from '../api';
import { BudgetEditor } from './BudgetEditor';
import { EntryModal } from './EntryModal';
import { kindLabel, purposeLabel, sourceLabel } from './labels';
import { yuan } from './money';
import { ReverseModal } from './ReverseModal';

export function FundingTab({ classId }: { classId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [editingBudget, setEditingBudget] = useState(false);
  const [reversing, setReversing] = useState<LedgerEntry | null>(null);
  const ledger = useQuery({ queryKey: ledgerKey(classId), queryFn: () => fetchLedger(classId) });
  const budget = useQuery({ queryKey: budgetKey(classId), queryFn: () => fetchBudget(classId) });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ledgerKey(classId) });
    void qc.invalidateQueries({ queryKey: budgetKey(classId) });
    // The funding rule's verdict moves with the ledger.
    void qc.invalidateQueries({ queryKey: ['classes', classId], exact: true });
  };
  if (ledger.error) return <ApiErrorResult error={ledger.error} onRetry={() => void ledger.refetch()} />;
  if (budget.error) return <ApiErrorResult error={budget.error} onRetry={() => void budget.refetch()} />;
  const l = ledger.data;
  const b = budget.data;
  const abilities = l?.abilities;

  const sourceRows = b
    ? Object.entries(b.bySource)
        .filter(([, v]) => v.budgetFen || v.incomeFen || v.expenseFen)
        .map(([source, v]) => ({ key: source, ...v }))
    : [];
  const purposeRows = b
    ? Object.entries(b.byPurpose)
        .filter(([, v]) => v.budgetFen || v.expenseFen)
        .map(([purpose, v]) => ({ key: purpose, ...v }))
    : [];
  const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{yuan(fen)}</span>;

  return (
    <Space direction="vertical" size={16} style={{ display: 'flex' }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={4}>
          <Statistic title={t('funding.budgetTotal')} value={b ? yuan(b.totalFen) : '—'} loading={budget.isLoading} />
        </Col>
        <Col xs={12} md={5}>
          <Statistic
            title={t('funding.income')}
            value={l ? yuan(l.totals.incomeFen) : '—'}
            loading={ledger.isLoading}
          />
        </Col>
        <Col xs={12} md={5}>
          <Statistic
            title={t('funding.expense')}
            value={l ? yuan(l.totals.expenseFen) : '—'}
            loading={ledger.isLoading}
          />
        </Col>
        <Col xs={12} md={5}>
          <Statistic
            title={t('funding.balance')}
            value={l ? yuan(l.totals.balanceFen) : '—'}
            valueStyle={l && l.totals.balanceFen < 0 ? { color: '#cf1322' } : undefined}
          />
        </Col>
        <Col xs={24} md={5}>
          <Statistic
            title={t('funding.costPerChildDay')}
            value={b?.costPerChildDayFen != null ? yuan(b.costPerChildDayFen) : '—'}
            suffix={
              b ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('funding.childDays', { n: b.childDays })}
                </Typography.Text>
              ) : null
            }
          />
        </Col>
      </Row>
      {l && l.unionSources.length > 0 && (
        <Alert
          type="info"
          showIcon
          message={t('funding.unionNote', { sources: l.unionSources.map(sourceLabel).join('、') })}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={t('funding.vsActual')}
            extra={
              <Space size={8}>
                {b && b.version > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {b.setByName
                      ? t('funding.budgetVersion', {
                          version: b.version,
                          who: b.setByName,
                          when: b.setAt?.slice(0, 10) ?? '',
                        })
                      : t('funding.budgetVersionNoWho', { version: b.version, when: b.setAt?.slice(0, 10) ?? '' })}
                  </Typography.Text>
                )}
                {abilities?.setBudget && (
                  <Button size="small" onClick={() => setEditingBudget(true)}>
                    {t('funding.editBudget')}
                  </Button>
                )}
              </Space>
            }
          >
            {sourceRows.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('funding.noBudget')} />
            ) : (
              <Table
                size="small"
                pagination={false}
                dataSource={sourceRows}
                columns={[
                  { title: t('funding.source'), dataIndex: 'key', render: sourceLabel },
                  { title: t('funding.budgeted'), dataIndex: 'budgetFen', align: 'right', render: money },
                  { title: t('funding.income'), dataIndex: 'incomeFen', align: 'right', render: money },
                  { title: t('funding.expense'), dataIndex: 'expenseFen', align: 'right', render: money },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('funding.vsActualPurpose')}>
            {purposeRows.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Table
                size="small"
                pagination={false}
                dataSource={purposeRows}
                columns={[
                  { title: t('funding.purpose'), dataIndex: 'key', render: purposeLabel },
                  { title: t('funding.budgeted'), dataIndex: 'budgetFen', align: 'right', render: money },
                  { title: t('funding.expense'), dataIndex: 'expenseFen', align: 'right', render: money },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t('funding.ledger')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={ledgerExportUrl(classId)}>
              {t('funding.export')}
            </Button>
            {abilities?.record && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t('funding.addEntry')}
              </Button>
            )}
          </Space>
        }
      >
        <Table<LedgerEntry>
          size="small"
          rowKey="id"
          loading={ledger.isLoading}
          dataSource={l?.items ?? []}
          locale={{ emptyText: t('funding.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          rowClassName={(e) => (e.reversedByEntryId !== null || e.reversesEntryId !== null ? 'funding-reversed' : '')}
          columns={[
            { title: '#', dataIndex: 'id', width: 56 },
            { title: t('funding.date'), dataIndex: 'date', width: 110 },
            { title: t('funding.kind'), dataIndex: 'kind', width: 70, render: kindLabel },
            { title: t('funding.source'), dataIndex: 'source', width: 120, render: sourceLabel },
            { title: t('funding.purpose'), dataIndex: 'purpose', width: 72, render: purposeLabel },
            {
              title: t('funding.amount'),
              dataIndex: 'amountFen',
              align: 'right',
              render: (fen: number, e) => {
                const shown = e.reversesEntryId !== null ? -fen : fen;
                const text = money(shown);
                return e.reversedByEntryId !== null ? <Typography.Text delete>{text}</Typography.Text> : text;
              },
            },
            {
              title: t('funding.counterparty'),
              dataIndex: 'counterparty',
              width: 110,
              render: (v: string | null) => v ?? '',
            },
            {
              title: t('funding.note'),
              key: 'note',
              render: (_: unknown, e) =>
                e.reversesEntryId !== null ? (
                  <Typography.Text type="warning">
                    {t('funding.reversal', { id: e.reversesEntryId, reason: e.reason ?? '' })}
                  </Typography.Text>
                ) : (
                  <Space direction="vertical" size={0}>
                    <span>{e.note ?? ''}</span>
                    {e.reversedByEntryId !== null && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('funding.reversedBy', { id: e.reversedByEntryId })}
                      </Typography.Text>
                    )}
                  </Space>
                ),
            },
            {
              title: t('funding.receipt'),
              dataIndex: 'receiptFileId',
              width: 64,
              render: (id: number | null) =>
                id ? (
                  <a href={`/api/files/${id}`} target="_blank" rel="noreferrer">
                    {t('funding.receipt')}
                  </a>
                ) : null,
            },
            {
              title: t('funding.who'),
              key: 'who',
              onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              render: (_: unknown, e) => e.createdByName ?? (e.fromEnrolment ? t('funding.fromEnrolment') : ''),
            },
            {
              title: '',
              key: 'actions',
              width: 72,
              render: (_: unknown, e) =>
                e.abilities.reverse ? (
                  <Button size="small" type="link" onClick={() => setReversing(e)}>
                    {t('funding.reverse')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <EntryModal
        classId={classId}
        open={adding}
        onClose={() => setAdding(false)}
        onDone={() => {
          setAdding(false);
          refresh();
          void message.success(t('funding.saved'));
        }}
      />
      <ReverseModal
        entry={reversing}
        onClose={() => setReversing(null)}
        onSubmit={async (reason) => {
          if (!reversing) return;
          await reverseEntry(classId, reversing.id, reason);
          setReversing(null);
          refresh();
          void message.success(t('funding.reversed'));
        }}
      />
      {b && (
        <BudgetEditor
          classId={classId}
          open={editingBudget}
          lines={b.lines}
          onClose={() => setEditingBudget(false)}
          onDone={() => {
            setEditingBudget(false);
            refresh();
            void message.success(t('funding.budgetSaved'));
          }}
        />
      )}
    </Space>
  );
}
