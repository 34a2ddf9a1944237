/**
 * How places are allocated: first come first served, or a lottery among all applications in a window. Choosing
 * a lottery commits the seed at once; its SHA-256 is published here before the window closes, the seed and the
 * ranks after the draw, so anyone can re-run it (`tuoguan lottery verify`).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Popconfirm,
  Radio,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import {
  drawLottery,
  type Enrolment,
  type EnrolmentSettings,
  enrolmentsKey,
  fetchLottery,
  lotteryKey,
  saveSettings,
  settingsKey,
} from '../api';
import { formatChina } from '../../../app/chinaTime';

interface Values {
  allocation: 'fcfs' | 'lottery';
  window?: [Dayjs, Dayjs] | null;
  openToAll?: boolean;
}

export function SettingsCard({
  classId,
  canManage,
  items,
}: {
  classId: number;
  canManage: boolean;
  items: Enrolment[];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const lottery = useQuery({ queryKey: lotteryKey(classId), queryFn: () => fetchLottery(classId) });
  const known = qc.getQueryData<EnrolmentSettings>(settingsKey(classId));
  const allocation = Form.useWatch('allocation', form);
  const l = lottery.data;
  const initial: Values = {
    allocation: known?.allocation ?? (l?.seedHash ? 'lottery' : 'fcfs'),
    window:
      known?.windowOpensAt && known.windowClosesAt ? [dayjs(known.windowOpensAt), dayjs(known.windowClosesAt)] : null,
    openToAll: known?.openToAll ?? false,
  };
  const nameOf = (ref: string) => items.find((e) => String(e.id) === ref)?.childName ?? `#${ref}`;

  return (
    <div data-testid="enrolment-settings">
      {lottery.isPending ? null : (
        <Form
          form={form}
          layout="vertical"
          initialValues={initial}
          key={l?.seedHash ?? 'none'}
          disabled={!canManage || !!l?.drawnAt}
        >
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Form.Item
            name="allocation"
            label={t('enrolment.allocation')}
            extra={t(`enrolment.allocationHint.${allocation ?? initial.allocation}`)}
          >
            <Radio.Group optionType="button">
              <Radio value="fcfs">{t('enrolment.fcfs')}</Radio>
              <Radio value="lottery">{t('enrolment.lottery')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="window"
            label={t('enrolment.window')}
            rules={allocation === 'lottery' ? [{ required: true, message: t('enrolment.windowRequired') }] : []}
            extra={!known && l?.seedHash ? t('enrolment.windowUnknown') : undefined}
          >
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%', maxWidth: 420 }}
            />
          </Form.Item>
          <Form.Item
            name="openToAll"
            valuePropName="checked"
            label={t('enrolment.openToAll')}
            extra={t('enrolment.openToAllHint')}
          >
            <Switch />
          </Form.Item>
          {canManage && !l?.drawnAt && (
            <Button
              type="primary"
              loading={saving}
              data-testid="settings-save"
              onClick={async () => {
                // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
                const v = await form.validateFields().catch(() => null);
                if (!v) return;
                setSaving(true);
                setError(null);
                const s: EnrolmentSettings = {
                  allocation: v.allocation,
                  windowOpensAt: v.window?.[0]?.toISOString() ?? null,
                  windowClosesAt: v.window?.[1]?.toISOString() ?? null,
                  openToAll: !!v.openToAll,
                };
                try {
                  await saveSettings(classId, s);
                  qc.setQueryData(settingsKey(classId), s);
                  await qc.invalidateQueries({ queryKey: lotteryKey(classId) });
                  void message.success(t('common.saved'));
                } catch (e) {
                  setError(errorMessage(e));
                } finally {
                  setSaving(false);
                }
              }}
            >
              {t('enrolment.saveSettings')}
            </Button>
          )}
        </Form>
      )}
      {l?.seedHash && (
        <Descriptions
          bordered
          size="small"
          column={1}
          layout="vertical"
          style={{ marginTop: 16 }}
          data-testid="lottery-publication"
        >
          <Descriptions.Item label={t('enrolment.seedHash')}>
            <Typography.Text copyable code style={{ wordBreak: 'break-all' }} data-testid="seed-hash">
              {l.seedHash}
            </Typography.Text>
          </Descriptions.Item>
          {l.drawnAt ? (
            <>
              <Descriptions.Item label={t('enrolment.drawnAt')}>
                {formatChina(l.drawnAt, 'YYYY-MM-DD HH:mm')}
              </Descriptions.Item>
              <Descriptions.Item label={t('enrolment.seed')}>
                <Typography.Text copyable code style={{ wordBreak: 'break-all' }}>
                  {l.seed}
                </Typography.Text>
              </Descriptions.Item>
            </>
          ) : (
            <Descriptions.Item label={t('enrolment.draw')}>
              <Space direction="vertical">
                <Typography.Text type="secondary">{t('enrolment.drawHint')}</Typography.Text>
                {canManage && (
                  <Popconfirm
                    title={t('enrolment.drawConfirm')}
                    okText={t('enrolment.draw')}
                    onConfirm={async () => {
                      try {
                        const r = await drawLottery(classId);
                        void message.success(t('enrolment.drawn', { count: r.entries }));
                        await Promise.all([
                          qc.invalidateQueries({ queryKey: lotteryKey(classId) }),
                          qc.invalidateQueries({ queryKey: enrolmentsKey(classId) }),
                        ]);
                      } catch (e) {
                        void message.error(errorMessage(e));
                      }
                    }}
                  >
                    <Button data-testid="lottery-draw">{t('enrolment.draw')}</Button>
                  </Popconfirm>
                )}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {l?.entries && l.entries.length > 0 && (
        <Table
          size="small"
          style={{ marginTop: 12 }}
          rowKey="ref"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={[...l.entries].sort((a, b) => a.rank - b.rank)}
          data-testid="lottery-ranks"
          columns={[
            { title: t('enrolment.rank'), dataIndex: 'rank', width: 80 },
            { title: t('enrolment.child'), dataIndex: 'ref', render: (r: string) => nameOf(r) },
            { title: t('enrolment.ref'), dataIndex: 'ref', width: 100 },
            { title: t('enrolment.priorityGroup'), dataIndex: 'priorityGroup', width: 100 },
          ]}
        />
      )}
    </div>
  );
}
