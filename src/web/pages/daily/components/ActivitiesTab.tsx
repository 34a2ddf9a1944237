/**
 * The class page's 活动 tab: the day's timetable made from the weekly plan (P-E). Staff tick a slot off once, with
 * an optional note and photo; a ticked slot cannot be unticked — more is said by adding a note.
 */
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Image,
  Input,
  Modal,
  Progress,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { activityLabel, type ActivityKind } from '../../../app/careLabels';
import { ApiErrorResult } from '../../../app/components/ApiErrorResult';
import { currentLang } from '../../../app/i18n';
import { type ActivitySession, fetchTimetable, noteSession, tickSession, timetableKey } from '../api';
import { DailyDayPicker, todayIso } from './DailyDayPicker';
import { DailyPhotoUpload } from './DailyPhotoUpload';
import { formatChina } from '../../../app/chinaTime';

type Action = { mode: 'tick' | 'note'; session: ActivitySession };

function ActivityModal({
  classId,
  action,
  onClose,
  onDone,
}: {
  classId: number;
  action: Action | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const [photo, setPhoto] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!action) return null;
  const s = action.session;
  const title = s.title || activityLabel(s.kind as ActivityKind, currentLang());
  const submit = async () => {
    let v: { note?: string };
    try {
      v = await form.validateFields();
    } catch {
      return; // shown next to the field
    }
    setBusy(true);
    setError(null);
    try {
      if (action.mode === 'tick') {
        const note = v.note?.trim();
        await tickSession(classId, s.id, { ...(note ? { note } : {}), ...(photo[0] ? { photoFileId: photo[0] } : {}) });
        void message.success(t('activities.ticked'));
      } else {
        await noteSession(classId, s.id, (v.note ?? '').trim());
        void message.success(t('activities.noted'));
      }
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      destroyOnClose
      title={action.mode === 'tick' ? t('activities.tickTitle', { title }) : t('activities.addNote')}
      okText={action.mode === 'tick' ? t('activities.tick') : t('activities.addNote')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      afterClose={() => {
        form.resetFields();
        setPhoto([]);
        setError(null);
      }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        {action.mode === 'tick' && (
          <Alert type="info" showIcon message={t('activities.tickHint')} style={{ marginBottom: 12 }} />
        )}
        <Form.Item
          name="note"
          label={t('activities.note')}
          rules={
            action.mode === 'note' ? [{ required: true, whitespace: true, message: t('activities.noteRequired') }] : []
          }
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={300} />
        </Form.Item>
        {action.mode === 'tick' && (
          <Form.Item label={t('activities.photo')}>
            <DailyPhotoUpload classId={classId} max={1} onChange={setPhoto} />
          </Form.Item>
        )}
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}

function SessionCard({
  s,
  canWrite,
  future,
  onAction,
}: {
  s: ActivitySession;
  canWrite: boolean;
  future: boolean;
  onAction(a: Action): void;
}) {
  const { t } = useTranslation();
  const kind = activityLabel(s.kind as ActivityKind, currentLang());
  return (
    <Card
      size="small"
      data-testid={`session-${s.id}`}
      style={s.done ? { borderColor: '#b7eb8f', background: '#f6ffed' } : undefined}
    >
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <div style={{ minWidth: 96, fontVariantNumeric: 'tabular-nums' }}>
          <Typography.Text strong>
            {s.start}–{s.end}
          </Typography.Text>
        </div>
        <div style={{ flex: '1 1 180px', minWidth: 0 }}>
          <Space size={4} wrap>
            <Tag color={s.kind === 'rest' ? 'default' : 'blue'}>{kind}</Tag>
            {s.title && s.title !== kind && <Typography.Text>{s.title}</Typography.Text>}
          </Space>
          {s.done && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
              {t('activities.doneBy', {
                name: s.doneByName ?? '—',
                at: s.doneAt ? formatChina(s.doneAt, 'HH:mm') : '',
              })}
            </Typography.Text>
          )}
          {s.note && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: '4px 0 0' }}>{s.note}</Typography.Paragraph>
          )}
          {s.photo && <Image src={s.photo.url} width={72} height={72} style={{ objectFit: 'cover', marginTop: 6 }} />}
        </div>
        <div>
          {s.done ? (
            <Space direction="vertical" size={4} align="end">
              <Tag icon={<CheckCircleFilled />} color="success" data-testid="session-done">
                {t('activities.done')}
              </Tag>
              {canWrite && (
                <Button size="small" type="link" onClick={() => onAction({ mode: 'note', session: s })}>
                  {t('activities.addNote')}
                </Button>
              )}
            </Space>
          ) : canWrite && !future ? (
            <Button type="primary" onClick={() => onAction({ mode: 'tick', session: s })} data-testid="session-tick">
              {t('activities.tick')}
            </Button>
          ) : (
            <Tag icon={<ClockCircleOutlined />}>{t('activities.notDone')}</Tag>
          )}
        </div>
      </div>
    </Card>
  );
}

export function ActivitiesTab({ classId }: { classId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [day, setDay] = useState(todayIso);
  const [action, setAction] = useState<Action | null>(null);
  const q = useQuery({ queryKey: timetableKey(classId, day), queryFn: () => fetchTimetable(classId, day) });
  const data = q.data;
  const done = data?.sessions.filter((s) => s.done).length ?? 0;
  const total = data?.sessions.length ?? 0;

  return (
    <Space direction="vertical" size={12} style={{ display: 'flex' }} data-testid="activities-tab">
      <DailyDayPicker day={day} onChange={setDay} />
      {q.error ? (
        <ApiErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : !data ? (
        <Skeleton active />
      ) : total === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={data.classDay ? t('activities.noPlan') : t('activities.notClassDay')}
        />
      ) : (
        <>
          <div style={{ maxWidth: 360 }}>
            <Typography.Text type="secondary">{t('activities.progress', { done, total })}</Typography.Text>
            <Progress percent={Math.round((done / total) * 100)} size="small" showInfo={false} />
          </div>
          {data.sessions.map((s) => (
            <SessionCard
              key={s.id}
              s={s}
              canWrite={data.abilities.write}
              future={day > todayIso()}
              onAction={setAction}
            />
          ))}
        </>
      )}
      <ActivityModal
        classId={classId}
        action={action}
        onClose={() => setAction(null)}
        onDone={() => {
          setAction(null);
          void qc.invalidateQueries({ queryKey: timetableKey(classId, day) });
        }}
      />
    </Space>
  );
}
