/**
 * One report: the figures filled from live data (frozen into each submitted version), the narrative under the
 * type's headings, attachments, and the workflow its abilities allow — save draft and submit for the reporting
 * organisation, accept or return for the supervising one. Below: a district's breakdown of its units and the
 * versions, two of which compare side by side. Word download and the printable view for everyone who may read it.
 */
import { CheckOutlined, FileWordOutlined, PrinterOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../app/api/client';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import {
  acceptReport,
  docxUrl,
  fetchReport,
  type ReportDetail,
  reportKey,
  reportsKey,
  returnReport,
  saveDraft,
  submitReport,
  uploadReportFile,
} from './api';
import { Attachments } from './components/Attachments';
import { Breakdown } from './components/Breakdown';
import { FiguresTable } from './components/FiguresTable';
import { ReturnModal } from './components/ReturnModal';
import { SectionsEditor, SectionsView, sectionsFor } from './components/Sections';
import { ReportStateTag, useReportName } from './components/states';
import { VersionsCard } from './components/VersionsCard';
import { formatChina } from '../../app/chinaTime';

export default function ReportPage() {
  const id = Number(useParams().id);
  const report = useQuery({ queryKey: reportKey(id), queryFn: () => fetchReport(id) });
  if (report.error) return <ApiErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data)
    return (
      <PageContainer>
        <Card>
          <Skeleton active />
        </Card>
      </PageContainer>
    );
  // Keyed by the row version: a save or a decision brings the server's (cleaned) text back into the editor.
  return <ReportEditor key={report.data.version} report={report.data} />;
}

