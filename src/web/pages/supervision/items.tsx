/**
 * 整改事项 board: the items in view in three columns by state (to rectify, to verify, closed), overdue ones in red.
 * A card opens a drawer with the append-only history and the action the caller's abilities allow: the unit
 * responds with text and evidence, the inspector closes or sends back with a comment.
 */
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Empty,
  Input,
  Row,
  Space,
  Switch,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../app/api/client';
import { decideItem, fetchItem, type Item, listItems, respondItem, SEVERITY_COLORS, uploadItemFile } from './api';
import { SupervisionTabs } from './components/SupervisionTabs';
import { formatChina } from '../../app/chinaTime';

const COLUMNS = ['open', 'responded', 'closed'] as const;

export default function ItemsBoardPage() {
  const { t } = useTranslation();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const items = useQuery({
    queryKey: ['supervision', 'items', overdueOnly],
    queryFn: () => listItems({ pageSize: 500, ...(overdueOnly ? { overdue: 'true' as const } : {}) }),
  });
  const all = items.data?.items ?? [];
  return (
    <PageContainer title={t('supervision.itemsTitle')} subTitle={t('supervision.itemsSubtitle')}>
      <SupervisionTabs active="items" />
      <Space style={{ marginBottom: 12 }}>
        <Switch checked={overdueOnly} onChange={setOverdueOnly} data-testid="overdue-only" />
        {t('supervision.overdueOnly')}
      </Space>
      <Row gutter={12} data-testid="rectification-board">
        {COLUMNS.map((col) => {
          const inCol = all.filter((i) => i.status === col);
          return (
            <Col key={col} xs={24} md={8}>
              <Card
                size="small"
                loading={items.isLoading}
                title={
                  <Space>
                    {t(`supervision.columns.${col}`)}
                    <Badge count={inCol.length} showZero color={col === 'closed' ? '#999' : '#1677ff'} />
                  </Space>
                }
                styles={{ body: { background: '#fafafa', minHeight: 200 } }}
              >
                {inCol.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.noItems')} />
                ) : (
                  <Space direction="vertical" style={{ display: 'flex' }}>
                    {inCol.map((i) => (
                      <ItemCard key={i.id} item={i} onOpen={() => setOpenId(i.id)} />
                    ))}
                  </Space>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
      {openId !== null && <ItemDrawer id={openId} onClose={() => setOpenId(null)} />}
    </PageContainer>
  );
}

function ItemCard({ item: i, onOpen }: { item: Item; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      hoverable
      onClick={onOpen}
      data-testid={`item-${i.id}`}
      style={i.overdue ? { borderColor: '#ff4d4f', background: '#fff1f0' } : undefined}
    >
      <Space wrap size={4}>
        <Tag color={SEVERITY_COLORS[i.severity]}>{t(`supervision.severities.${i.severity}`)}</Tag>
        <Typography.Text strong>{t(`supervision.checks.${i.itemKey}`)}</Typography.Text>
        {i.overdue && <Tag color="red">{t('supervision.overdue')}</Tag>}
      </Space>
      <div style={{ margin: '4px 0' }}>{i.description}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {i.className} · {i.orgName}
      </Typography.Text>
      <div>
        <Typography.Text type={i.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {t('supervision.deadline')}：{i.deadline}
        </Typography.Text>
      </div>
    </Card>
  );
}

function ItemDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const item = useQuery({ queryKey: ['supervision', 'item', id], queryFn: () => fetchItem(id) });
  const [text, setText] = useState('');
  const [files, setFiles] = useState<{ id: number; filename: string }[]>([]);
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const i = item.data;

  const act = async (f: () => Promise<Item>) => {
    setBusy(true);
    try {
      const updated = await f();
      qc.setQueryData(['supervision', 'item', id], updated);
      void qc.invalidateQueries({ queryKey: ['supervision', 'items'] });
      setText('');
      setFiles([]);
      void message.success(t('supervision.done'));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      width={520}
      onClose={onClose}
      title={i ? `${t(`supervision.checks.${i.itemKey}`)} · ${i.className}` : ''}
    >
      {i && (
        <Space direction="vertical" style={{ display: 'flex' }} size={16}>
          <Space wrap>
            <Tag color={SEVERITY_COLORS[i.severity]}>{t(`supervision.severities.${i.severity}`)}</Tag>
            <Tag>{t(`supervision.columns.${i.status}`)}</Tag>
            {i.overdue && <Tag color="red">{t('supervision.overdue')}</Tag>}
            <Link to={`/classes/${i.classId}`}>{i.className}</Link>
          </Space>
          <div>
            <Typography.Text type="secondary">{t('supervision.description')}：</Typography.Text>
            {i.description}
          </div>
          <div>
            <Typography.Text type="secondary">{t('supervision.deadline')}：</Typography.Text>
            {i.deadline}
          </div>
          <Card size="small" title={t('supervision.history')}>
            {(i.history ?? []).length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Timeline
                items={(i.history ?? []).map((h) => ({
                  color: h.kind === 'close' ? 'green' : h.kind === 'send_back' ? 'red' : 'blue',
                  children: (
                    <div>
                      <Typography.Text strong>{t(`supervision.historyKinds.${h.kind}`)}</Typography.Text>{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {h.actorName ?? ''} · {formatChina(h.at, 'YYYY-MM-DD HH:mm')}
                      </Typography.Text>
                      <div>{h.text}</div>
                      {h.fileIds.map((f) => (
                        <a key={f} href={`/api/files/${f}`} target="_blank" rel="noreferrer" style={{ marginRight: 8 }}>
                          <PaperClipOutlined /> {f}
                        </a>
                      ))}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
          {i.abilities.respond && (
            <Card size="small" title={t('supervision.respond')}>
              <Input.TextArea
                rows={3}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={t('supervision.respondText')}
                data-testid="respond-text"
              />
              <Space style={{ marginTop: 8 }} wrap>
                <Upload
                  showUploadList={false}
                  customRequest={async ({ file }) => {
                    try {
                      const f = await uploadItemFile(id, file as File);
                      setFiles((fs) => [...fs, { id: f.id, filename: f.filename }]);
                    } catch (e) {
                      void message.error(errorMessage(e));
                    }
                  }}
                >
                  <Button icon={<UploadOutlined />}>{t('supervision.upload')}</Button>
                </Upload>
                {files.map((f) => (
                  <Tag key={f.id} icon={<PaperClipOutlined />}>
                    {f.filename}
                  </Tag>
                ))}
              </Space>
              <div style={{ marginTop: 8 }}>
                <Button
                  type="primary"
                  loading={busy}
                  disabled={text.trim().length < 2}
                  onClick={() =>
                    act(() =>
                      respondItem(
                        id,
                        text.trim(),
                        files.map((f) => f.id),
                      ),
                    )
                  }
                >
                  {t('supervision.respond')}
                </Button>
              </div>
            </Card>
          )}
          {i.abilities.verify && (
            <Card size="small" title={t('supervision.verify')}>
              <Input.TextArea
                rows={3}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={t('supervision.comment')}
              />
              <Space style={{ marginTop: 8 }} wrap>
                <DatePicker value={deadline} onChange={setDeadline} placeholder={t('supervision.newDeadline')} />
                <Button
                  danger
                  loading={busy}
                  disabled={text.trim().length < 2}
                  onClick={() =>
                    act(() => decideItem(id, 'send_back', text.trim(), deadline?.format('YYYY-MM-DD') ?? undefined))
                  }
                >
                  {t('supervision.sendBack')}
                </Button>
                <Button
                  type="primary"
                  loading={busy}
                  disabled={text.trim().length < 2}
                  onClick={() => act(() => decideItem(id, 'close', text.trim()))}
                >
                  {t('supervision.close')}
                </Button>
              </Space>
            </Card>
          )}
        </Space>
      )}
    </Drawer>
  );
}
