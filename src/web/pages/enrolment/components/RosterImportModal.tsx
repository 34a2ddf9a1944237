/**
 * 导入托管名单 on the class page: download the template, upload the filled .xlsx. The server checks the whole file
 * and imports nothing unless every row is good; when it refuses, every bad cell is listed by row and column.
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Result, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorMessage, type ImportRowError } from '../../../app/api/client';

export const ROSTER_TEMPLATE_URL = '/api/roster/template';
const importRoster = (classId: number, file: File) =>
  api.upload<{ imported: number }>(`/api/classes/${classId}/roster`, file);

type Outcome =
  | { kind: 'done'; imported: number }
  | { kind: 'invalid'; message: string; rows: ImportRowError[] }
  | { kind: 'failed'; message: string };

export function RosterImportModal({
  classId,
  open,
  onClose,
  onImported,
}: {
  classId: number;
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t } = useTranslation();
  const [uploading, setUploading] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = async (file: File) => {
    setUploading(true);
    setOutcome(null);
    setFileName(file.name);
    try {
      const r = await importRoster(classId, file);
      setOutcome({ kind: 'done', imported: r.imported });
      onImported();
    } catch (e) {
      if (e instanceof ApiError && e.importErrors.length)
        setOutcome({ kind: 'invalid', message: e.message, rows: e.importErrors });
      else setOutcome({ kind: 'failed', message: errorMessage(e) });
    } finally {
      setUploading(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('rosterImport.title')}
      width={760}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      afterClose={() => {
        setOutcome(null);
        setFileName(null);
      }}
      destroyOnClose
    >
      <Space direction="vertical" size={16} style={{ display: 'flex' }} data-testid="roster-import">
        <Alert
          type="info"
          showIcon
          message={t('rosterImport.hint')}
          action={
            <Button size="small" icon={<DownloadOutlined />} href={ROSTER_TEMPLATE_URL} download>
              {t('rosterImport.template')}
            </Button>
          }
        />
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={uploading}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{uploading ? t('orgs.importing') : t('orgs.importDrop')}</p>
          <p className="ant-upload-hint">
            {fileName ? t('orgs.importFile', { name: fileName }) : t('orgs.importDropHint')}
          </p>
        </Upload.Dragger>
        {outcome?.kind === 'done' && (
          <Result
            status="success"
            title={t('rosterImport.done', { count: outcome.imported })}
            style={{ padding: 16 }}
          />
        )}
        {outcome?.kind === 'failed' && <Alert type="error" showIcon message={outcome.message} />}
        {outcome?.kind === 'invalid' && (
          <div data-testid="roster-import-errors">
            <Alert
              type="error"
              showIcon
              message={outcome.message}
              description={t('rosterImport.fix')}
              style={{ marginBottom: 12 }}
            />
            <Table<ImportRowError>
              size="small"
              bordered
              rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
              dataSource={outcome.rows}
              pagination={outcome.rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
              columns={[
                { title: t('orgs.importRow'), dataIndex: 'row', width: 80, render: (r: number) => (r > 0 ? r : '—') },
                { title: t('orgs.importColumn'), dataIndex: 'column', width: 100, render: (c: string) => c || '—' },
                {
                  title: t('orgs.importProblem'),
                  dataIndex: 'message',
                  render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text>,
                },
              ]}
            />
          </div>
        )}
      </Space>
    </Modal>
  );
}
