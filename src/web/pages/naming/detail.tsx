/**
 * One 公示: its period on the official calendar, the proposed classes, the objections (phones masked; the city
 * reveals one to call back, audited) with their responses (append-only), the naming form once the period is over
 * and every objection answered, and the classes named from it with certificates and revocation.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../app/api/client';
import { currentLang } from '../../app/i18n';
import { getNotice, nameClasses, type Notice, noticeKey, respond, revealPhone, revoke } from './api';
import { NamingTable, PhaseTag } from './index';

type Objection = Notice['objectionList'][number];

function ObjectionItem({ o, notice }: { o: Objection; notice: Notice }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [phone, setPhone] = useState<string | null>(null);
  const [answering, setAnswering] = useState(false);
  const [form] = Form.useForm<{ outcome: string; content: string }>();
  const reveal = useMutation({
    mutationFn: () => revealPhone(o.id),
    onSuccess: (r) => setPhone(r.phone),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const save = useMutation({
    mutationFn: (v: { outcome: string; content: string }) => respond(o.id, v),
    onSuccess: (n) => {
      qc.setQueryData(noticeKey(notice.id), n);
      void qc.invalidateQueries({ queryKey: ['naming'] });
      setAnswering(false);
      form.resetFields();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <List.Item>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>#{o.id}</Typography.Text>
          <Tag>{o.className ?? t('naming.wholeList')}</Tag>
          <Typography.Text type="secondary">{dayjs(o.createdAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
          <span>
            {t('naming.phone')} {phone ? t('naming.revealed', { phone }) : o.phone}
          </span>
          {notice.abilities.revealPhone && !phone && (
            <Button size="small" loading={reveal.isPending} onClick={() => reveal.mutate()}>
              {t('naming.reveal')}
            </Button>
          )}
        </Space>
        <Typography.Paragraph style={{ margin: 0 }}>{o.content}</Typography.Paragraph>
        {o.responses.length === 0 ? (
          <Tag color="orange">{t('naming.noResponse')}</Tag>
        ) : (
          o.responses.map((r) => (
            <Alert
              key={r.id}
              type={r.outcome === 'upheld' ? 'warning' : 'info'}
              message={
                <Space wrap>
                  <b>{t(`naming.outcome.${r.outcome}`)}</b>
                  <span>{r.respondedByName}</span>
                  <Typography.Text type="secondary">{dayjs(r.createdAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                </Space>
              }
              description={r.content}
            />
          ))
        )}
        {notice.abilities.respond && !answering && (
          <Button size="small" onClick={() => setAnswering(true)}>
            {t('naming.respond')}
          </Button>
        )}
        {answering && (
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => save.mutate(v)}
            initialValues={{ outcome: 'not_upheld' }}
          >
            <Form.Item name="outcome">
              <Radio.Group
                options={(['upheld', 'not_upheld', 'noted'] as const).map((k) => ({
                  value: k,
                  label: t(`naming.outcome.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="content" label={t('naming.responseContent')} rules={[{ required: true, max: 2000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('naming.respond')}
              </Button>
              <Button onClick={() => setAnswering(false)}>{t('common.cancel')}</Button>
            </Space>
          </Form>
        )}
      </Space>
    </List.Item>
  );
}

function NameForm({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const lang = currentLang();
  const save = useMutation({
    mutationFn: (v: { decisionNo: string; decisionDate: Dayjs }) =>
      nameClasses({ noticeId: notice.id, decisionNo: v.decisionNo, decisionDate: v.decisionDate.format('YYYY-MM-DD') }),
    onSuccess: (n) => {
      qc.setQueryData(noticeKey(notice.id), n);
      void qc.invalidateQueries({ queryKey: ['naming'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (notice.namingBlockers.length > 0) {
    return (
      <Alert
        type="info"
        showIcon
        message={t('naming.blockers')}
        description={
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {notice.namingBlockers.map((b) => (
              <li key={b.en}>{lang === 'en' ? b.en : b.zh}</li>
            ))}
          </ul>
        }
      />
    );
  }
  return (
    <Form layout="inline" onFinish={(v) => save.mutate(v)} initialValues={{ decisionDate: dayjs() }}>
      <Form.Item name="decisionNo" label={t('naming.decisionNo')} rules={[{ required: true, max: 60 }]}>
        <Input placeholder="市总工发〔2026〕18号" />
      </Form.Item>
      <Form.Item name="decisionDate" label={t('naming.decisionDate')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('naming.name')}
      </Button>
    </Form>
  );
}

export default function NoticePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: noticeKey(id), queryFn: () => getNotice(id) });
  const [revoking, setRevoking] = useState<number | null>(null);
  const [form] = Form.useForm<{ reason: string; revokedOn: Dayjs; decisionNo?: string }>();
  const rv = useMutation({
    mutationFn: (v: { reason: string; revokedOn: Dayjs; decisionNo?: string }) =>
      revoke(revoking ?? 0, {
        reason: v.reason,
        revokedOn: v.revokedOn.format('YYYY-MM-DD'),
        decisionNo: v.decisionNo,
      }),
    onSuccess: () => {
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: ['naming'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const n = q.data;
  if (!n)
    return (
      <PageContainer loading={q.isLoading}>
        {q.error ? <Empty description={errorMessage(q.error)} /> : null}
      </PageContainer>
    );
  const named = n.namings.length > 0;
  return (
    <PageContainer title={n.title} subTitle={<PhaseTag phase={n.phase} />}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('naming.campaign')}>{n.campaignName}</Descriptions.Item>
            <Descriptions.Item label={t('naming.period')}>
              {n.startsOn} ~ {n.endsOn}（{n.days.join('、')}）
            </Descriptions.Item>
            <Descriptions.Item label={t('naming.publicPage')}>
              <a href={n.publicPath} target="_blank" rel="noreferrer">
                {n.publicPath}
              </a>
            </Descriptions.Item>
          </Descriptions>
          {n.body && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{n.body}</Typography.Paragraph>
          )}
        </Card>
        <Card title={`${t('naming.entryList')}（${n.entryList.length}）`}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={n.entryList}
            columns={[
              { title: t('naming.rank'), dataIndex: 'rank', width: 60 },
              { title: t('naming.className'), dataIndex: 'className' },
              { title: t('naming.unitName'), dataIndex: 'unitName' },
              { title: t('naming.district'), dataIndex: 'districtName' },
              {
                title: t('naming.score'),
                dataIndex: 'score',
                align: 'right',
                render: (s: number | null) => s?.toFixed(2) ?? '—',
              },
            ]}
          />
        </Card>
        <Card title={`${t('naming.objectionList')}（${n.objectionList.length}）`}>
          {n.objectionList.length === 0 ? (
            <Empty description={t('naming.noObjections')} />
          ) : (
            <List dataSource={n.objectionList} renderItem={(o) => <ObjectionItem o={o} notice={n} />} />
          )}
        </Card>
        <Card title={t('naming.namings')}>
          {!named && n.abilities.name && <NameForm notice={n} />}
          {named && <NamingTable items={n.namings} onRevoke={n.abilities.revoke ? setRevoking : undefined} />}
        </Card>
      </Space>
      <Modal
        open={revoking !== null}
        title={t('naming.revoke')}
        onCancel={() => setRevoking(null)}
        onOk={() => form.submit()}
        confirmLoading={rv.isPending}
      >
        <Form form={form} layout="vertical" onFinish={(v) => rv.mutate(v)} initialValues={{ revokedOn: dayjs() }}>
          <Form.Item name="reason" label={t('naming.revokeReason')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="revokedOn" label={t('naming.revokedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="decisionNo" label={t('naming.decisionNo')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
