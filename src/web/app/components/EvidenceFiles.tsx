/**
 * Evidence kept with a record (venue, caterer, partner, provider): the list of stored files with their purpose,
 * size and upload time, each downloadable through /api/files/:id (the server checks who may see it), and an
 * upload with a chosen purpose. The server checks size (413) and the real content type (415) and says so.
 */
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';
import type { StoredFile } from '../api/types';
import { formatChina } from '../chinaTime';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function EvidenceFiles<P extends string>({
  files,
  loading,
  purposes,
  purposeLabel,
  canUpload,
  upload,
  onUploaded,
}: {
  files: StoredFile[];
  loading: boolean;
  purposes: readonly P[];
  purposeLabel: (p: string) => string;
  canUpload: boolean;
  upload: (file: File, purpose: P) => Promise<StoredFile>;
  onUploaded: (f: StoredFile) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [purpose, setPurpose] = useState<P | undefined>(purposes[0]);
  const [busy, setBusy] = useState(false);
  return (
    <div data-testid="evidence-files">
      {canUpload && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Select<P>
            value={purpose}
            onChange={setPurpose}
            style={{ minWidth: 180 }}
            options={purposes.map((p) => ({ value: p, label: purposeLabel(p) }))}
            aria-label={t('files.purpose')}
            data-testid="file-purpose"
          />
          <Upload
            showUploadList={false}
            accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx"
            customRequest={async ({ file }) => {
              if (!purpose) return;
              setBusy(true);
              try {
                const f = await upload(file as File, purpose);
                void message.success(t('files.uploaded', { name: f.filename }));
                onUploaded(f);
              } catch (e) {
                void message.error(errorMessage(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="file-upload">
              {t('files.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('files.limits')}
          </Typography.Text>
        </Space>
      )}
      <Table<StoredFile>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={files}
        pagination={false}
        locale={{ emptyText: t('files.empty') }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('files.name'),
            dataIndex: 'filename',
            render: (_, f) => (
              <a href={f.url} target="_blank" rel="noreferrer">
                <PaperClipOutlined /> {f.filename}
              </a>
            ),
          },
          {
            title: t('files.purpose'),
            dataIndex: 'purpose',
            width: 140,
            render: (p: string) => <Tag>{purposeLabel(p)}</Tag>,
          },
          { title: t('files.size'), dataIndex: 'size', width: 90, render: (s: number) => formatSize(s) },
          {
            title: t('files.at'),
            dataIndex: 'createdAt',
            width: 150,
            render: (d: string) => formatChina(d, 'YYYY-MM-DD HH:mm'),
          },
        ]}
      />
    </div>
  );
}
