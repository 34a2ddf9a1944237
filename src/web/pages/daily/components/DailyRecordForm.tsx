/**
 * One short form per kind of daily record (巡查, 通风消杀, 供餐留样, 保洁, 消防检查, 防疫), in a drawer that fits a
 * phone (vertical layout, native time inputs). A correction opens the same form filled with the original and asks
 * for the reason; the server keeps the original and marks it superseded.
 */
import { App, Button, Drawer, Form, Input, InputNumber, Radio, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { createDailyRecord, type DailyRecord, type DailyRecordKind, type DayRecords, type RecordInput } from '../api';
import { DailyPhotoUpload } from './DailyPhotoUpload';

const AREA_SUGGESTIONS = ['教室', '活动室', '走廊', '楼梯', '出入口', '卫生间', '餐厅', '午休室', '操场'];

function nowHHMM(): string {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The form's initial values: the original's fields for a correction, sensible defaults otherwise. */
function initialValues(kind: DailyRecordKind, original: DailyRecord | null, settings: DayRecords['settings']) {
  if (original) {
    const { id: _i, photos: _p, recordedAt: _a, recordedBy: _b, recordedByName: _n, ...rest } = original;
    return rest as Record<string, unknown>;
  }
  const base: Record<string, unknown> = { time: nowHHMM() };
  if (kind === 'patrol') return { ...base, issuesFound: false };
  if (kind === 'meal')
    return {
      ...base,
      supplier: settings.meals === 'contracted' && settings.catererName ? 'caterer' : 'self',
      sampleKept: true,
    };
  if (kind === 'fire') return { ...base, extinguishersOk: true, exitsClear: true, alarmsOk: true };
  if (kind === 'epidemic') return { ...base, masks: true, abnormalCount: 0 };
  return base;
}

export function DailyRecordForm({
  classId,
  day,
  kind,
  original,
  settings,
  onClose,
  onSaved,
}: {
  classId: number;
  day: string;
  kind: DailyRecordKind | null;
  original: DailyRecord | null;
  settings: DayRecords['settings'];
  onClose(): void;
  onSaved(r: DailyRecord): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [photoIds, setPhotoIds] = useState<number[]>([]);
  const issuesFound = Form.useWatch('issuesFound', form) as boolean | undefined;
  const sampleKept = Form.useWatch('sampleKept', form) as boolean | undefined;

  useEffect(() => {
    if (!kind) return;
    form.resetFields();
    form.setFieldsValue(initialValues(kind, original, settings));
    setPhotoIds([]);
    setError(null);
  }, [kind, original, settings, form]);

  if (!kind) return null;
  const f = (k: string) => t(`daily.fields.${k}`);
  const req = (msg?: string) => [{ required: true, message: msg ?? t('daily.required') }];
  const kindLabel = t(`daily.kinds.${kind}`);

  const submit = async () => {
    let values: Record<string, unknown>;
    try {
      values = (await form.validateFields()) as Record<string, unknown>;
    } catch {
      return; // the form shows what is missing next to each field
    }
    setBusy(true);
    setError(null);
    try {
      const body = {
        ...values,
        kind,
        day,
        ...(photoIds.length ? { photoFileIds: photoIds } : {}),
        ...(original ? { supersedesId: original.id } : {}),
      } as RecordInput;
      const saved = await createDailyRecord(classId, body);
      void message.success(t('daily.saved'));
      onSaved(saved);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const yesNo = (name: string) => (
    <Form.Item name={name} label={f(name)} valuePropName="checked">
      <Switch checkedChildren={t('daily.yes')} unCheckedChildren={t('daily.no')} />
    </Form.Item>
  );
  const areas = (label: string) => (
    <Form.Item name="areas" label={label} rules={req(f('areasRequired'))}>
      <Select
        mode="tags"
        placeholder={f('areasPlaceholder')}
        options={AREA_SUGGESTIONS.map((a) => ({ value: a, label: a }))}
        tokenSeparators={[',', '，', '、']}
      />
    </Form.Item>
  );

  return (
    <Drawer
      open
      title={original ? t('daily.correctTitle', { kind: kindLabel }) : t('daily.addTitle', { kind: kindLabel })}
      onClose={onClose}
      width={Math.min(480, window.innerWidth)}
      destroyOnClose
      footer={
        <Button type="primary" block loading={busy} onClick={() => void submit()} data-testid="daily-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" requiredMark={false} data-testid={`daily-form-${kind}`}>
        {original && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('daily.correctHint')}
          </Typography.Paragraph>
        )}
        <Form.Item name="time" label={t('daily.time')} rules={req(t('daily.timeRequired'))}>
          <Input type="time" style={{ maxWidth: 160 }} />
        </Form.Item>
        {kind === 'patrol' && (
          <>
            {areas(f('areas'))}
            <Form.Item name="findings" label={f('findings')} rules={req()}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
            </Form.Item>
            {yesNo('issuesFound')}
            {issuesFound && (
              <Form.Item name="actions" label={f('actions')} rules={req(f('actionsRequired'))}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
              </Form.Item>
            )}
          </>
        )}
        {kind === 'disinfection' && (
          <>
            <Form.Item name="area" label={f('area')} rules={req()}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="agent" label={f('agent')} rules={req()}>
              <Input maxLength={60} placeholder="84消毒液 / 75%酒精" />
            </Form.Item>
            <Form.Item name="method" label={f('method')} rules={req()}>
              <Input maxLength={100} placeholder={f('methodPlaceholder')} />
            </Form.Item>
          </>
        )}
        {kind === 'meal' && (
          <>
            <Form.Item name="supplier" label={f('supplier')} rules={req()}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'self', label: f('supplierSelf') },
                  ...(settings.catererName
                    ? [{ value: 'caterer', label: `${f('supplierCaterer')}：${settings.catererName}` }]
                    : []),
                ]}
              />
            </Form.Item>
            <Form.Item name="menu" label={f('menu')} rules={req()}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={300} />
            </Form.Item>
            {yesNo('sampleKept')}
            {sampleKept && (
              <>
                <Form.Item name="sampleAt" label={f('sampleAt')} rules={req(f('sampleAtRequired'))}>
                  <Input type="time" style={{ maxWidth: 160 }} />
                </Form.Item>
                <Form.Item name="sampleWeightG" label={f('sampleWeightG')}>
                  <InputNumber min={1} max={2000} style={{ width: 160 }} />
                </Form.Item>
              </>
            )}
          </>
        )}
        {kind === 'cleaning' && (
          <>
            {areas(f('cleaningAreas'))}
            <Form.Item name="by" label={f('by')} rules={req()}>
              <Input maxLength={60} />
            </Form.Item>
          </>
        )}
        {kind === 'fire' && (
          <>
            {yesNo('extinguishersOk')}
            {yesNo('exitsClear')}
            {yesNo('alarmsOk')}
            <Form.Item name="notes" label={f('notes')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
            </Form.Item>
          </>
        )}
        {kind === 'epidemic' && (
          <>
            <Form.Item name="temperatureChecks" label={f('temperatureChecks')} rules={req()}>
              <InputNumber min={0} max={1000} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="abnormalCount" label={f('abnormalCount')} rules={req()}>
              <InputNumber min={0} max={1000} style={{ width: 160 }} />
            </Form.Item>
            {yesNo('masks')}
            <Form.Item name="notes" label={f('notes')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
            </Form.Item>
          </>
        )}
        {original && (
          <Form.Item
            name="reason"
            label={t('daily.reason')}
            rules={[{ required: true, min: 2, message: t('daily.reasonRequired') }]}
          >
            <Input maxLength={300} />
          </Form.Item>
        )}
        <Form.Item label={t('daily.photos')}>
          <DailyPhotoUpload classId={classId} max={6} onChange={setPhotoIds} />
        </Form.Item>
        {error && (
          <Typography.Text type="danger" data-testid="daily-error">
            {error}
          </Typography.Text>
        )}
      </Form>
    </Drawer>
  );
}
