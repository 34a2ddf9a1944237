/**
 * Adding reviewers to a panel and assigning them applications: reviewers picked from the reviewer-role list, the
 * submitted applications (all by default); the pairs the conflict rule excludes are listed with the server's
 * reason before sending, and the answer's assigned and skipped counts after.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, List, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, toFormFields } from '../../../app/api/fieldErrors';
import { type Application, type AssignResult, assignToPanel, type ReviewerCandidate } from '../api';
import { classLabel } from '../classLabel';

interface Values {
  reviewerIds: number[];
  applicationIds: number[];
}

export function AssignForm(props: {
  campaignId: number;
  panelId: number;
  reviewers: ReviewerCandidate[];
  submitted: Application[];
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<AssignResult | null>(null);
  const picked = (Form.useWatch('reviewerIds', form) ?? []) as number[];
  const pickedApps = (Form.useWatch('applicationIds', form) ?? []) as number[];
  const skips = props.reviewers
    .filter((r) => picked.includes(r.id))
    .flatMap((r) => r.excluded.filter((x) => pickedApps.includes(x.applicationId)).map((x) => ({ r, x })));
  const assign = useMutation({
    mutationFn: (v: Values) => assignToPanel(props.campaignId, props.panelId, v),
    onSuccess: (res) => {
      setResult(res);
      form.setFieldValue('reviewerIds', []);
      props.onDone();
    },
    onError: (e) => {
      const f = fieldErrorsOf(e, 'body');
      if (f.length) form.setFields(toFormFields(f) as never);
      else form.setFields([{ name: 'reviewerIds', errors: [(e as Error).message] }]);
    },
  });
  if (props.submitted.length === 0)
    return <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('selection.manage.noSubmitted')} />;
  return (
    <div style={{ background: '#fafafa', padding: 12, borderRadius: 6, marginBottom: 12 }} data-testid="assign-form">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ reviewerIds: [], applicationIds: props.submitted.map((a) => a.id) }}
        onFinish={(v) => {
          setResult(null);
          assign.mutate(v);
        }}
      >
        <Form.Item
          name="reviewerIds"
          label={t('selection.manage.pickReviewers')}
          extra={t('selection.manage.pickReviewersHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('selection.manage.pickReviewersHint') }]}
        >
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            data-testid="pick-reviewers"
            options={props.reviewers.map((r) => ({
              value: r.id,
              label: `${r.name}（${r.affiliations.map((g) => g.orgName).join('、')}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="applicationIds"
          label={t('selection.manage.pickApplications')}
          extra={t('selection.manage.pickApplicationsHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('selection.manage.pickApplicationsHint') }]}
        >
          <Select
            mode="multiple"
            optionFilterProp="label"
            data-testid="pick-applications"
            options={props.submitted.map((a) => ({
              value: a.id,
              label: classLabel(a.className, a.unitName, a.districtName),
            }))}
          />
        </Form.Item>
        {skips.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('selection.manage.willSkip')}
            data-testid="will-skip"
            description={
              <List
                size="small"
                dataSource={skips}
                renderItem={({ r, x }) => (
                  <List.Item>
                    <Space wrap>
                      <Tag>{r.name}</Tag>
                      {x.className}
                      <span>{en ? x.reason.en : x.reason.zh}</span>
                    </Space>
                  </List.Item>
                )}
              />
            }
          />
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={assign.isPending} data-testid="assign">
            {t('selection.manage.assign')}
          </Button>
          {result && (
            <Tag color="blue" data-testid="assign-result">
              {t('selection.manage.assignDone', { assigned: result.assigned.length, skipped: result.skipped.length })}
            </Tag>
          )}
        </Space>
      </Form>
    </div>
  );
}
