/**
 * 工会补贴: the paying union's (the city's, or a district's for its own money) subsidy policy per campaign, each
 * class's subsidy computed from its figures with the reasons, approving the disbursement list (拨付清单, frozen),
 * downloading it and recording payments (each lands as an income line in the class's ledger).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { useMe } from '../../app/auth/session';
import { classStatusLabel } from '../../app/careLabels';
import { TableEmpty } from '../../app/components/useTableRequest';
import { PageContainer } from '@ant-design/pro-components';
import { sourceLabel } from '../funding/components/labels';
import { yuan } from '../funding/components/money';
import { approveList, type ClassLine, fetchOverview, listCampaignOptions, type Overview, overviewKey } from './api';
import { ListCard } from './ListCard';
import { PolicyModal } from './PolicyModal';
import { NOWRAP, REASONS_WIDTH, Reasons } from './Reasons';

const PAYER_KINDS = new Set(['city', 'district', 'industry']);

function PolicyView({ o }: { o: Overview }) {
  const { t } = useTranslation();
  const r = o.policy?.rules;
  if (!r || !o.policy) return <Empty description={t('subsidies.noPolicy')} />;
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('subsidies.source')}>{sourceLabel(r.source)}</Descriptions.Item>
      <Descriptions.Item label={t('subsidies.tiers')}>
        <Space wrap>
          {r.tiers.map((x, i) => (
            <Tag key={x.minChildren}>
              {t('subsidies.tier', { n: i + 1 })}{' '}
              {x.maxChildren === null
                ? t('subsidies.tierOpen', { min: x.minChildren })
                : t('subsidies.tierRange', { min: x.minChildren, max: x.maxChildren })}
              ：{yuan(x.perChildDayFen)} / {t('subsidies.rate')}
            </Tag>
          ))}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('subsidies.supplement')}>{yuan(r.demonstrationSupplementFen)}</Descriptions.Item>
      <Descriptions.Item label={t('subsidies.cap')}>{r.capFen === null ? '—' : yuan(r.capFen)}</Descriptions.Item>
      <Descriptions.Item label={t('subsidies.conditions')}>
        <Space wrap>
          {(['classFinished', 'attendanceMinimum', 'noOpenSeriousIncident'] as const)
            .filter((c) => r.conditions[c])
            .map((c) => (
              <Tag key={c}>{t(`subsidies.condition.${c}`)}</Tag>
            ))}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('subsidies.version')}>
        {t('subsidies.policyVersion', {
          version: o.policy.version,
          who: o.policy.setByName ?? '—',
          when: String(o.policy.setAt).slice(0, 10),
        })}
      </Descriptions.Item>
    </Descriptions>
  );
}

export default function SubsidiesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const payers = useMemo(() => {
    const seen = new Map<number, string>();
    for (const g of me?.grants ?? []) if (PAYER_KINDS.has(g.orgKind)) seen.set(g.orgId, g.orgName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [me]);
  const campaigns = useQuery({ queryKey: ['subsidies', 'campaigns'], queryFn: listCampaignOptions });
  const [campaignId, setCampaignId] = useState<number | undefined>();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [editing, setEditing] = useState(false);
  const [openList, setOpenList] = useState<number | undefined>();
  useEffect(() => {
    if (campaignId === undefined && campaigns.data?.[0]) setCampaignId(campaigns.data[0].id);
  }, [campaignId, campaigns.data]);
  useEffect(() => {
    if (orgId === undefined && payers[0]) setOrgId(payers[0].value);
  }, [orgId, payers]);
  const enabled = campaignId !== undefined && orgId !== undefined;
  const q = useQuery({
    queryKey: overviewKey(campaignId, orgId),
    queryFn: () => fetchOverview(campaignId ?? 0, orgId ?? 0),
    enabled,
  });
  const o = q.data;
  const current = o?.lists[0]?.id;
  useEffect(() => setOpenList(current), [current]);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['subsidies'] });

  const approve = async () => {
    if (!o) return;
    try {
      const l = await approveList(o.campaignId, o.orgId);
      void message.success(t('subsidies.approved', { version: l.version }));
      refresh();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <PageContainer
      title={t('subsidies.menu')}
      subTitle={t('subsidies.subtitle')}
      extra={
        <Space wrap>
          <Select
            style={{ minWidth: 200 }}
            aria-label={t('subsidies.campaign')}
            value={campaignId}
            onChange={setCampaignId}
            options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          {payers.length > 1 && (
            <Select
              style={{ minWidth: 160 }}
              aria-label={t('subsidies.payer')}
              value={orgId}
              onChange={setOrgId}
              options={payers}
            />
          )}
        </Space>
      }
    >
      {payers.length === 0 ? (
        <Card>
          <Empty description={t('subsidies.noPayer')} />
        </Card>
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card
            title={`${t('subsidies.policy')}${o ? ` · ${o.orgName}` : ''}`}
            loading={q.isLoading}
            extra={
              o?.abilities.setPolicy && (
                <Button onClick={() => setEditing(true)}>
                  {o.policy ? t('subsidies.editPolicy') : t('subsidies.setPolicy')}
                </Button>
              )
            }
          >
            {o && <PolicyView o={o} />}
            {q.error && <TableEmpty error={q.error} text="" />}
          </Card>
          {o?.computed && (
            <Card
              title={t('subsidies.computed', { asOf: o.computed.asOf })}
              extra={
                o.abilities.approve && (
                  <Popconfirm
                    title={t('subsidies.approveConfirm')}
                    okText={t('subsidies.approve')}
                    cancelText={t('subsidies.cancel')}
                    onConfirm={approve}
                  >
                    <Button type="primary">{t('subsidies.approve')}</Button>
                  </Popconfirm>
                )
              }
            >
              <Typography.Paragraph type="secondary">{t('subsidies.computedHint')}</Typography.Paragraph>
              <Table<ClassLine>
                rowKey="classId"
                size="small"
                dataSource={o.computed.classes}
                pagination={o.computed.classes.length > 20 ? { pageSize: 20 } : false}
                // A width, not max-content: at max-content nothing wraps and the reasons ran off the card's edge.
                scroll={{ x: 960 }}
                locale={{ emptyText: <TableEmpty error={undefined} text={t('subsidies.noLists')} /> }}
                columns={[
                  { title: t('subsidies.unit'), dataIndex: 'unitName' },
                  {
                    title: t('subsidies.className'),
                    dataIndex: 'className',
                    render: (v: string, c) => (
                      <span>
                        {v} {c.named && <Tag color="gold">{t('subsidies.named')}</Tag>}
                      </span>
                    ),
                  },
                  {
                    title: t('subsidies.status'),
                    dataIndex: 'status',
                    ...NOWRAP,
                    render: (s: string) => classStatusLabel(s as Parameters<typeof classStatusLabel>[0]),
                  },
                  {
                    title: t('subsidies.children'),
                    key: 'n',
                    ...NOWRAP,
                    align: 'right',
                    render: (_, c) => c.computation.children,
                  },
                  {
                    title: t('subsidies.childDays'),
                    key: 'd',
                    ...NOWRAP,
                    align: 'right',
                    render: (_, c) => c.computation.childDays,
                  },
                  {
                    title: t('subsidies.amount'),
                    key: 'a',
                    ...NOWRAP,
                    align: 'right',
                    render: (_, c) => <strong>{yuan(c.computation.amountFen)}</strong>,
                  },
                  {
                    title: t('subsidies.reasons'),
                    key: 'why',
                    width: REASONS_WIDTH,
                    render: (_, c) => <Reasons c={c.computation} />,
                  },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={5}>
                      <strong>{t('subsidies.total')}</strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5} align="right">
                      <strong>{yuan(o.computed?.totalFen ?? 0)}</strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={6} />
                  </Table.Summary.Row>
                )}
              />
            </Card>
          )}
          {o && (
            <Card title={t('subsidies.lists')}>
              <Table
                rowKey="id"
                size="small"
                dataSource={o.lists}
                pagination={false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <TableEmpty error={undefined} text={t('subsidies.noLists')} /> }}
                columns={[
                  {
                    title: t('subsidies.version'),
                    dataIndex: 'version',
                    render: (v: number, l) => (
                      <Space>
                        {t('subsidies.versionN', { version: v })}
                        {l.superseded ? (
                          <Tag>{t('subsidies.superseded')}</Tag>
                        ) : (
                          <Tag color="blue">{t('subsidies.current')}</Tag>
                        )}
                      </Space>
                    ),
                  },
                  { title: t('subsidies.asOf'), dataIndex: 'asOf' },
                  {
                    title: t('subsidies.amount'),
                    dataIndex: 'totalFen',
                    align: 'right',
                    render: (v: number) => yuan(v),
                  },
                  { title: t('subsidies.paid'), dataIndex: 'paidFen', align: 'right', render: (v: number) => yuan(v) },
                  {
                    title: t('subsidies.pending'),
                    dataIndex: 'pendingFen',
                    align: 'right',
                    render: (v: number) => yuan(v),
                  },
                  { title: t('subsidies.approvedBy'), dataIndex: 'approvedByName' },
                  {
                    title: '',
                    key: 'open',
                    render: (_, l) => (
                      <Button type="link" size="small" onClick={() => setOpenList(l.id)}>
                        {t('subsidies.open')}
                      </Button>
                    ),
                  },
                ]}
              />
            </Card>
          )}
          {openList !== undefined && <ListCard key={openList} id={openList} onChanged={refresh} />}
        </Space>
      )}
      {editing && o && (
        <PolicyModal
          overview={o}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            refresh();
          }}
        />
      )}
    </PageContainer>
  );
}
