/**
 * Answering the P-R4 checklist of a venue: each question yes / no / not checked, a note, and the evidence files
 * (uploaded below) that prove it. "Not a forbidden location" is not asked: it follows from the floor and the
 * building's use. Saving replaces the checklist and clears the district's confirmation (the server decides that).
 */
import { Alert, App, Button, Form, Input, Radio, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VenueCheck } from '../../../../domain/campaign/schema';
import { errorMessage } from '../../../app/api/client';
import type { ChecklistInput, StoredFile, Venue } from '../../../app/api/types';
import { currentLang } from '../../../app/i18n';
import { buildingUseLabel, locationLabel, venueCheckLabel } from '../../../app/careLabels';
import { updateVenue } from '../api';
import { CHECK_ICON } from './ChecklistView';

const ANSWERS = [
  ['independent', 'independent'],
  ['nearHazard', 'hazards'],
  ['ventilationLighting', 'ventilationLighting'],
  ['fireSafety', 'fireSafety'],
  ['surveillance', 'surveillance'],
] as const satisfies readonly (readonly [keyof ChecklistInput, VenueCheck])[];
type AnswerKey = (typeof ANSWERS)[number][0];

type Answer = 'yes' | 'no' | 'unknown';
interface Values {
  answers: Record<AnswerKey, Answer>;
  notes: Partial<Record<VenueCheck, string>>;
  evidence: Partial<Record<VenueCheck, number[]>>;
}

const toAnswer = (b: boolean | null): Answer => (b === null ? 'unknown' : b ? 'yes' : 'no');
const fromAnswer = (a: Answer): boolean | null => (a === 'unknown' ? null : a === 'yes');

export function ChecklistEditor({
  venue,
  files,
  onSaved,
}: {
  venue: Venue;
  files: StoredFile[];
  onSaved: (v: Venue) => void;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial: Values = {
    answers: Object.fromEntries(ANSWERS.map(([a]) => [a, toAnswer(venue.checklist[a])])) as Record<AnswerKey, Answer>,
    notes: { ...venue.checklist.notes },
    evidence: { ...venue.checklist.evidence },
  };
  const fileOptions = files.map((f) => ({ value: f.id, label: f.filename }));
  return (
    <Form form={form} initialValues={initial} name="venue-checklist" data-testid="checklist-editor">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {CHECK_ICON[venue.checklistStatus.forbiddenLocation]} {venueCheckLabel('forbiddenLocation', lang)}：
        {locationLabel(venue.location, lang)} · {buildingUseLabel(venue.buildingUse, lang)}（{t('venues.derived')}）
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => r[0]}
        dataSource={[...ANSWERS]}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: '',
            width: 32,
            render: (_, [, c]) => CHECK_ICON[venue.checklistStatus[c]],
          },
          {
            title: t('venues.question'),
            width: 240,
            render: (_, [a]) => (
              <Space direction="vertical" size={0}>
                <Typography.Text>{t(`venues.ask.${a}`)}</Typography.Text>
                {a === 'nearHazard' && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('venues.nearHazardHint')}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('venues.answer'),
            width: 200,
            render: (_, [a]) => (
              <Form.Item name={['answers', a]} style={{ marginBottom: 0 }}>
                <Radio.Group size="small" optionType="button" buttonStyle="solid" data-testid={`answer-${a}`}>
                  <Radio value="yes">{t('common.yes')}</Radio>
                  <Radio value="no">{t('common.no')}</Radio>
                  <Radio value="unknown">{t('venues.unchecked')}</Radio>
                </Radio.Group>
              </Form.Item>
            ),
          },
          {
            title: t('venues.note'),
            render: (_, [, c]) => (
              <Form.Item name={['notes', c]} style={{ marginBottom: 0 }}>
                <Input maxLength={500} placeholder={t('venues.notePlaceholder')} />
              </Form.Item>
            ),
          },
          {
            title: t('venues.evidence'),
            width: 240,
            render: (_, [, c]) => (
              <Form.Item name={['evidence', c]} style={{ marginBottom: 0 }}>
                <Select
                  mode="multiple"
                  options={fileOptions}
                  placeholder={t('venues.pickEvidence')}
                  notFoundContent={t('venues.uploadFirst')}
                  style={{ minWidth: 200 }}
                />
              </Form.Item>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          loading={saving}
          data-testid="checklist-save"
          onClick={async () => {
            const v = form.getFieldsValue(true) as Values;
            setSaving(true);
            setError(null);
            const clean = <T,>(r: Partial<Record<VenueCheck, T>>, keep: (x: T) => boolean) =>
              Object.fromEntries(Object.entries(r).filter(([, x]) => x !== undefined && keep(x as T))) as Partial<
                Record<VenueCheck, T>
              >;
            try {
              const saved = await updateVenue(venue.id, {
                checklist: {
                  ...(Object.fromEntries(ANSWERS.map(([a]) => [a, fromAnswer(v.answers[a])])) as Record<
                    AnswerKey,
                    boolean | null
                  >),
                  notes: clean(v.notes, (s: string) => s.trim().length > 0),
                  evidence: clean(v.evidence, (l: number[]) => l.length > 0),
                },
                version: venue.version,
              });
              onSaved(saved);
              void message.success(t('venues.checklistSaved'));
            } catch (e) {
              setError(errorMessage(e));
            } finally {
              setSaving(false);
            }
          }}
        >
          {t('venues.saveChecklist')}
        </Button>
        {venue.confirmation && <Typography.Text type="warning">{t('venues.saveClearsConfirmation')}</Typography.Text>}
      </Space>
    </Form>
  );
}
