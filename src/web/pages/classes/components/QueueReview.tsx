/**
 * A submitted class as the district reviews it in the approval queue: the rules panel (problems first), the
 * venue's checklist (with 确认检查表 when allowed), the budget, and approve / return-with-reasons from the class's abilities.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ClassSummary } from '../../../app/api/types';
import { ApiErrorResult } from '../../../app/components/ApiErrorResult';
import { fetchVenue, venueKey } from '../../venues/api';
import { ChecklistView } from '../../venues/components/ChecklistView';
import { currentLang } from '../../../app/i18n';
import { BudgetBlock } from '../../funding/components/BudgetBlock';
import { classKey, fetchClass } from '../api';
import { ApprovalReadiness, approveBlockedReason, ClassDocuments } from './ClassDocuments';
import { LifecycleActions } from './LifecycleActions';
import { RulesPanel } from './RulesPanel';
import { type ClassStep, TransitionModal } from './TransitionModal';

export function QueueReview({ summary, onChanged }: { summary: ClassSummary; onChanged: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [step, setStep] = useState<ClassStep | null>(null);
  const cls = useQuery({ queryKey: classKey(summary.id), queryFn: () => fetchClass(summary.id) });
  const venueId = cls.data?.venueId ?? null;
  const venue = useQuery({
    queryKey: venueKey(venueId ?? 0),
    queryFn: () => fetchVenue(venueId as number),
    enabled: venueId !== null,
  });
  if (cls.error) return <ApiErrorResult error={cls.error} onRetry={() => void cls.refetch()} />;
  if (!cls.data) return <Skeleton active />;
  const c = cls.data;
  return (
    <div data-testid={`queue-review-${c.id}`} style={{ padding: '4px 0' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('classes.rulesPanel')}>
            <RulesPanel verdict={c.verdict} compact />
          </Card>
          {/* The budget by source and purpose is part of what the district approves (#16). */}
          <BudgetBlock classId={c.id} />
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('classDocs.title')} style={{ marginBottom: 16 }}>
            <ClassDocuments cls={c} compact />
          </Card>
          <Card
            size="small"
            title={t('classes.venueChecklist')}
            extra={venue.data && <Link to={`/venues/${venue.data.id}`}>{venue.data.name}</Link>}
          >
            {venueId === null ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('classes.noVenue')} />
            ) : venue.error ? (
              <ApiErrorResult error={venue.error} />
            ) : venue.data ? (
              <ChecklistView
                venue={venue.data}
                // A confirmation changes what stands between the class and its approval.
                onChanged={() => void qc.invalidateQueries({ queryKey: classKey(c.id) })}
              />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
      </Row>
      <div style={{ marginTop: 12 }}>
        <ApprovalReadiness cls={c} />
      </div>
      <Space style={{ marginTop: 12 }}>
        <LifecycleActions
          abilities={c.abilities}
          only={['approve', 'return', 'comment']}
          onStep={setStep}
          blocked={{ approve: approveBlockedReason(c, currentLang()) }}
        />
        <Link to={`/classes/${c.id}`}>{t('classes.openPage')}</Link>
      </Space>
      <TransitionModal
        cls={c}
        step={step}
        onClose={() => setStep(null)}
        onDone={(updated) => {
          qc.setQueryData(classKey(c.id), updated);
          onChanged();
        }}
      />
    </div>
  );
}