function ReportEditor({ report: r }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const name = useReportName();
  const [sections, setSections] = useState(() => sectionsFor(r.headings, r.sections));
  const [applications, setApplications] = useState(() => r.applications.map((a) => a.classId));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<'save' | 'submit' | 'accept' | null>(null);
  const [returning, setReturning] = useState(false);
  const latest = r.versions.at(-1);
  const editable = r.abilities.edit;
  const lastReturn = r.status === 'returned' ? latest : undefined;

  const saved = (x: ReportDetail) => {
    qc.setQueryData(reportKey(r.id), x);
    void qc.invalidateQueries({ queryKey: reportsKey, refetchType: 'none' });
  };
  const draftBody = (attachments = r.attachments.map((a) => a.id)) => ({
    sections,
    attachments,
    ...(r.applicationsEnabled ? { applications } : {}),
    version: r.version,
  });
  const run = async (what: 'save' | 'submit' | 'accept', act: () => Promise<ReportDetail>, done: string) => {
    setBusy(what);
    try {
      saved(await act());
      void message.success(done);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const save = () => run('save', () => saveDraft(r.id, draftBody()), t('reports.editor.saved'));
  const submit = () =>
    modal.confirm({
      title: t('reports.editor.submitConfirmTitle'),
      content: t('reports.editor.submitConfirm', { date: r.asOf }),
      okText: t('reports.editor.submit'),
      onOk: () =>
        run(
          'submit',
          async () => {
            // Unsaved text goes in first, so what is submitted is what is on the screen.
            const current = dirty ? await saveDraft(r.id, draftBody()) : r;
            return submitReport(r.id, current.version);
          },
          t('reports.editor.submitted', { org: r.toOrgName ?? '' }),
        ),
    });
  const accept = () =>
    modal.confirm({
      title: t('reports.editor.accept'),
      content: t('reports.editor.acceptConfirm'),
      okText: t('reports.editor.accept'),
      onOk: () => run('accept', () => acceptReport(r.id, r.version), t('reports.editor.accepted')),
    });
  const upload = async (file: File) => {
    const f = await uploadReportFile(r.id, file);
    saved(await saveDraft(r.id, draftBody([...r.attachments.map((a) => a.id), f.id])));
    return f;
  };

  // A draft shows what a submission would freeze now; a submitted report its latest frozen version.
  const showLive = editable || !latest;
  const figures = showLive ? r.liveFigures : latest.figures;
  const asOf = showLive ? r.asOf : latest.asOf;
  const shownSections = showLive ? sections : latest.sections;
  const shownAttachments = showLive ? r.attachments : latest.attachments;

  return (
    <PageContainer
      title={name(r)}
      subTitle={`${r.orgName} · ${r.campaignName}`}
      tags={<ReportStateTag status={r.status} state={r.state} />}
      onBack={() => navigate(`/reports?campaign=${r.campaignId}`)}
      extra={
        <Space wrap>
          <Button icon={<FileWordOutlined />} href={docxUrl(r.id)} data-testid="report-docx">
            {t('reports.editor.download')}
          </Button>
          <Button
            icon={<PrinterOutlined />}
            onClick={() => navigate(`/reports/${r.id}/print`)}
            data-testid="report-print"
          >
            {t('reports.editor.print')}
          </Button>
          {r.abilities.return && (
            <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="report-return">
              {t('reports.editor.return')}
            </Button>
          )}
          {r.abilities.accept && (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={busy === 'accept'}
              onClick={accept}
              data-testid="report-accept"
            >
              {t('reports.editor.accept')}
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ display: 'flex' }}>
        {lastReturn?.comment && (
          <Alert
            type="error"
            showIcon
            data-testid="return-comment-shown"
            message={t('reports.editor.returnedWith', {
              by: lastReturn.decidedByName ?? '',
              at: lastReturn.decidedAt ? formatChina(lastReturn.decidedAt, 'YYYY-MM-DD HH:mm') : '',
            })}
            description={<div style={{ whiteSpace: 'pre-wrap' }}>{lastReturn.comment}</div>}
          />
        )}
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
            <Descriptions.Item label={t('reports.editor.reportingOrg')}>{r.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('reports.editor.reportTo')}>{r.toOrgName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('reports.period')}>{r.periodLabel}</Descriptions.Item>
            <Descriptions.Item label={t('reports.dueDate')}>{r.dueDate}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card
          size="small"
          title={t('reports.editor.figures')}
          extra={
            <Typography.Text type="secondary" data-testid="figures-as-of">
              {showLive
                ? t('reports.editor.figuresLive', { date: asOf })
                : t('reports.editor.figuresFrozen', { date: asOf })}
            </Typography.Text>
          }
        >
          <FiguresTable figures={figures} />
        </Card>
        {r.breakdown && (
          <Card size="small" title={t('reports.breakdown.title')}>
            <Breakdown breakdown={r.breakdown} />
          </Card>
        )}
        <Card size="small" title={t('reports.editor.narrative')}>
          {editable ? (
            <>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('reports.editor.narrativeHint')}
              </Typography.Paragraph>
              <SectionsEditor
                sections={sections}
                onChange={(s) => {
                  setSections(s);
                  setDirty(true);
                }}
              />
              {r.applicationsEnabled && (
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  <label htmlFor="report-applications">{t('reports.editor.applications')}</label>
                </Typography.Title>
              )}
              {r.applicationsEnabled && (
                <Select
                  id="report-applications"
                  mode="multiple"
                  allowClear
                  placeholder={t('reports.editor.applicationsPlaceholder')}
                  notFoundContent={t('reports.editor.noApplicationCandidates')}
                  style={{ width: '100%' }}
                  value={applications}
                  onChange={(v) => {
                    setApplications(v);
                    setDirty(true);
                  }}
                  options={r.applicationCandidates.map((a) => ({ value: a.classId, label: a.name }))}
                />
              )}
            </>
          ) : (
            <SectionsView sections={shownSections} />
          )}
        </Card>
        <Card size="small" title={t('reports.editor.attachments')}>
          <Attachments files={shownAttachments} upload={editable ? upload : undefined} />
        </Card>
        {editable && (
          <Card size="small" style={{ position: 'sticky', bottom: 0, zIndex: 5 }}>
            <Space wrap>
              <Button loading={busy === 'save'} onClick={() => void save()} data-testid="report-save">
                {t('reports.editor.saveDraft')}
              </Button>
              {r.abilities.submit && (
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={busy === 'submit'}
                  onClick={submit}
                  data-testid="report-submit"
                >
                  {t('reports.editor.submit')}
                </Button>
              )}
              {dirty && <Typography.Text type="warning">{t('reports.editor.unsaved')}</Typography.Text>}
            </Space>
          </Card>
        )}
        <Card size="small" title={t('reports.versions.title')}>
          <VersionsCard reportId={r.id} versions={r.versions} />
        </Card>
      </Space>
      <ReturnModal
        open={returning}
        onClose={() => setReturning(false)}
        onSubmit={async (comment) => {
          saved(await returnReport(r.id, r.version, comment));
          void message.success(t('reports.editor.returned'));
        }}
      />
    </PageContainer>
  );
}
