/** Posting or editing a call for help: which class, what skills, when, how many. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../app/api/client';
import { type Call, createCall, postableClasses, updateCall, volunteerKeys } from '../api';

const SKILLS = ['homework', 'reading', 'sports', 'arts', 'other'] as const;
const KINDS = ['either', 'employee', 'social'] as const;

interface Values {
  classId: number;
  title: string;
  description?: string;
  skills: (typeof SKILLS)[number][];
  otherSkill?: string;
  volunteerKind: (typeof KINDS)[number];
  dates: [Dayjs, Dayjs];
  schedule: string;
  hoursPerWeek?: number | null;
  wanted: number;
}

export function CallFormModal({ target, onClose }: { target: Call | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = target === 'new' ? null : target;
  const classes = useQuery({ queryKey: volunteerKeys.postable, queryFn: postableClasses, enabled: !editing });
  const skills = Form.useWatch('skills', form) ?? [];
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        title: v.title,
        description: v.description ?? '',
        skills: v.skills,
        otherSkill: v.skills.includes('other') ? (v.otherSkill ?? null) : null,
        volunteerKind: v.volunteerKind,
        startDate: v.dates[0].format('YYYY-MM-DD'),
        endDate: v.dates[1].format('YYYY-MM-DD'),
        schedule: v.schedule,
        hoursPerWeek: v.hoursPerWeek ?? null,
        wanted: v.wanted,
      };
      return editing
        ? updateCall(editing.id, { ...body, status: editing.status, version: editing.version })
        : createCall({ ...body, classId: v.classId });
    },
    onSuccess: () => {
      message.success(t('volunteers.saved'));
      void qc.invalidateQueries({ queryKey: volunteerKeys.calls });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.fieldIssues.length > 0) {
        const map: Record<string, keyof Values> = { startDate: 'dates', endDate: 'dates' };
        form.setFields(
          e.fieldIssues.map((f) => {
            const key = f.path.replace(/^body\./, '').split('.')[0] ?? '';
            return { name: map[key] ?? (key as keyof Values), errors: [f.message] };
          }),
        );
      }
      message.error(errorMessage(e));
    },
  });
  return (
    <Modal
      open
      width={640}
      title={editing ? t('volunteers.editCall') : t('volunteers.newCall')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnClose
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          editing
            ? {
                ...editing,
                description: editing.description,
                otherSkill: editing.otherSkill ?? undefined,
                skills: editing.skills as Values['skills'],
                dates: [dayjs(editing.startDate), dayjs(editing.endDate)],
              }
            : { volunteerKind: 'either', wanted: 2, skills: ['homework'] }
        }
      >
        {!editing && (
          <Form.Item name="classId" label={t('volunteers.className')} rules={[{ required: true }]}>
            <Select
              loading={classes.isPending}
              showSearch
              optionFilterProp="label"
              options={(classes.data ?? []).map((c) => ({
                value: c.id,
                label: `${c.name}（${c.orgName}，${c.startDate}~${c.endDate}）`,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('volunteers.callTitle')} rules={[{ required: true, min: 2, max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="skills" label={t('volunteers.skills')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group options={SKILLS.map((s) => ({ value: s, label: t(`volunteers.skillNames.${s}`) }))} />
        </Form.Item>
        {skills.includes('other') && (
          <Form.Item name="otherSkill" label={t('volunteers.otherSkill')} rules={[{ max: 40 }]}>
            <Input maxLength={40} />
          </Form.Item>
        )}
        <Form.Item name="volunteerKind" label={t('volunteers.kind')} rules={[{ required: true }]}>
          <Radio.Group options={KINDS.map((k) => ({ value: k, label: t(`volunteers.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="dates" label={t('volunteers.dates')} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="schedule" label={t('volunteers.schedule')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input placeholder={t('volunteers.schedulePlaceholder')} maxLength={100} />
        </Form.Item>
        <Form.Item label={t('volunteers.wanted')} style={{ marginBottom: 0 }}>
          <Form.Item name="wanted" rules={[{ required: true }]} style={{ display: 'inline-block', width: 160 }}>
            <InputNumber min={1} max={50} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="hoursPerWeek"
            label={t('volunteers.hoursPerWeek')}
            style={{ display: 'inline-block', width: 200, marginLeft: 16, marginTop: -30 }}
          >
            <InputNumber min={1} max={60} style={{ width: '100%' }} />
          </Form.Item>
        </Form.Item>
        <Form.Item name="description" label={t('volunteers.description')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
