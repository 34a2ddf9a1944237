/**
 * A class's written rules (P-S/P-R6/P-R7: 安全管理制度, 应急预案 naming who answers for each risk, 值班表): each kind the
 * campaign requires with its files (links through /api/files/:id), and — for the unit's administrators — an upload,
 * the template to download, and "write from the template" (kept as a PDF). The district sees the same list at
 * approval (`compact`: links only).
 */
import { DownloadOutlined, EditOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, List, Modal, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import type { ClassDetail } from '../../../app/api/types';
import { currentLang } from '../../../app/i18n';
import { classKey, type DocumentKind, fetchTemplateText, templateUrl, uploadDocument, writeDocument } from '../api';

export function ClassDocuments({ cls, compact = false }: { cls: ClassDetail; compact?: boolean }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<DocumentKind | null>(null);
  const [writing, setWriting] = useState<{ kind: DocumentKind; name: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ text: string }>();
  const canManage = cls.abilities.manageDocuments && !compact;
  const refresh = () => void qc.invalidateQueries({ queryKey: classKey(cls.id) });
  const docs = cls.documents;

  return (
    <div data-testid="class-documents">
      {!compact && <Typography.Paragraph type="secondary">{t('classDocs.hint')}</Typography.Paragraph>}
      <List
        size="small"
        dataSource={docs.items}
        locale={{ emptyText: t('classDocs.noFiles') }}
        renderItem={(d) => {
          const name = lang === 'en' ? d.name.en : d.name.zh;
          const held = d.files.length > 0;
          return (
            <List.Item
              data-testid={`class-document-${d.kind}`}
              actions={
                canManage
                  ? [
                      <Upload
                        key="upload"
                        showUploadList={false}
                        accept=".pdf,.jpg,.jpeg,.png,.docx"
                        customRequest={async ({ file }) => {
                          setBusy(d.kind);
                          try {
                            const f = await uploadDocument(cls.id, d.kind, file as File);
                            void message.success(t('files.uploaded', { name: f.filename }));
                            refresh();
                          } catch (e) {
                            void message.error(errorMessage(e));
                          } finally {
                            setBusy(null);
                          }
                        }}
                      >
                        <Button
                          size="small"
                          icon={<UploadOutlined />}
                          loading={busy === d.kind}
                          data-testid={`document-upload-${d.kind}`}
                        >
                          {t('classDocs.upload')}
                        </Button>
                      </Upload>,
                      <Button
                        key="write"
                        size="small"
                        icon={<EditOutlined />}
                        data-testid={`document-write-${d.kind}`}
                        onClick={async () => {
                          try {
                            form.setFieldsValue({ text: await fetchTemplateText(cls.id, d.kind) });
                            setWriting({ kind: d.kind, name });
                          } catch (e) {
                            void message.error(errorMessage(e));
                          }
                        }}
                      >
                        {t('classDocs.write')}
                      </Button>,
                      <a key="template" href={templateUrl(cls.id, d.kind)} download>
                        <DownloadOutlined /> {t('classDocs.template')}
                      </a>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    <span>{name}</span>
                    {d.required ? (
                      <Tag color={held ? 'success' : 'error'}>
                        {held ? t('classDocs.held') : t('classDocs.missing')}
                      </Tag>
                    ) : (
                      <Tag>{t('classDocs.optional')}</Tag>
                    )}
                  </Space>
                }
                description={
                  held ? (
                    <Space direction="vertical" size={0}>
                      {d.files.map((f) => (
                        <a key={f.id} href={f.url} target="_blank" rel="noreferrer" data-testid="class-document-file">
                          <PaperClipOutlined /> {f.filename}
                        </a>
                      ))}
                    </Space>
                  ) : (
                    t('classDocs.noFiles')
                  )
                }
              />
            </List.Item>
          );
        }}
      />
      <Modal
        open={writing !== null}
        title={writing ? t('classDocs.writeTitle', { name: writing.name }) : ''}
        width={760}
        okText={t('classDocs.writeSave')}
        confirmLoading={saving}
        destroyOnHidden
        onCancel={() => setWriting(null)}
        onOk={async () => {
          if (!writing) return;
          // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
          const v = await form.validateFields().catch(() => null);
          if (!v) return;
          setSaving(true);
          try {
            await writeDocument(cls.id, writing.kind, v.text);
            void message.success(t('classDocs.saved', { name: writing.name }));
            setWriting(null);
            refresh();
          } catch (e) {
            void message.error(errorMessage(e));
          } finally {
            setSaving(false);
          }
        }}
      >
        <Alert type="info" showIcon message={t('classDocs.writeHint')} style={{ marginBottom: 12 }} />
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="text" rules={[{ required: true, whitespace: true, message: t('classDocs.writeRequired') }]}>
            <Input.TextArea rows={18} maxLength={20000} data-testid="document-text" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** What the district must know before approving: every blocker, or that the class is ready. */
export function ApprovalReadiness({ cls }: { cls: ClassDetail }) {
  const { t } = useTranslation();
  const lang = currentLang();
  if (!cls.approval) return null;
  if (cls.approval.ready)
    return <Alert type="success" showIcon message={t('classDocs.approvalReady')} data-testid="approval-ready" />;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="approval-blockers"
      message={t('classDocs.approvalBlocked')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {cls.approval.blockers.map((b) => (
            <li key={b.id}>
              {lang === 'en' ? b.message.en : b.message.zh}
              {b.fix && <Typography.Text type="secondary"> — {lang === 'en' ? b.fix.en : b.fix.zh}</Typography.Text>}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** Why approve is disabled, in one line (for the button's tooltip); null when it may be approved. */
export function approveBlockedReason(cls: ClassDetail, lang: 'zh' | 'en'): string | null {
  if (!cls.approval || cls.approval.ready) return null;
  return cls.approval.blockers
    .map((b) => (lang === 'en' ? b.message.en : b.message.zh))
    .join(lang === 'en' ? '; ' : '；');
}
