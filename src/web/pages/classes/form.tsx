/**
 * 新建 / 编辑托管班 as a step form: basics → venue → meals → partner/provider (only when the set-up or management
 * mode needs one) → staff → activities → review with the rules panel and 提交审批. The first step creates the
 * class as a draft; every later step saves its part at once, so the roster (which belongs to a saved class) and
 * the rules panel always reflect what is stored.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Result, Skeleton, Space, Steps } from 'antd';
import type { FormInstance } from 'antd/es/form';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../app/api/client';
import { fieldErrorsOf, toFormFields } from '../../app/api/fieldErrors';
import type { ClassDetail, ClassFieldsInput } from '../../app/api/types';
import { useCurrentUser } from '../../app/auth/session';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { campaignsKey, listCampaigns } from '../campaigns/api';
import { classKey, createClass, fetchClass, updateClass } from './api';
import { RosterTable, StaffingSummary } from './components/Roster';
import { StepActivities } from './components/steps/StepActivities';
import { StepBasics } from './components/steps/StepBasics';
import { type ResourceValues, StepMeals, StepPartners, StepVenue } from './components/steps/StepResources';
import { StepReview } from './components/steps/StepReview';
import {
  type BasicsValues,
  basicsFrom,
  basicsPayload,
  type PlanRow,
  planFrom,
  planPayload,
  toFormErrors,
} from './components/steps/values';
import { type ClassStep, TransitionModal } from './components/TransitionModal';

type StepKey = 'basics' | 'venue' | 'meals' | 'partners' | 'staff' | 'activities' | 'review';

export default function ClassFormPage() {
  const { t } = useTranslation();
  const params = useParams();
  const editId = params.id ? Number(params.id) : null;
  const existing = useQuery({
    queryKey: classKey(editId ?? 0),
    queryFn: () => fetchClass(editId as number),
    enabled: editId !== null,
  });
  if (editId !== null && existing.error)
    return <ApiErrorResult error={existing.error} onRetry={() => void existing.refetch()} />;
  if (editId !== null && !existing.data) {
    return (
      <PageContainer title={t('classes.editTitle')}>
        <Card>
          <Skeleton active />
        </Card>
      </PageContainer>
    );
  }
  return <ClassStepForm key={editId ?? 'new'} initial={existing.data ?? null} />;
}

function ClassStepForm({ initial }: { initial: ClassDetail | null }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const [cls, setCls] = useState<ClassDetail | null>(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [transition, setTransition] = useState<ClassStep | null>(null);
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: listCampaigns });
  // The roster changes the staffing figures without a new class version: read them from the live detail.
  const live = useQuery({ queryKey: classKey(cls?.id ?? 0), queryFn: () => fetchClass(cls?.id ?? 0), enabled: !!cls });

  const [basicsForm] = Form.useForm<BasicsValues>();
  const [venueForm] = Form.useForm<ResourceValues>();
  const [mealsForm] = Form.useForm<ResourceValues>();
  const [partnersForm] = Form.useForm<ResourceValues>();
  const [planForm] = Form.useForm<{ activityPlan: PlanRow[] }>();

  const basicsInitial = useMemo<Partial<BasicsValues>>(() => {
    if (initial) return basicsFrom(initial);
    const units = me.abilities.unitIds;
    return {
      mode: 'standalone',
      management: 'union',
      orgId: units.length === 1 ? units[0] : undefined,
      feeAmount: 0,
      gradesOffered: [1, 2, 3, 4, 5, 6],
    };
  }, [initial, me]);
  // The newest campaign that is running (or else being prepared) is the likely one.
  useEffect(() => {
    if (initial || !campaigns.data || basicsForm.getFieldValue('campaignId') !== undefined) return;
    const pick = campaigns.data.find((c) => c.status === 'active') ?? campaigns.data.find((c) => c.status === 'draft');
    if (pick) basicsForm.setFieldsValue({ campaignId: pick.id });
  }, [initial, campaigns.data, basicsForm]);

  const needPartner = !!cls && cls.mode !== 'standalone';
  const needProvider = !!cls && cls.management === 'purchased';
  const keys: StepKey[] = [
    'basics',
    'venue',
    'meals',
    ...(needPartner || needProvider ? (['partners'] as const) : []),
    'staff',
    'activities',
    'review',
  ];
  const requested = search.get('step') as StepKey | null;
  const current = Math.max(0, cls && requested ? keys.indexOf(requested) : 0);
  const key = keys[current] ?? 'basics';
  const goTo = (k: StepKey) =>
    setSearch((p) => {
      const n = new URLSearchParams(p);
      n.set('step', k);
      return n;
    });

  if (cls && !cls.abilities.update) {
    return (
      <Result
        status="info"
        title={t('classes.form.notEditableTitle')}
        subTitle={t('classes.form.notEditable')}
        extra={
          <Link to={`/classes/${cls.id}`}>
            <Button type="primary">{t('classes.openPage')}</Button>
          </Link>
        }
      />
    );
  }

  // One antd form per step; typed loosely here because each holds a different shape.
  const formOf: Partial<Record<StepKey, FormInstance>> = {
    basics: basicsForm as FormInstance,
    venue: venueForm as FormInstance,
    meals: mealsForm as FormInstance,
    partners: partnersForm as FormInstance,
    activities: planForm as FormInstance,
  };

  /** Saves the current step; answers the stored class (or null when the input is not valid yet). */
  async function saveStep(): Promise<ClassDetail | null> {
    const form = formOf[key];
    let values: Record<string, unknown> = {};
    if (form) {
      try {
        values = await form.validateFields();
      } catch {
        return null;
      }
    }
    let patch: ClassFieldsInput | null = null;
    if (key === 'basics') {
      const b = values as unknown as BasicsValues;
      patch = basicsPayload(b);
      if (b.mode === 'standalone') patch.partnerId = null;
      if (b.management !== 'purchased') patch.providerId = null;
      if (!cls) {
        const created = await createClass({
          campaignId: b.campaignId as number,
          orgId: b.orgId as number,
          ...(patch as object),
        } as never);
        return created;
      }
    } else if (key === 'venue') patch = { venueId: (values as ResourceValues).venueId ?? null };
    else if (key === 'meals') {
      const m = values as ResourceValues;
      patch = { meals: m.meals, catererId: m.meals === 'contracted' ? (m.catererId ?? null) : null };
    } else if (key === 'partners') {
      const p = values as ResourceValues;
      patch = {
        partnerId: needPartner ? (p.partnerId ?? null) : null,
        providerId: needProvider ? (p.providerId ?? null) : null,
      };
    } else if (key === 'activities')
      patch = { activityPlan: planPayload((values as { activityPlan?: PlanRow[] }).activityPlan ?? []) };
    if (!cls) return null;
    if (!patch) return fetchClass(cls.id);
    return updateClass(cls.id, { ...patch, version: cls.version });
  }

  async function next(advance: boolean) {
    setSaving(true);
    setError(null);
    try {
      const saved = await saveStep();
      if (!saved) return;
      setCls(saved);
      qc.setQueryData(classKey(saved.id), saved);
      void qc.invalidateQueries({ queryKey: ['classes'], exact: false, refetchType: 'none' });
      if (!initial && !cls) {
        // The class exists now: its address becomes the edit page so a reload keeps the work.
        navigate(`/classes/${saved.id}/edit?step=venue`, { replace: true });
        void message.success(t('classes.form.created'));
        return;
      }
      if (advance) goTo(keys[current + 1] ?? 'review');
      else void message.success(t('common.saved'));
    } catch (e) {
      const fields = toFormErrors(fieldErrorsOf(e, 'body'));
      const form = formOf[key];
      if (fields.length && form) form.setFields(toFormFields(fields) as never);
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  const resources: ResourceValues = {
    venueId: cls?.venueId ?? undefined,
    meals: cls?.meals ?? 'self',
    catererId: cls?.catererId ?? undefined,
    partnerId: cls?.partnerId ?? undefined,
    providerId: cls?.providerId ?? undefined,
  };
  const ownerId = cls?.orgId ?? 0;
  const joint = cls?.mode === 'joint';

  return (
    <PageContainer
      title={cls ? t('classes.editTitle') : t('classes.createTitle')}
      subTitle={cls?.name}
      onBack={() => navigate(cls ? `/classes/${cls.id}` : '/classes/mine')}
    >
      <Card>
        <Steps
          current={current}
          size="small"
          style={{ marginBottom: 24 }}
          data-testid="class-steps"
          onChange={(i) => cls && goTo(keys[i] ?? 'basics')}
          items={keys.map((k) => ({ title: t(`classes.form.steps.${k}`), disabled: !cls }))}
        />
        {error && (
          <Alert
            type="error"
            showIcon
            message={error}
            style={{ marginBottom: 16 }}
            data-testid="class-form-error"
            closable
            onClose={() => setError(null)}
          />
        )}
        <div data-testid={`step-${key}`}>
          {key === 'basics' && (
            <StepBasics form={basicsForm} isNew={!cls} initial={basicsInitial} knownCoUnits={cls?.coUnits ?? []} />
          )}
          {key === 'venue' && cls && <StepVenue form={venueForm} orgId={ownerId} joint={joint} initial={resources} />}
          {key === 'meals' && cls && <StepMeals form={mealsForm} orgId={ownerId} joint={joint} initial={resources} />}
          {key === 'partners' && cls && (
            <StepPartners
              form={partnersForm}
              orgId={ownerId}
              joint={joint}
              needPartner={needPartner}
              needProvider={needProvider}
              initial={resources}
            />
          )}
          {key === 'staff' && cls && (
            <Space direction="vertical" size={16} style={{ display: 'flex' }}>
              <StaffingSummary staffing={(live.data ?? cls).staffing} />
              <RosterTable classId={cls.id} canManage={cls.abilities.manageStaff} />
            </Space>
          )}
          {key === 'activities' && cls && <StepActivities form={planForm} initial={planFrom(cls.activityPlan)} />}
          {key === 'review' && cls && <StepReview cls={cls} />}
        </div>
        <Space style={{ marginTop: 24 }} wrap>
          {current > 0 && <Button onClick={() => goTo(keys[current - 1] ?? 'basics')}>{t('classes.form.prev')}</Button>}
          {key !== 'review' && (
            <Button type="primary" loading={saving} onClick={() => void next(true)} data-testid="step-next">
              {cls ? t('classes.form.saveNext') : t('classes.form.createNext')}
            </Button>
          )}
          {key === 'review' && cls?.abilities.submit && (
            <Button type="primary" onClick={() => setTransition('submit')} data-testid="class-submit">
              {t('classes.step.submit.button')}
            </Button>
          )}
          {cls && (
            <Button onClick={() => navigate(`/classes/${cls.id}`)} data-testid="step-done">
              {t('classes.form.toClassPage')}
            </Button>
          )}
        </Space>
      </Card>
      {cls && (
        <TransitionModal
          cls={cls}
          step={transition}
          onClose={() => setTransition(null)}
          onDone={(updated) => {
            qc.setQueryData(classKey(updated.id), updated);
            void message.success(t('classes.form.submitted'));
            navigate(`/classes/${updated.id}`);
          }}
        />
      )}
    </PageContainer>
  );
}
