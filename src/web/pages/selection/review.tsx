/**
 * 评审打分: one application's frozen dossier (blinded in blind mode) beside the rubric. Data criteria show their
 * formula; each reviewer criterion takes a 0–100 score and a comment. Saving adds new rows (the old ones stay);
 * the reviewer may recuse with a reason instead. Anyone not assigned, conflicted or recused gets the 404 page.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api/client';
import { fetchReview, myAssignmentsKey, recuse, reviewKey, submitScores } from './api';
import { DossierView } from './components/DossierView';

export default function ReviewPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [recusing, setRecusing] = useState(false);
  const [reason, setReason] = useState('');
  const q = useQuery({ queryKey: reviewKey(id), queryFn: () => fetchReview(id), retry: false });
  const save = useMutation({
    mutationFn: (values: Record<string, { score?: number; comment?: string }>) =>
      submitScores(
        id,
        Object.entries(values)
          .filter(([, v]) => typeof v?.score === 'number')
          .map(([criterion, v]) => ({ criterion, score: v.score as number, comment: v.comment ?? '' })),
      ),
    onSuccess: () => {
      message.success(t('selection.scoreSaved'));
      void qc.invalidateQueries({ queryKey: reviewKey(id) });
      void qc.invalidateQueries({ queryKey: myAssignmentsKey });
    },
    onError: (e) => message.error((e as Error).message),
  });
  const doRecuse = useMutation({
    mutationFn: () => recuse(id, reason),
    onSuccess: () => {
      message.success(t('selection.recuseDone'));
      void qc.invalidateQueries({ queryKey: myAssignmentsKey });
      navigate('/selection/review');
    },
    onError: (e) => message.error((e as Error).message),
  });

  if (q.error) {
    const notFound = q.error instanceof ApiError && q.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('notFound.title') : t('selection.loadError')}
        subTitle={(q.error as Error).message}
        extra={<Link to="/selection/review">{t('selection.back')}</Link>}
      />
    );
  }
  const v = q.data;
  const en = i18n.language === 'en';
  const mine = new Map((v?.myScores ?? []).map((s) => [s.criterion, s]));
  const initial = Object.fromEntries([...mine].map(([k, s]) => [k, { score: s.score, comment: s.comment }]));
  return (
    <PageContainer
      loading={q.isLoading}
      title={v ? `${v.dossier.class.name}${v.blind ? ` ${t('selection.blindHidden')}` : ''}` : t('selection.score')}
      subTitle={v && !v.blind ? `${v.dossier.unitName} · ${v.dossier.districtName}` : undefined}
      onBack={() => navigate('/selection/review')}
    >
      {v && (
        <Row gutter={16}>
          <Col xs={24} lg={13}>
            <DossierView d={v.dossier} frozen />
          </Col>
          <Col xs={24} lg={11}>
            <Card size="small" title={t('selection.rubric')} data-testid="rubric">
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={v.rubric.filter((c) => c.source === 'data')}
                columns={[
                  { title: t('selection.criterion'), render: (_, c) => (en && c.labelEn) || c.label },
                  { title: t('selection.weight'), dataIndex: 'weight', width: 60 },
                  {
                    title: t('selection.formula'),
                    render: (_, c) => (
                      <Typography.Text type="secondary">{en ? c.formula.en : c.formula.zh}</Typography.Text>
                    ),
                  },
                ]}
              />
              <Alert style={{ margin: '12px 0' }} type="info" showIcon message={t('selection.scoreHint')} />
              <Form form={form} layout="vertical" initialValues={initial} onFinish={(vals) => save.mutate(vals)}>
                {v.rubric
                  .filter((c) => c.source === 'reviewer')
                  .map((c) => (
                    <Card
                      key={c.key}
                      size="small"
                      type="inner"
                      style={{ marginBottom: 12 }}
                      title={
                        <Space>
                          {(en && c.labelEn) || c.label}
                          <Tag>
                            {t('selection.weight')} {c.weight}
                          </Tag>
                          {mine.has(c.key) && <Tag color="green">{t('selection.scored')}</Tag>}
                        </Space>
                      }
                    >
                      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                        {t('selection.guide')}：{(en && c.guideEn) || c.guide}
                      </Typography.Paragraph>
                      <Form.Item
                        name={[c.key, 'score']}
                        label={t('selection.score')}
                        rules={[{ required: true, type: 'integer', min: 0, max: 100 }]}
                      >
                        <InputNumber
                          min={0}
                          max={100}
                          precision={0}
                          style={{ width: 120 }}
                          data-testid={`score-${c.key}`}
                        />
                      </Form.Item>
                      <Form.Item name={[c.key, 'comment']} label={t('selection.comment')} style={{ marginBottom: 0 }}>
                        <Input.TextArea rows={2} maxLength={1000} />
                      </Form.Item>
                    </Card>
                  ))}
                <Space>
                  <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-scores">
                    {t('selection.saveScore')}
                  </Button>
                  <Button danger onClick={() => setRecusing(true)}>
                    {t('selection.recuse')}
                  </Button>
                </Space>
              </Form>
            </Card>
          </Col>
        </Row>
      )}
      <Modal
        open={recusing}
        title={t('selection.recuse')}
        onCancel={() => setRecusing(false)}
        onOk={() => doRecuse.mutate()}
        okButtonProps={{ disabled: reason.trim().length < 2, danger: true, loading: doRecuse.isPending }}
      >
        <Input.TextArea
          rows={3}
          placeholder={t('selection.recuseReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </PageContainer>
  );
}
