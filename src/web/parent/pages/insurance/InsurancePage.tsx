/**
 * 上传保单: the guardian's own accident insurance for the child — a photo or PDF of the policy taken on the
 * phone, the insurer, the policy number and the period, which must cover the class dates. The unit's staff then
 * confirm it. The file goes first (it returns an id), then the details that point at it.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { listEnrolments, submitInsurance, uploadInsuranceFile } from '../../api/calls';
import { errorMessage } from '../../api/client';
import type { ParentEnrolment } from '../../api/types';
import { useT } from '../../i18n';
import { formatDate } from '../../labels';
import { rememberInsuranceSubmitted } from '../../readiness';
import { Button, Field } from '../../ui/controls';
import { Screen } from '../../ui/Screen';
import { Empty, LoadError, Loading, Notice } from '../../ui/states';
import { useLoad } from '../../ui/useLoad';
import { type Prepared, prepareFile } from './prepareFile';

type Errors = Partial<Record<'file' | 'insurer' | 'policyNo' | 'period', string>>;

function Form({ e }: { e: ParentEnrolment }) {
  const { t } = useT();
  const navigate = useNavigate();
  const [file, setFile] = useState<(Prepared & { ok: true }) | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [insurer, setInsurer] = useState('');
  const [policyNo, setPolicyNo] = useState('');
  const [start, setStart] = useState(e.startDate ?? '');
  const [end, setEnd] = useState(e.endDate ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);
  // A field's complaint goes as soon as the parent edits it.
  const edit = (k: keyof Errors, set: (v: string) => void) => (v: string) => {
    set(v);
    setErrors((x) => (x[k] ? { ...x, [k]: undefined } : x));
  };

  const pick = async (f: File | undefined) => {
    setFile(null);
    setPreview(null);
    if (!f) return;
    const p = await prepareFile(f);
    if (!p.ok) return setErrors((x) => ({ ...x, file: t(`insurance.file.${p.problem}`) }));
    setErrors((x) => ({ ...x, file: undefined }));
    setFile(p);
    if (p.blob.type.startsWith('image/')) setPreview(URL.createObjectURL(p.blob));
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const next: Errors = {};
    if (!file) next.file = t('insurance.file.required');
    if (insurer.trim().length < 2) next.insurer = t('insurance.insurerRequired');
    if (policyNo.trim().length < 3) next.policyNo = t('insurance.policyRequired');
    if (!start || !end || start > end) next.period = t('insurance.periodInvalid');
    else if ((e.startDate && start > e.startDate) || (e.endDate && end < e.endDate)) {
      next.period = t('insurance.periodCover', { start: formatDate(e.startDate), end: formatDate(e.endDate) });
    }
    setErrors(next);
    if (Object.keys(next).length || !file) return;
    setBusy(true);
    setFormError(null);
    try {
      const stored = await uploadInsuranceFile(e.id, file.blob, file.filename);
      await submitInsurance(e.id, {
        insurer: insurer.trim(),
        policyNo: policyNo.trim(),
        periodStart: start,
        periodEnd: end,
        fileId: stored.id,
      });
      rememberInsuranceSubmitted(e.id);
      navigate(`/enrolments/${e.id}`, { replace: true, state: { flash: t('insurance.done') } });
    } catch (err) {
      setFormError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate>
      <Notice kind="info">
        {t('insurance.intro', { child: e.childName, start: formatDate(e.startDate), end: formatDate(e.endDate) })}
      </Notice>
      <div className="field">
        <span className="label req">{t('insurance.file')}</span>
        <label className="file-pick">
          <input
            type="file"
            accept="image/*,application/pdf"
            data-testid="insurance-file"
            onChange={(ev) => void pick(ev.target.files?.[0])}
          />
          <span>{file ? t('insurance.file.chosen', { name: file.filename }) : t('insurance.file.pick')}</span>
        </label>
        {preview ? <img className="preview" src={preview} alt={t('insurance.file.preview')} /> : null}
        {errors.file ? (
          <div className="field-error">{errors.file}</div>
        ) : (
          <div className="hint">{t('insurance.file.hint')}</div>
        )}
      </div>
      <Field label={t('insurance.insurer')} required error={errors.insurer}>
        {(id) => (
          <input
            id={id}
            className="input"
            maxLength={100}
            placeholder={t('insurance.insurerPlaceholder')}
            value={insurer}
            onChange={(ev) => edit('insurer', setInsurer)(ev.target.value)}
          />
        )}
      </Field>
      <Field label={t('insurance.policyNo')} required error={errors.policyNo}>
        {(id) => (
          <input
            id={id}
            className="input mono"
            maxLength={60}
            value={policyNo}
            onChange={(ev) => edit('policyNo', setPolicyNo)(ev.target.value)}
          />
        )}
      </Field>
      <div className="grid-2">
        <Field label={t('insurance.start')} required>
          {(id) => (
            <input
              id={id}
              className="input"
              type="date"
              value={start}
              onChange={(ev) => edit('period', setStart)(ev.target.value)}
            />
          )}
        </Field>
        <Field label={t('insurance.end')} required>
          {(id) => (
            <input
              id={id}
              className="input"
              type="date"
              value={end}
              onChange={(ev) => edit('period', setEnd)(ev.target.value)}
            />
          )}
        </Field>
      </div>
      {errors.period ? <div className="field-error">{errors.period}</div> : null}
      <div style={{ height: 14 }} />
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      <Button type="submit" kind="primary" block loading={busy}>
        {t('insurance.submit')}
      </Button>
    </form>
  );
}

export default function InsurancePage() {
  const { t } = useT();
  const id = Number(useParams().id);
  const loaded = useLoad(
    `insurance:${id}`,
    async () => (await listEnrolments()).items.find((e) => e.id === id) ?? null,
  );
  return (
    <Screen title={t('insurance.title')} back={`/enrolments/${id}`}>
      {loaded.loading ? <Loading /> : null}
      {loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : null}
      {loaded.data === null ? (
        <div className="card">
          <Empty text={t('enrolment.notFound')} />
        </div>
      ) : null}
      {loaded.data ? <Form e={loaded.data} /> : null}
    </Screen>
  );
}
