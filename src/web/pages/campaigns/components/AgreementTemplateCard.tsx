/**
 * 托管协议范本: the campaign's custody-agreement template, its versions, and (for the city administrator) a new
 * version. Units start their own text from the latest; what they published and families signed never changes.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, List, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { ApiErrorResult } from '../../../app/components/ApiErrorResult';
import { agreementTemplateKey, fetchAgreementTemplate, publishAgreementTemplate } from '../api';
import { formatChina } from '../../../app/chinaTime';

export function AgreementTemplateCard({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [reading, setReading] = useState(false);
  const [form] = Form.useForm<{ title: string; body: string; note?: string }>();
  const q = useQuery({ queryKey: agreementTemplateKey(campaignId), queryFn: () => fetchAgreementTemplate(campaignId) });
  const publish = useMutation({
    mutationFn: (v: { title: string; body: string; note?: string }) => publishAgreementTemplate(campaignId, v),
    onSuccess: (r) => {
      qc.setQueryData(agreementTemplateKey(campaignId), r);
      setEditing(false);
      void message.success(t('agreementTemplate.published', { version: r.current?.version ?? 0 }));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (q.error) return <ApiErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const shown = d ? (d.current ?? { ...d.builtIn, version: 0 }) : null;

  return (
    <Card
      title={t('agreementTemplate.title')}
      style={{ marginTop: 16 }}
      data-testid="agreement-template"
      extra={
        d && (
          <Space wrap>
            <Button onClick={() => setReading(true)}>{t('agreementTemplate.view')}</Button>
            {d.abilities.publish && (
              <Button
                type="primary"
                onClick={() => {
                  form.setFieldsValue({ title: shown?.title ?? '', body: shown?.body ?? '', note: '' });
                  setEditing(true);
                }}
              >
                {t('agreementTemplate.edit')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {!d ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('agreementTemplate.hint')}</Typography.Paragraph>
          <Typography.Paragraph>
            {d.current ? (
              <>
                <Typography.Text strong>{d.current.title}</Typography.Text>{' '}
                {t('agreementTemplate.current', {
                  version: d.current.version,
                  date: formatChina(d.current.publishedAt, 'YYYY-MM-DD HH:mm'),
                })}
              </>
            ) : (
              <Tag>{t('agreementTemplate.builtIn')}</Tag>
            )}
          </Typography.Paragraph>
          <List
            size="small"
            header={t('agreementTemplate.versions')}
            locale={{ emptyText: t('agreementTemplate.noVersions') }}
            dataSource={d.versions}
            renderItem={(v) => (
              <List.Item>
                <Space wrap>
                  <Tag color={v.version === d.current?.version ? 'red' : undefined}>
                    {t('agreementTemplate.version', { version: v.version })}
                  </Tag>
                  <span>{formatChina(v.publishedAt, 'YYYY-MM-DD HH:mm')}</span>
                  {v.note && <Typography.Text type="secondary">{v.note}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
      <Modal
        open={reading}
        title={shown?.title}
        footer={null}
        width={760}
        onCancel={() => setReading(false)}
        destroyOnClose
      >
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxHeight: '60vh', overflow: 'auto' }}>
          {shown?.body}
        </Typography.Paragraph>
      </Modal>
      <Modal
        open={editing}
        title={t('agreementTemplate.modalTitle')}
        okText={t('agreementTemplate.publish')}
        confirmLoading={publish.isPending}
        width={820}
        onCancel={() => setEditing(false)}
        onOk={() =>
          void form.validateFields().then(
            (v) => publish.mutate(v),
            () => undefined,
          )
        }
        destroyOnClose
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="title"
            label={t('agreementTemplate.fieldTitle')}
            rules={[{ required: true, min: 2, max: 60 }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('agreementTemplate.fieldBody')}
            extra={t('agreementTemplate.fieldBodyHint')}
            rules={[{ required: true, min: 200, max: 20000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 12, maxRows: 24 }} maxLength={20000} />
          </Form.Item>
          <Form.Item name="note" label={t('agreementTemplate.fieldNote')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
