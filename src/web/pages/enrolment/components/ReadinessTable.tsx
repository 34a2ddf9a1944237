/**
 * Before the first day (P-R7): per child holding a place, what is in place — confirmation, signed agreement,
 * insurance (confirmed by staff), fee — and what is missing; reminders to the families who still owe something;
 * fee recording and the insurance review. A child counts as enrolled only when nothing is missing.
 */
import { BellOutlined, CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { gradeLabel } from '../../../app/careLabels';
import { currentLang } from '../../../app/i18n';
import { enrolmentsKey, type Readiness, recordFee, reviewInsurance, sendReminders } from '../api';

const INSURANCE_COLORS = {
  missing: 'default',
  pending: 'processing',
  confirmed: 'success',
  rejected: 'error',
} as const;

function FeeModal({ row, classId, onClose }: { row: Readiness | null; classId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ status: 'paid' | 'waived'; receipt?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const status = Form.useWatch('status', form);
  return (
    <Modal
      open={row !== null}
      title={row ? t('enrolment.feeTitle', { name: row.childName }) : ''}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnClose
      onCancel={onClose}
      afterClose={() => setError(null)}
      onOk={async () => {
        if (!row) return;
        // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        setError(null);
        try {
          await recordFee(row.enrolmentId, v.status, v.receipt?.trim() || null);
          await qc.invalidateQueries({ queryKey: enrolmentsKey(classId) });
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ status: 'paid' }}>
        <Form.Item name="status" label={t('enrolment.feeStatus')}>
          <Radio.Group optionType="button">
            <Radio value="paid">{t('enrolment.fee.paid')}</Radio>
            <Radio value="waived">{t('enrolment.fee.waived')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="receipt"
          label={t('enrolment.receipt')}
          rules={
            status === 'paid' ? [{ required: true, whitespace: true, message: t('enrolment.receiptRequired') }] : []
          }
        >
          <Input maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function InsuranceModal({ row, classId, onClose }: { row: Readiness | null; classId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ decision: 'confirmed' | 'rejected'; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const decision = Form.useWatch('decision', form);
  const p = row?.insuranceProof;
  return (
    <Modal
      open={row !== null}
      title={row ? t('enrolment.insuranceTitle', { name: row.childName }) : ''}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnClose
      onCancel={onClose}
      afterClose={() => setError(null)}
      onOk={async () => {
        if (!p) return;
        // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        setError(null);
        try {
          await reviewInsurance(p.id, v.decision, v.note?.trim() || undefined);
          await qc.invalidateQueries({ queryKey: enrolmentsKey(classId) });
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {p && (
        <Typography.Paragraph>
          {p.insurer} · {p.policyNo} · {p.periodStart} ~ {p.periodEnd}
          {p.fileId && (
            <>
              {' · '}
              <a href={`/api/files/${p.fileId}`} target="_blank" rel="noreferrer">
                {t('enrolment.policyFile')}
              </a>
            </>
          )}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ decision: 'confirmed' }}>
        <Form.Item name="decision" label={t('enrolment.decision')}>
          <Radio.Group optionType="button">
            <Radio value="confirmed">{t('enrolment.insurance.confirmed')}</Radio>
            <Radio value="rejected">{t('enrolment.insurance.rejected')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="note"
          label={t('enrolment.note')}
          rules={
            decision === 'rejected' ? [{ required: true, whitespace: true, message: t('enrolment.noteRequired') }] : []
          }
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ReadinessTable({
  classId,
  rows,
  canManage,
}: {
  classId: number;
  rows: Readiness[];
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const { message } = App.useApp();
  const [fee, setFee] = useState<Readiness | null>(null);
  const [insurance, setInsurance] = useState<Readiness | null>(null);
  const notReady = rows.filter((r) => !r.enrolled).length;
  const yesNo = (ok: boolean) =>
    ok ? <CheckOutlined style={{ color: '#389e0d' }} /> : <CloseOutlined style={{ color: '#cf1322' }} />;
  return (
    <div data-testid="readiness">
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text>
          {t('enrolment.readySummary', { ready: rows.length - notReady, total: rows.length })}
        </Typography.Text>
        {canManage && notReady > 0 && (
          <Popconfirm
            title={t('enrolment.remindConfirm', { count: notReady })}
            okText={t('enrolment.remind')}
            onConfirm={async () => {
              try {
                const r = await sendReminders(classId);
                void message.success(t('enrolment.reminded', { count: r.sent }));
              } catch (e) {
                void message.error(errorMessage(e));
              }
            }}
          >
            <Button icon={<BellOutlined />} data-testid="send-reminders">
              {t('enrolment.remind')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Table<Readiness>
        size="small"
        rowKey="enrolmentId"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('enrolment.noPlaces') }}
        columns={[
          { title: t('enrolment.child'), dataIndex: 'childName' },
          { title: t('enrolment.grade'), dataIndex: 'grade', width: 90, render: (g: string) => gradeLabel(g, lang) },
          {
            title: t('enrolment.confirmed'),
            dataIndex: 'status',
            width: 80,
            render: (s: string) => yesNo(s === 'accepted'),
          },
          {
            title: t('enrolment.agreement'),
            dataIndex: 'agreementSigned',
            width: 80,
            render: (ok: boolean) => yesNo(ok),
          },
          {
            title: t('enrolment.insuranceCol'),
            dataIndex: 'insurance',
            width: 150,
            render: (_, r) => (
              <Space size={4}>
                <Tag color={INSURANCE_COLORS[r.insurance]}>{t(`enrolment.insurance.${r.insurance}`)}</Tag>
                {canManage && r.insuranceProof && r.insurance !== 'confirmed' && (
                  <Button type="link" size="small" onClick={() => setInsurance(r)}>
                    {t('enrolment.review')}
                  </Button>
                )}
              </Space>
            ),
          },
          {
            title: t('enrolment.feeCol'),
            dataIndex: 'fee',
            width: 150,
            render: (_, r) => (
              <Space size={4}>
                <Tag color={r.fee === 'due' ? 'orange' : 'default'}>
                  {t(`enrolment.fee.${r.fee}`, { defaultValue: r.fee })}
                </Tag>
                {canManage && r.fee === 'due' && (
                  <Button type="link" size="small" onClick={() => setFee(r)} data-testid="fee-record">
                    {t('enrolment.recordFee')}
                  </Button>
                )}
              </Space>
            ),
          },
          {
            title: t('enrolment.missing'),
            dataIndex: 'missing',
            render: (_, r) =>
              r.enrolled ? (
                <Tag color="success">{t('enrolment.enrolled')}</Tag>
              ) : (
                <Space size={[2, 2]} wrap>
                  {r.missing.map((m) => (
                    <Tag key={m} color="warning">
                      {t(`enrolment.missingItem.${m}`, { defaultValue: m })}
                    </Tag>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      <FeeModal row={fee} classId={classId} onClose={() => setFee(null)} />
      <InsuranceModal row={insurance} classId={classId} onClose={() => setInsurance(null)} />
    </div>
  );
}
