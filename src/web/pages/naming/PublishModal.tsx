/** Publishing a 公示: title, start, working days, text and the proposed classes (prefilled from the ranking). */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../app/api/client';
import { fetchRanking, publishNotice } from './api';

interface Values {
  title: string;
  startsOn: Dayjs;
  workdays: number;
  body: string;
  entries: { classId: number; rank: number; score?: number | null }[];
}

export function PublishModal({ campaignId, onClose }: { campaignId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const ranking = useQuery({ queryKey: ['naming', 'ranking', campaignId], queryFn: () => fetchRanking(campaignId) });
  const recommended = (ranking.data ?? []).filter((r) => r.recommended);
  useEffect(() => {
    if (recommended.length > 0 && !form.getFieldValue('entries')?.length) {
      form.setFieldValue(
        'entries',
        recommended.map((r) => ({ classId: r.classId, rank: r.rank, score: r.score })),
      );
    }
  }, [recommended, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      publishNotice({
        campaignId,
        title: v.title,
        startsOn: v.startsOn.format('YYYY-MM-DD'),
        workdays: v.workdays,
        body: v.body ?? '',
        entries: v.entries,
      }),
    onSuccess: (n) => {
      void qc.invalidateQueries({ queryKey: ['naming'] });
      onClose();
      navigate(`/naming/${n.id}`);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      width={720}
      title={t('naming.publish')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      {!ranking.isLoading && (
        <Alert
          type={recommended.length > 0 ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          message={recommended.length > 0 ? t('naming.prefilled', { n: recommended.length }) : t('naming.noRanking')}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ workdays: 5, startsOn: dayjs().add(1, 'day'), entries: [] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="title" label={t('naming.title')} rules={[{ required: true, max: 120 }]}>
          <Input placeholder="2026年度市级示范爱心托管班拟命名名单公示" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startsOn" label={t('naming.startsOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="workdays" label={t('naming.workdays')} extra={t('naming.workdaysHelp')}>
            <InputNumber min={1} max={30} />
          </Form.Item>
        </Space>
        <Form.Item name="body" label={t('naming.body')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.List name="entries">
          {(fields, { add, remove }) => (
            <>
              <div style={{ marginBottom: 8 }}>{t('naming.entries')}</div>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'rank']} rules={[{ required: true }]}>
                    <InputNumber min={1} placeholder={t('naming.rank')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'classId']} rules={[{ required: true }]}>
                    <InputNumber min={1} placeholder={t('naming.classId')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'score']}>
                    <InputNumber min={0} max={1000} step={0.01} placeholder={t('naming.score')} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="remove" onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ rank: fields.length + 1 })}>
                {t('naming.addEntry')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
