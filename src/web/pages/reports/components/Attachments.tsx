/** The report's attachments: a list of downloadable files and, while the draft is editable, an upload. */
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import type { StoredFile } from '../../../app/api/types';
import { formatSize } from '../../../app/components/EvidenceFiles';
import type { ReportDetail } from '../api';

export function Attachments({
  files,
  upload,
}: {
  files: ReportDetail['attachments'];
  /** Present while the draft may be changed: uploads the file and cites it in the draft. */
  upload?: (file: File) => Promise<StoredFile>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <div data-testid="report-attachments">
      {upload && (
        <Space style={{ display: 'flex', marginBottom: 8 }} wrap>
          <Upload
            showUploadList={false}
            accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
            customRequest={async ({ file }) => {
              setBusy(true);
              try {
                const f = await upload(file as File);
                void message.success(t('files.uploaded', { name: f.filename }));
              } catch (e) {
                void message.error(errorMessage(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="report-upload">
              {t('reports.editor.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('files.limits')}
          </Typography.Text>
        </Space>
      )}
      {files.length === 0 ? (
        <Typography.Text type="secondary">{t('reports.editor.noAttachments')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={files}
          renderItem={(f) => (
            <List.Item>
              <a href={f.url} target="_blank" rel="noreferrer">
                <PaperClipOutlined /> {f.filename}
              </a>
              <Typography.Text type="secondary">{formatSize(f.size)}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
