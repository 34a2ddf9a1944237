/**
 * One child-day of the attendance grid: its projected state, every raw event (duplicates, refused pick-ups,
 * absences and corrections with their reason and corrector), and, for the roles that may correct (class staff,
 * unit and higher administrators), the correction form. The server decides (head / unit admin within the
 * campaign's window, the district after) and its refusal is shown as it says it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Empty,
  Form,
  Input,
  Select,
  Skeleton,
  Space,
  Tag,
  TimePicker,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../app/api/client';
import type { ClassDetail } from '../../../app/api/types';
import { ApiErrorResult } from '../../../app/components/ApiErrorResult';
import { useNarrow } from '../../../app/components/useNarrow';
import {
  type CorrectionInput,
  chinaToday,
  eventsKey,
  fetchDoor,
  fetchEvents,
  type Grid,
  type GridChild,
  postCorrection,
  type RawEvent,
} from '../api';
import { campaignKey, fetchCampaign } from '../../campaigns/api';
import { chinaTime } from './AttendanceGrid';

const KIND_COLORS: Record<string, string> = {
  check_in: 'green',
  check_out: 'blue',
  refused_check_out: 'red',
  absence: 'gold',
  absence_cancel: 'default',
  correction: 'purple',
};

type CorrectStatus = CorrectionInput['set']['status'];
const STATUSES: CorrectStatus[] = ['present', 'left', 'absent', 'sick'];

interface FormValues {
  status: CorrectStatus;
  checkIn?: Dayjs | null;
  checkOut?: Dayjs | null;
  pickupAdultId?: number | null;
  reason: string;
}

/** 'HH:mm' on a class day → an ISO instant in China time. */
const atChina = (day: string, t: Dayjs) => `${day}T${t.format('HH:mm')}:00+08:00`;
/** An ISO instant → a dayjs whose HH:mm are China time (for the time pickers). */
const chinaClock = (iso: string | null) => (iso ? dayjs(chinaTime(iso), 'HH:mm') : null);

/** The China-time calendar day of an instant. */
const chinaDay = (iso: string) => chinaToday(new Date(iso));

