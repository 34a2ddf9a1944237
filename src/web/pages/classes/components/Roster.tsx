/**
 * The class roster (负责人, 安全员, teachers, union staff, volunteers, provider staff) with health certificate and
 * background check, and the staffing ratio against the campaign's "children per adult" (a warning when short).
 * Adding and removing follow `abilities.manageStaff`.
 */
import { DeleteOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { fieldErrorsOf, toFormFields } from '../../../app/api/fieldErrors';
import type { ClassDetail, Staff } from '../../../app/api/types';
import { STAFF_ROLE_KEYS, type StaffRole, staffRoleLabel } from '../../../app/careLabels';
import { currentLang } from '../../../app/i18n';
import { phoneRule } from '../../orgs/components/validators';
import { addStaff, classKey, listStaff, removeStaff, staffKey } from '../api';

export function StaffingSummary({ staffing }: { staffing: ClassDetail['staffing'] }) {
  const { t } = useTranslation();
  return (
    <div data-testid="staffing">
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title={t('classes.staffing.children')} value={staffing.children} />
        </Col>
        <Col span={8}>
          <Statistic title={t('classes.staffing.adults')} value={staffing.adults} />
        </Col>
        <Col span={8}>
          <Statistic title={t('classes.staffing.needed')} value={staffing.adultsNeeded} />
        </Col>
      </Row>
      <div style={{ marginTop: 8 }}>
        {staffing.short ? (
          <Alert
            type="warning"
            showIcon
            icon={<WarningOutlined />}
            data-testid="staffing-short"
            message={t('classes.staffing.short', {
              need: staffing.adultsNeeded - staffing.adults,
              max: staffing.maxChildrenPerAdult,
            })}
          />
        ) : (
          <Alert type="success" showIcon message={t('classes.staffing.ok', { max: staffing.maxChildrenPerAdult })} />
        )}
      </div>
      <div style={{ marginTop: 4, fontSize: 12, color: '#8c8c8c' }}>{t('classes.staffing.basis')}</div>
    </div>
  );
}

interface StaffValues {
  name: string;
  role: StaffRole;
  phone?: string;
  qualification?: string;
  healthCertDate?: Dayjs;
  backgroundChecked?: boolean;
  backgroundCheckDate?: Dayjs;
}

function AddStaffModal({ classId, open, onClose }: { classId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const qc = useQueryClient();
  const [form] = Form.useForm<StaffValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checked = Form.useWatch('backgroundChecked', form);
  return (
    <Modal
      open={open}
      title={t('classes.staff.addTitle')}
      okText={t('classes.staff.add')}
      confirmLoading={saving}
      destroyOnClose
      onCancel={onClose}
      afterClose={() => setError(null)}
      onOk={async () => {
        // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        setError(null);
        try {
          await addStaff(classId, {
            name: v.name.trim(),
            role: v.role,
            phone: v.phone?.trim() || null,
            qualification: v.qualification?.trim() || null,
            healthCertDate: v.healthCertDate?.format('YYYY-MM-DD') ?? null,
            backgroundChecked: !!v.backgroundChecked,
            backgroundCheckDate: v.backgroundChecked ? (v.backgroundCheckDate?.format('YYYY-MM-DD') ?? null) : null,
          });
          await Promise.all([
            qc.invalidateQueries({ queryKey: staffKey(classId) }),
            qc.invalidateQueries({ queryKey: classKey(classId) }),
          ]);
          onClose();
        } catch (e) {
          const fields = fieldErrorsOf(e, 'body');
          if (fields.length) form.setFields(toFormFields(fields) as never);
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false} name="staff-add" initialValues={{ role: 'teacher' }}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('classes.staff.name')}
              rules={[{ required: true, whitespace: true, message: t('classes.staff.nameRequired') }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="role" label={t('classes.staff.role')} rules={[{ required: true }]}>
              <Select options={STAFF_ROLE_KEYS.map((r) => ({ value: r, label: staffRoleLabel(r, lang) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('classes.staff.phone')} rules={[phoneRule(t)]}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="healthCertDate" label={t('classes.staff.healthCertDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="qualification" label={t('classes.staff.qualification')}>
              <Input maxLength={200} placeholder={t('classes.staff.qualificationPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="backgroundChecked" valuePropName="checked" label={t('classes.staff.backgroundCheck')}>
              <Checkbox>{t('classes.staff.backgroundDone')}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="backgroundCheckDate" label={t('classes.staff.backgroundCheckDate')}>
              <DatePicker style={{ width: '100%' }} disabled={!checked} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

export function RosterTable({ classId, canManage }: { classId: number; canManage: boolean }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const staff = useQuery({ queryKey: staffKey(classId), queryFn: () => listStaff(classId) });
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        {canManage && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="staff-add">
            {t('classes.staff.add')}
          </Button>
        )}
      </Space>
      <Table<Staff>
        size="small"
        rowKey="id"
        loading={staff.isPending}
        dataSource={staff.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="roster"
        locale={{ emptyText: staff.error ? errorMessage(staff.error) : t('classes.staff.empty') }}
        columns={[
          { title: t('classes.staff.name'), dataIndex: 'name' },
          {
            title: t('classes.staff.role'),
            dataIndex: 'role',
            render: (r: StaffRole) => <Tag>{staffRoleLabel(r, lang)}</Tag>,
          },
          { title: t('classes.staff.phone'), dataIndex: 'phoneMasked', render: (p) => p ?? '—' },
          { title: t('classes.staff.healthCertDate'), dataIndex: 'healthCertDate', render: (d) => d ?? '—' },
          {
            title: t('classes.staff.backgroundCheck'),
            dataIndex: 'backgroundChecked',
            render: (_, s) =>
              s.backgroundChecked ? (
                <Tag color="green">{s.backgroundCheckDate ?? t('common.yes')}</Tag>
              ) : (
                <Tag color="orange">{t('classes.staff.backgroundMissing')}</Tag>
              ),
          },
          { title: t('classes.staff.qualification'), dataIndex: 'qualification', render: (q) => q ?? '—' },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, s: Staff) => (
                    <Popconfirm
                      title={t('classes.staff.removeConfirm', { name: s.name })}
                      okButtonProps={{ danger: true }}
                      onConfirm={async () => {
                        try {
                          await removeStaff(classId, s.id);
                          await Promise.all([
                            qc.invalidateQueries({ queryKey: staffKey(classId) }),
                            qc.invalidateQueries({ queryKey: classKey(classId) }),
                          ]);
                        } catch (e) {
                          void message.error(errorMessage(e));
                        }
                      }}
                    >
                      <Button
                        type="link"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('classes.staff.remove')}
                      />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AddStaffModal classId={classId} open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
