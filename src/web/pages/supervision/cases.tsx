/**
 * 先进经验: good practices marked on visits; the city publishes or withdraws them (the public site shows the
 * published ones). A photo with children asks the uploader to confirm the families' publicity consent.
 */
import { UploadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Image,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api/client';
import { useCurrentUser } from '../../app/auth/session';
import { createCase, listCases, listClassesIn, type PracticeCase, publishCase, uploadCasePhoto } from './api';
import { CasePhoto } from './components/CasePhoto';
import { SupervisionTabs } from './components/SupervisionTabs';

export default function CasesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const cases = useQuery({ queryKey: ['supervision', 'cases'], queryFn: listCases });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['supervision', 'cases'] });
  const canMark = me.abilities.planVisits || me.abilities.inspect;
  return (
    <PageContainer title={t('supervision.casesTitle')} subTitle={t('supervision.casesSubtitle')}>
      <SupervisionTabs active="cases" />
      {canMark && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setCreating(true)}>
          {t('supervision.newCase')}
        </Button>
      )}
      {(cases.data ?? []).length === 0 && !cases.isLoading ? (
        <Card>
          <Empty description={t('supervision.noCases')} />
        </Card>
      ) : (
        <Space direction="vertical" style={{ display: 'flex' }}>
          {(cases.data ?? []).map((c) => (
            <CaseCard
              key={c.id}
              c={c}
              canPhoto={canMark && !c.published}
              onChanged={refresh}
              onPublish={async (published) => {
                try {
                  await publishCase(c.id, published);
                  refresh();
                } catch (e) {
                  void message.error(errorMessage(e));
                }
              }}
            />
          ))}
        </Space>
      )}
      {creating && (
        <CreateCase
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            refresh();
          }}
        />
      )}
    </PageContainer>
  );
}

function CaseCard(props: {
  c: PracticeCase;
  canPhoto: boolean;
  onChanged: () => void;
  onPublish: (p: boolean) => void;
}) {
  const { c } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [children, setChildren] = useState(false);
  const [consent, setConsent] = useState(false);
  return (
    <Card
      size="small"
      title={
        <Space>
          {c.title}
          <Tag color={c.published ? 'green' : 'default'}>
            {c.published ? t('supervision.published') : t('supervision.draft')}
          </Tag>
        </Space>
      }
      extra={
        <Space>
          {c.abilities.publish && (
            <Button size="small" type="primary" onClick={() => props.onPublish(true)}>
              {t('supervision.publish')}
            </Button>
          )}
          {c.abilities.unpublish && (
            <Button size="small" onClick={() => props.onPublish(false)}>
              {t('supervision.unpublish')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Text type="secondary">
        {c.className} · {c.orgName}
      </Typography.Text>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{c.body}</Typography.Paragraph>
      <Image.PreviewGroup>
        <Space wrap align="start">
          {c.photos.map((p) => (
            <CasePhoto key={p.id} photo={p} published={c.published} />
          ))}
        </Space>
      </Image.PreviewGroup>
      {props.canPhoto && (
        <Space wrap style={{ marginTop: 8 }}>
          <Checkbox checked={children} onChange={(e) => setChildren(e.target.checked)}>
            {t('supervision.showsChildren')}
          </Checkbox>
          {children && (
            <Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)}>
              {t('supervision.consentConfirm')}
            </Checkbox>
          )}
          <Upload
            accept="image/jpeg,image/png"
            showUploadList={false}
            disabled={children && !consent}
            customRequest={async ({ file }) => {
              try {
                await uploadCasePhoto(c.id, file as File, children, consent);
                props.onChanged();
              } catch (e) {
                void message.error(errorMessage(e));
              }
            }}
          >
            <Button size="small" icon={<UploadOutlined />} disabled={children && !consent}>
              {t('supervision.addPhoto')}
            </Button>
          </Upload>
          {children && !consent && <Typography.Text type="warning">{t('supervision.consentNeeded')}</Typography.Text>}
        </Space>
      )}
    </Card>
  );
}

function CreateCase({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ classId: number; title: string; body: string }>();
  const classes = useQuery({
    queryKey: ['classes', 'for-cases'],
    queryFn: () => listClassesIn('running'),
  });
  return (
    <Modal open title={t('supervision.newCase')} onCancel={onClose} onOk={() => form.submit()}>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            await createCase(v);
            onDone();
          } catch (e) {
            void message.error(errorMessage(e));
          }
        }}
      >
        <Form.Item name="classId" label={t('supervision.class')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('supervision.title')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="body" label={t('supervision.caseBody')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={5} maxLength={10000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