function EventItem({ e }: { e: RawEvent }) {
  const { t } = useTranslation();
  const set =
    e.kind === 'correction' && e.data && typeof e.data === 'object' ? (e.data as Record<string, unknown>) : null;
  const setText = set
    ? [
        typeof set.status === 'string' ? t(`attendance.status.${set.status}`) : null,
        typeof set.checkInAt === 'string' ? `${t('attendance.drawer.checkIn')} ${chinaTime(set.checkInAt)}` : null,
        typeof set.checkOutAt === 'string' ? `${t('attendance.drawer.checkOut')} ${chinaTime(set.checkOutAt)}` : null,
      ]
        .filter(Boolean)
        .join('，')
    : null;
  // A door event's own facts (src/domain/attendance/door-time.ts): an outside-hours confirmation, a guardian pickup.
  const door =
    e.kind !== 'correction' && e.data && typeof e.data === 'object'
      ? (e.data as { outsideHours?: { reason?: string }; guardian?: { name?: string } })
      : null;
  const pickupName = e.pickupAdultName ?? door?.guardian?.name ?? null;
  const reasonText =
    e.kind === 'refused_check_out' && e.reason
      ? t(`attendance.drawer.refusal.${e.reason}`, { defaultValue: e.reason })
      : e.kind === 'absence' && e.reason
        ? t(`attendance.drawer.absenceReason.${e.reason}`, { defaultValue: e.reason })
        : e.reason;
  return (
    <div data-testid={`att-event-${e.id}`} style={{ opacity: e.duplicate ? 0.7 : 1 }}>
      <Space size={4} wrap>
        <Typography.Text strong>
          {chinaDay(e.occurredAt) === e.day ? '' : `${chinaDay(e.occurredAt).slice(5)} `}
          {chinaTime(e.occurredAt)}
        </Typography.Text>
        <Tag color={KIND_COLORS[e.kind] ?? 'default'}>
          {t(`attendance.drawer.kind.${e.kind}`, { defaultValue: e.kind })}
        </Tag>
        {e.duplicate && <Tag color="orange">{t('attendance.drawer.duplicate')}</Tag>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          #{e.id}
        </Typography.Text>
      </Space>
      <div style={{ fontSize: 13 }}>
        {door?.outsideHours?.reason && (
          <div data-testid={`att-event-outside-${e.id}`}>
            <Tag color="gold">
              {t(`attendance.drawer.outsideHours.${door.outsideHours.reason}`, {
                defaultValue: door.outsideHours.reason,
              })}
            </Tag>
          </div>
        )}
        {pickupName && (
          <div>
            {t('attendance.drawer.pickup', { name: pickupName })}
            {e.pickupMethod && (
              <Typography.Text type="secondary">
                {' '}
                ({t(`attendance.drawer.method.${e.pickupMethod}`, { defaultValue: e.pickupMethod })})
              </Typography.Text>
            )}
          </div>
        )}
        {setText && <div>{t('attendance.drawer.correctionSet', { text: setText })}</div>}
        {reasonText && (
          <div style={e.kind === 'refused_check_out' ? { color: '#cf1322' } : undefined}>
            {t('attendance.drawer.reason', { reason: reasonText })}
          </div>
        )}
        {e.note && <div>{e.kind === 'correction' ? t('attendance.drawer.reason', { reason: e.note }) : e.note}</div>}
        {e.targetEventId !== null && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('attendance.drawer.target', { id: e.targetEventId })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {[
            e.actorName &&
              t(e.kind === 'correction' ? 'attendance.drawer.corrector' : 'attendance.drawer.by', {
                name: e.actorName,
              }),
            e.deviceId && t('attendance.drawer.device', { id: e.deviceId }),
            Date.parse(e.receivedAt) - Date.parse(e.occurredAt) > 5 * 60_000 &&
              t('attendance.drawer.received', {
                time: `${chinaDay(e.receivedAt).slice(5)} ${chinaTime(e.receivedAt)}`,
              }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
      </div>
    </div>
  );
}

function CorrectionForm({
  cls,
  child,
  day,
  events,
  onDone,
}: {
  cls: ClassDetail;
  child: GridChild;
  day: string;
  events: RawEvent[];
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const status = Form.useWatch('status', form);
  const cell = child.cells[day];
  const campaign = useQuery({ queryKey: campaignKey(cls.campaignId), queryFn: () => fetchCampaign(cls.campaignId) });
  const windowDays = (campaign.data?.params.daily as { correctionWindowDays?: number } | undefined)
    ?.correctionWindowDays;
  // The authorised pickup adults come with the door list (door roles only; others correct without naming one).
  const door = useQuery({
    queryKey: ['classes', cls.id, 'door', day],
    queryFn: () => fetchDoor(cls.id, day),
    retry: false,
  });
  const adults = (door.data?.children.find((c) => c.childId === child.childId)?.pickupAdults ?? []).filter(
    (a) => a.allowed,
  );
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      postCorrection(cls.id, {
        childId: child.childId,
        day,
        reason: v.reason.trim(),
        set: {
          status: v.status,
          ...(v.status === 'present' || v.status === 'left'
            ? { checkInAt: v.checkIn ? atChina(day, v.checkIn) : null }
            : {}),
          ...(v.status === 'left' ? { checkOutAt: v.checkOut ? atChina(day, v.checkOut) : null } : {}),
          ...(v.status === 'left' && v.pickupAdultId ? { pickupAdultId: v.pickupAdultId } : {}),
        },
      }),
    onSuccess: () => {
      void message.success(t('attendance.correct.done'));
      void qc.invalidateQueries({ queryKey: ['classes', cls.id, 'attendance'] });
      void qc.invalidateQueries({ queryKey: ['classes', cls.id, 'attendance-events'] });
      void qc.invalidateQueries({ queryKey: ['classes', cls.id] });
      onDone();
    },
  });
  const initial: Partial<FormValues> = {
    status: cell && cell.status !== 'expected' ? cell.status : 'present',
    checkIn: chinaClock(cell?.checkInAt ?? null),
    checkOut: chinaClock(cell?.checkOutAt ?? null),
    pickupAdultId: events.find((e) => e.kind === 'check_out' && !e.duplicate)?.pickupAdultId ?? null,
    reason: '',
  };
  const timed = status === 'present' || status === 'left';
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => save.mutate(v)}
      data-testid="att-correct-form"
      requiredMark={false}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {windowDays !== undefined
          ? t('attendance.correct.hint', { days: windowDays })
          : t('attendance.correct.hintNoDays')}
      </Typography.Paragraph>
      <Form.Item name="status" label={t('attendance.correct.status')} rules={[{ required: true }]}>
        <Select
          options={STATUSES.map((s) => ({ value: s, label: t(`attendance.status.${s}`) }))}
          data-testid="att-correct-status"
        />
      </Form.Item>
      {timed && (
        <Space wrap size={16} align="start">
          <Form.Item
            name="checkIn"
            label={t('attendance.correct.checkInAt')}
            rules={[{ required: true, message: t('attendance.correct.checkInRequired') }]}
          >
            <TimePicker format="HH:mm" minuteStep={5} inputReadOnly data-testid="att-correct-in" />
          </Form.Item>
          {status === 'left' && (
            <Form.Item
              name="checkOut"
              label={t('attendance.correct.checkOutAt')}
              dependencies={['checkIn']}
              rules={[
                { required: true, message: t('attendance.correct.checkOutRequired') },
                ({ getFieldValue }) => ({
                  validator(_, v: Dayjs | null) {
                    const inAt = getFieldValue('checkIn') as Dayjs | null;
                    if (!v || !inAt || v.format('HH:mm') >= inAt.format('HH:mm')) return Promise.resolve();
                    return Promise.reject(new Error(t('attendance.correct.outBeforeIn')));
                  },
                }),
              ]}
            >
              <TimePicker format="HH:mm" minuteStep={5} inputReadOnly data-testid="att-correct-out" />
            </Form.Item>
          )}
        </Space>
      )}
      {status === 'left' && adults.length > 0 && (
        <Form.Item
          name="pickupAdultId"
          label={t('attendance.correct.pickupAdult')}
          extra={t('attendance.correct.pickupAdultHint')}
        >
          <Select
            allowClear
            options={adults.map((a) => ({ value: a.id, label: `${a.name}（${a.relation}）` }))}
            data-testid="att-correct-adult"
          />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={t('attendance.correct.reason')}
        rules={[
          {
            validator: (_, v: string | undefined) =>
              (v ?? '').trim().length >= 2
                ? Promise.resolve()
                : Promise.reject(new Error(t('attendance.correct.reasonRequired'))),
          },
        ]}
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          placeholder={t('attendance.correct.reasonPlaceholder')}
          data-testid="att-correct-reason"
        />
      </Form.Item>
      {save.error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            save.error instanceof ApiError && save.error.status === 403 ? t('attendance.correct.refused') : undefined
          }
          description={errorMessage(save.error)}
          data-testid="att-correct-error"
        />
      )}
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="att-correct-submit">
        {t('attendance.correct.submit')}
      </Button>
    </Form>
  );
}

export function AttendanceDayDrawer({
  cls,
  child,
  day,
  abilities,
  today,
  onClose,
}: {
  cls: ClassDetail;
  child: GridChild;
  day: string;
  /** From the grid: may the caller correct, and from which day (null: any day). */
  abilities: Grid['abilities'];
  today: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [correcting, setCorrecting] = useState(false);
  const events = useQuery({
    queryKey: eventsKey(cls.id, child.childId, day),
    queryFn: () => fetchEvents(cls.id, child.childId, day),
  });
  const cell = child.cells[day];
  const mayTry = abilities.correct && day <= today && (abilities.correctFrom === null || day >= abilities.correctFrom);

  return (
    <Drawer
      open
      onClose={onClose}
      width={narrow ? '100%' : 520}
      title={t('attendance.drawer.title', { name: child.name, day })}
      data-testid="att-drawer"
      destroyOnClose
    >
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('attendance.drawer.state')}>
          <Space size={4}>
            {t(`attendance.status.${cell?.status ?? 'expected'}`)}
            {cell?.corrected && <Tag color="blue">{t('attendance.corrected')}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('attendance.drawer.checkIn')}>
          {chinaTime(cell?.checkInAt ?? null)}
        </Descriptions.Item>
        <Descriptions.Item label={t('attendance.drawer.checkOut')}>
          {chinaTime(cell?.checkOutAt ?? null)}
        </Descriptions.Item>
      </Descriptions>
      <Divider orientation="left" plain style={{ marginTop: 20 }}>
        {t('attendance.drawer.events')}
      </Divider>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('attendance.drawer.eventsHint')}
      </Typography.Paragraph>
      {events.error ? (
        <ApiErrorResult error={events.error} onRetry={() => void events.refetch()} />
      ) : !events.data ? (
        <Skeleton active />
      ) : events.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.drawer.noEvents')} />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={events.data.map((e) => ({
            key: e.id,
            color: e.kind === 'refused_check_out' ? 'red' : e.duplicate ? 'gray' : (KIND_COLORS[e.kind] ?? 'blue'),
            children: <EventItem e={e} />,
          }))}
        />
      )}
      {mayTry && (
        <>
          <Divider orientation="left" plain>
            {t('attendance.correct.title')}
          </Divider>
          {correcting ? (
            <CorrectionForm
              cls={cls}
              child={child}
              day={day}
              events={events.data ?? []}
              onDone={() => setCorrecting(false)}
            />
          ) : (
            <Button onClick={() => setCorrecting(true)} data-testid="att-correct-open">
              {t('attendance.correct.open')}
            </Button>
          )}
        </>
      )}
    </Drawer>
  );
}
