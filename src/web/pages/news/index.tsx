/**
 * 新闻动态: the city's administrators write news for the public site (/public/news). A post goes draft → submitted
 * → published, or back to its author with a reason; a second administrator decides (the server refuses the
 * author). Every step is kept in the post's history, shown under it.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api/client';
import { decideNews, getNews, listNews, type NewsSummary, createNews, stepNews, updateNews } from './api';

const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'gold',
  published: 'green',
  returned: 'red',
  withdrawn: 'default',
};
const FILTERS = ['', 'submitted', 'draft', 'returned', 'published', 'withdrawn'] as const;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '');

export default function NewsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string>('');
  const [editing, setEditing] = useState<NewsSummary | 'new' | null>(null);
  const [deciding, setDeciding] = useState<{ post: NewsSummary; step: 'return' | 'withdraw' } | null>(null);
  const list = useQuery({ queryKey: ['news', status], queryFn: () => listNews(status || undefined) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['news'] });
  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
      void message.success(t('news.done'));
      refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const items = list.data?.items ?? [];
  const wide = Grid.useBreakpoint().md ?? true;
  const filterOptions = FILTERS.map((s) => ({ value: s, label: s ? t(`news.status.${s}`) : t('news.filterAll') }));
  return (
    <PageContainer
      title={t('news.title')}
      subTitle={t('news.subtitle')}
      extra={
        <Space>
          <Button href="/public/news" target="_blank">
            {t('news.openSite')}
          </Button>
          {list.data?.canWrite && (
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('news.newPost')}
            </Button>
          )}
        </Space>
      }
    >
      {/* Six segments need ~420 px: on a phone the filter is a drop-down, so nothing scrolls sideways. */}
      {wide ? (
        <Segmented
          style={{ marginBottom: 12 }}
          value={status}
          onChange={(v) => setStatus(String(v))}
          options={filterOptions}
        />
      ) : (
        <Select
          data-testid="news-status-filter"
          aria-label={t('news.filterLabel')}
          style={{ marginBottom: 12, width: '100%' }}
          value={status}
          onChange={(v) => setStatus(String(v))}
          options={filterOptions}
        />
      )}
      {list.data && !list.data.canWrite && (
        <Card>
          <Empty description={t('news.noWrite')} />
        </Card>
      )}
      {list.data?.canWrite && items.length === 0 && !list.isLoading ? (
        <Card>
          <Empty description={t('news.empty')} />
        </Card>
      ) : (
        <Space direction="vertical" style={{ display: 'flex' }}>
          {items.map((p) => (
            <Card
              key={p.id}
              size="small"
              title={
                <Space wrap>
                  <span style={{ whiteSpace: 'normal' }}>{p.title}</span>
                  <Tag color={STATUS_COLORS[p.status]}>{t(`news.status.${p.status}`)}</Tag>
                </Space>
              }
              extra={
                <Space wrap>
                  {p.abilities.edit && (
                    <Button size="small" onClick={() => setEditing(p)}>
                      {t('news.actions.edit')}
                    </Button>
                  )}
                  {p.abilities.submit && (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => void run(() => stepNews(p.id, 'submit', p.version))}
                    >
                      {t('news.actions.submit')}
                    </Button>
                  )}
                  {p.abilities.publish && (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => void run(() => stepNews(p.id, 'publish', p.version))}
                    >
                      {t('news.actions.publish')}
                    </Button>
                  )}
                  {p.abilities.return && (
                    <Button size="small" danger onClick={() => setDeciding({ post: p, step: 'return' })}>
                      {t('news.actions.return')}
                    </Button>
                  )}
                  {p.abilities.withdraw && (
                    <Button size="small" danger onClick={() => setDeciding({ post: p, step: 'withdraw' })}>
                      {t('news.actions.withdraw')}
                    </Button>
                  )}
                  {p.status === 'published' && (
                    <Button size="small" type="link" href={`/public/news/${p.id}`} target="_blank">
                      {t('news.actions.view')}
                    </Button>
                  )}
                </Space>
              }
            >
              {p.summary && <Typography.Paragraph>{p.summary}</Typography.Paragraph>}
              <Typography.Text type="secondary">
                {t('news.author')}：{p.authorName}
                {p.reviewerName ? ` · ${t('news.reviewer')}：${p.reviewerName}` : ''} · {t('news.updatedAt')}：
                {when(p.updatedAt)}
                {p.publishedAt ? ` · ${t('news.publishedAt')}：${when(p.publishedAt)}` : ''}
              </Typography.Text>
              {p.status === 'submitted' && !p.abilities.publish && list.data?.canWrite && (
                <div>
                  <Typography.Text type="warning">{t('news.ownPost')}</Typography.Text>
                </div>
              )}
              {p.reason && (p.status === 'returned' || p.status === 'withdrawn') && (
                <div>
                  <Typography.Text type="danger">
                    {t('news.reason')}：{p.reason}
                  </Typography.Text>
                </div>
              )}
              <History id={p.id} />
            </Card>
          ))}
        </Space>
      )}
      {editing && (
        <EditPost
          post={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
      {deciding && (
        <Decide
          title={t(deciding.step === 'return' ? 'news.returnTitle' : 'news.withdrawTitle')}
          onClose={() => setDeciding(null)}
          onOk={async (reason) => {
            await run(() => decideNews(deciding.post.id, deciding.step, deciding.post.version, reason));
            setDeciding(null);
          }}
        />
      )}
    </PageContainer>
  );
}

function History({ id }: { id: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const detail = useQuery({ queryKey: ['news', 'detail', id], queryFn: () => getNews(id), enabled: open });
  if (!open)
    return (
      <div>
        <Button type="link" size="small" style={{ paddingLeft: 0 }} onClick={() => setOpen(true)}>
          {t('news.actions.history')}
        </Button>
      </div>
    );
  return (
    <Timeline
      style={{ marginTop: 12 }}
      items={(detail.data?.history ?? []).map((h) => ({
        children: `${when(h.at)} ${h.actorName} ${t(`news.history.${h.action}`)}${h.reason ? `：${h.reason}` : ''}`,
      }))}
    />
  );
}

function EditPost(props: { post: NewsSummary | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; summary: string; body: string }>();
  const [busy, setBusy] = useState(false);
  const detail = useQuery({
    queryKey: ['news', 'detail', props.post?.id],
    queryFn: () => getNews(props.post?.id ?? 0),
    enabled: !!props.post,
  });
  const ready = !props.post || detail.data;
  return (
    <Modal
      open
      width={720}
      title={props.post ? t('news.actions.edit') : t('news.newPost')}
      onCancel={props.onClose}
      okText={t('news.actions.save')}
      confirmLoading={busy}
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        try {
          if (props.post)
            await updateNews(props.post.id, { ...v, version: detail.data?.version ?? props.post.version });
          else await createNews(v);
          void message.success(t('news.saved'));
          props.onSaved();
        } catch (e) {
          void message.error(errorMessage(e));
        } finally {
          setBusy(false);
        }
      }}
    >
      {ready && (
        <Form
          form={form}
          layout="vertical"
          initialValues={
            detail.data
              ? { title: detail.data.title, summary: detail.data.summary, body: detail.data.body }
              : { title: '', summary: '', body: '' }
          }
        >
          <Form.Item name="title" label={t('news.fields.title')} rules={[{ required: true, max: 80 }]}>
            <Input maxLength={80} showCount />
          </Form.Item>
          <Form.Item name="summary" label={t('news.fields.summary')} rules={[{ max: 200 }]}>
            <Input.TextArea rows={2} maxLength={200} showCount />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('news.fields.body')}
            extra={t('news.fields.bodyHelp')}
            rules={[{ required: true }]}
          >
            <Input.TextArea rows={12} maxLength={20000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function Decide(props: { title: string; onClose: () => void; onOk: (reason: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const ok = reason.trim().length >= 2;
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      okButtonProps={{ disabled: !ok, danger: true }}
      confirmLoading={busy}
      onOk={async () => {
        setBusy(true);
        await props.onOk(reason.trim());
        setBusy(false);
      }}
    >
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('news.reasonRequired')}
      />
    </Modal>
  );
}
