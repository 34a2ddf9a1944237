/**
 * 打印版: the report as an official document on an A4 sheet — the 公文-like title, who reports to whom, the period,
 * the figures (as frozen, or live for a draft with the day they are as of), the narrative under its headings, a
 * district's breakdown and the attachments; no menu on screen or on paper (print.css), and a print button.
 */
import { PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Skeleton, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { fetchReport, reportKey } from './api';
import { Blocks } from './components/Sections';
import { cellKind, figureWords, useCellLabel, useFigureText, useReportName } from './components/states';
import './print.css';
import { formatChina } from '../../app/chinaTime';

/** Two figures to a table row, so the main table stays short (the definitions follow at the end). */
function pairs<T>(xs: T[]): [T, T | undefined][] {
  const out: [T, T | undefined][] = [];
  for (let i = 0; i < xs.length; i += 2) {
    const a = xs[i];
    if (a !== undefined) out.push([a, xs[i + 1]]);
  }
  return out;
}

export default function ReportPrintPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const name = useReportName();
  const text = useFigureText();
  const stateLabel = useCellLabel();
  const report = useQuery({ queryKey: reportKey(id), queryFn: () => fetchReport(id) });
  const r = report.data;
  useEffect(() => {
    if (!r) return;
    const before = document.title;
    // The browser names the saved PDF after the page title.
    document.title = `${r.orgName} ${name(r)}`;
    return () => {
      document.title = before;
    };
  }, [r, name]);

  let sheet: ReactNode;
  if (report.error) sheet = <ApiErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  else if (!r) sheet = <Skeleton active />;
  else {
    const latest = r.versions.at(-1);
    const live = r.abilities.edit || !latest;
    const figures = live ? r.liveFigures : latest.figures;
    const sections = live ? r.sections : latest.sections;
    const attachments = live ? r.attachments : latest.attachments;
    const asOf = live ? r.asOf : latest.asOf;
    const headings = [...r.headings, ...sections.map((s) => s.heading).filter((h) => !r.headings.includes(h))];
    const textOf = (h: string) => sections.find((s) => s.heading === h)?.text ?? '';
    sheet = (
      <>
        <p className="doc-campaign">{r.campaignName}</p>
        <h1 className="doc-title" data-testid="print-title">
          {r.orgName}
          <br />
          {name(r)}
        </h1>
        <div className="doc-meta">
          <div>
            <span>{t('reports.print.reportingOrg', { org: r.orgName })}</span>
            <span>{t('reports.print.reportTo', { org: r.toOrgName ?? '—' })}</span>
          </div>
          <div>
            <span>{t('reports.print.periodLine', { period: r.periodLabel, due: r.dueDate })}</span>
          </div>
          <div>
            <span>
              {t('reports.print.statusLine', {
                status: stateLabel(cellKind(r.status, r.state)),
                version:
                  latest && !live
                    ? t('reports.editor.version', { version: latest.version })
                    : t('reports.editor.currentDraft'),
                at: latest && !live ? formatChina(latest.submittedAt, 'YYYY-MM-DD HH:mm') : '—',
              })}
            </span>
          </div>
        </div>
        {figures.length > 0 && (
          <>
            <h2>{t('reports.print.figures')}</h2>
            <table data-testid="print-figures">
              <thead>
                <tr>
                  <th style={{ width: '34%' }}>{t('reports.print.figure')}</th>
                  <th style={{ width: '16%' }}>{t('reports.print.value')}</th>
                  <th style={{ width: '34%' }}>{t('reports.print.figure')}</th>
                  <th style={{ width: '16%' }}>{t('reports.print.value')}</th>
                </tr>
              </thead>
              <tbody>
                {pairs(figures).map(([a, b]) => (
                  <tr key={a.key}>
                    <td>{figureWords(a).label}</td>
                    <td className="num">{text(a)}</td>
                    <td>{b ? figureWords(b).label : ''}</td>
                    <td className="num">{b ? text(b) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="doc-note">{t('reports.editor.figuresFrozen', { date: asOf })}</p>
          </>
        )}
        {headings.map((h) => (
          <section key={h}>
            <h2>{h}</h2>
            <Blocks text={textOf(h)} plain />
          </section>
        ))}
        {r.breakdown && (
          <>
            <h2>{t('reports.breakdown.title')}</h2>
            <table>
              <thead>
                <tr>
                  <th>{t('reports.breakdown.org')}</th>
                  <th>{t('reports.breakdown.status')}</th>
                  {r.breakdown.columns.map((c) => (
                    <th key={c.key}>{c.label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {r.breakdown.rows.map((row) => (
                  <tr key={row.orgId}>
                    <td>{row.orgName}</td>
                    <td>{stateLabel(cellKind(row.status, row.state))}</td>
                    {r.breakdown?.columns.map((c, i) => (
                      <td key={c.key} className="num">
                        {text({ value: row.values[i] ?? null, unit: c.unit })}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th>{t('reports.breakdown.total')}</th>
                  <th />
                  {r.breakdown.columns.map((c, i) => (
                    <th key={c.key} className="num" style={{ textAlign: 'right' }}>
                      {text({ value: r.breakdown?.totals[i] ?? null, unit: c.unit })}
                    </th>
                  ))}
                </tr>
              </tbody>
            </table>
            {r.breakdown.notReported.length > 0 && (
              <p className="doc-note">
                {t('reports.breakdown.notReported')}
                {r.breakdown.notReported.map((o) => o.orgName).join('、')}
              </p>
            )}
          </>
        )}
        {attachments.length > 0 && (
          <>
            <h2>{t('reports.print.attachments')}</h2>
            {attachments.map((a, i) => (
              <p key={a.id}>
                {i + 1}. {a.filename}
              </p>
            ))}
          </>
        )}
        {figures.length > 0 && (
          <section className="doc-definitions">
            <h3>{t('reports.print.definitions')}</h3>
            <ol>
              {figures.map((f) => {
                const w = figureWords(f);
                return (
                  <li key={f.key}>
                    {w.label}：{w.definition}
                  </li>
                );
              })}
            </ol>
          </section>
        )}
        <div className="doc-footer">{t('reports.print.footer', { date: asOf })}</div>
      </>
    );
  }

  return (
    <div className="report-print-root" data-testid="report-print-view">
      <div className="report-print-toolbar">
        <Button icon={<RollbackOutlined />} onClick={() => navigate(`/reports/${id}`)}>
          {t('reports.print.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!r}>
          {t('reports.print.button')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('reports.print.hint')}
        </Typography.Text>
      </div>
      <article className="report-sheet">{sheet}</article>
    </div>
  );
}
