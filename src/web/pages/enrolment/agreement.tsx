/**
 * 托管协议: a unit publishes a new version of its custody agreement (托管协议), starting from the Chinese
 * template. Guardians sign the exact text (by its SHA-256); a new version needs a new signature from every family.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Popconfirm, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api/client';
import { fieldErrorsOf, toFormFields } from '../../app/api/fieldErrors';
import { useCurrentUser } from '../../app/auth/session';
import { OrgTreeSelect } from '../../app/components/OrgTreeSelect';
import { useOrgTree } from '../../app/components/orgTree';
import { useNarrow } from '../../app/components/useNarrow';
import { fetchAgreementTemplate, publishAgreement } from './api';

interface Values {
  orgId?: number;
  title: string;
  body: string;
}

export default function AgreementPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [published, setPublished] = useState<{ unit: string; version: number; sha256: string } | null>(null);
  const { data: nodes = [] } = useOrgTree(false);
  const template = useQuery({
    queryKey: ['agreements', 'template'],
    queryFn: fetchAgreementTemplate,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const units = me.abilities.unitIds;
  const orgId = Form.useWatch('orgId', form);
  const body = Form.useWatch('body', form) ?? '';
  const unitName = nodes.find((n) => n.id === orgId)?.name;

  const fillTemplate = () => {
    if (!template.data) return;
    form.setFieldsValue({ body: template.data.replace('{unit}', unitName ?? '') });
  };
  // Start from the template (with the unit's name) rather than a blank page.
  useEffect(() => {
    if (template.data && unitName && !form.getFieldValue('body')) {
      form.setFieldsValue({ body: template.data.replace('{unit}', unitName) });
    }
  }, [template.data, unitName, form]);

  return (
    <PageContainer title={t('menu.agreements')} subTitle={narrow ? undefined : t('agreements.subtitle')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('agreements.publishTitle')}>
            <Alert type="info" showIcon message={t('agreements.versionHint')} style={{ marginBottom: 16 }} />
            {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
            {published && (
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="agreement-published"
                message={t('agreements.published', { unit: published.unit, version: published.version })}
                description={
                  <Typography.Text code style={{ wordBreak: 'break-all' }}>
                    SHA-256 {published.sha256}
                  </Typography.Text>
                }
              />
            )}
            <Form
              form={form}
              layout="vertical"
              name="agreement"
              initialValues={{ orgId: units.length === 1 ? units[0] : undefined, title: t('agreements.defaultTitle') }}
            >
              <Form.Item
                name="orgId"
                label={t('agreements.unit')}
                rules={[{ required: true, message: t('agreements.unitRequired') }]}
              >
                <OrgTreeSelect disabled={(n) => n.kind !== 'unit'} />
              </Form.Item>
              <Form.Item
                name="title"
                label={t('agreements.title')}
                rules={[
                  { required: true, whitespace: true },
                  { min: 2, max: 100 },
                ]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                name="body"
                label={t('agreements.body')}
                rules={[
                  { required: true, whitespace: true, message: t('agreements.bodyRequired') },
                  { min: 20, max: 20000, message: t('agreements.bodyLength') },
                ]}
                extra={
                  <Button
                    size="small"
                    type="link"
                    style={{ paddingInline: 0 }}
                    onClick={fillTemplate}
                    disabled={!template.data}
                    data-testid="agreement-template"
                  >
                    {t('agreements.useTemplate')}
                  </Button>
                }
              >
                <Input.TextArea rows={16} maxLength={20000} showCount />
              </Form.Item>
              <Popconfirm
                title={t('agreements.publishConfirm')}
                description={t('agreements.publishConfirmText')}
                okText={t('agreements.publish')}
                onConfirm={async () => {
                  let v: Values;
                  try {
                    v = await form.validateFields();
                  } catch {
                    return;
                  }
                  setSaving(true);
                  setError(null);
                  try {
                    const r = await publishAgreement(v.orgId as number, v.title.trim(), v.body.trim());
                    setPublished({ unit: unitName ?? '', version: r.version, sha256: r.sha256 });
                    void message.success(t('agreements.publishedShort', { version: r.version }));
                  } catch (e) {
                    const f = fieldErrorsOf(e, 'body');
                    if (f.length) form.setFields(toFormFields(f) as never);
                    setError(errorMessage(e));
                  } finally {
                    setSaving(false);
                  }
                }}
              >
                <Button type="primary" loading={saving} data-testid="agreement-publish">
                  {t('agreements.publish')}
                </Button>
              </Popconfirm>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('agreements.preview')}>
            {body.trim() ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="agreement-preview">
                {body}
              </Typography.Paragraph>
            ) : (
              <Typography.Text type="secondary">{t('agreements.previewEmpty')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
