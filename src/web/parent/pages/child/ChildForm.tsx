/**
 * 添加/修改孩子: name, gender, birth date, school and grade (幼儿园 needs the self-care declaration), the optional
 * ID number (checked here with the domain's checksum and again by the server), allergies and health notes behind
 * their own consent, emergency contacts, and adults allowed / not allowed to pick the child up. A new child is
 * saved only with the privacy notice accepted. Editing can also withdraw the health or photo consent.
 */
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { addChild, getFamily, getPrivacyNotice, grantConsent, updateChild, withdrawConsent } from '../../api/calls';
import { errorMessage } from '../../api/client';
import type { Child, PrivacyNotice } from '../../api/types';
import { useT } from '../../i18n';
import { GRADES, gradeLabel } from '../../labels';
import { Button, Check, Choices, Field } from '../../ui/controls';
import { Screen } from '../../ui/Screen';
import { Empty, LoadError, Loading, Notice, Tag } from '../../ui/states';
import { useLoad } from '../../ui/useLoad';
import {
  type ChildDraft,
  checkDraft,
  type DraftErrors,
  draftOf,
  emptyDraft,
  toCreate,
  toUpdate,
  todayInChina,
} from './draft';
import { ContactsEditor, PickupEditor } from './PeopleEditors';

function Form({
  child,
  notice,
  onSaved,
  onChanged,
}: {
  child: Child | null;
  notice: PrivacyNotice;
  onSaved(): void;
  /** A consent was withdrawn: show the child afresh. */
  onChanged(): void;
}) {
  const { t, lang } = useT();
  const isNew = !child;
  const [d, setD] = useState<ChildDraft>(() => (child ? draftOf(child) : emptyDraft()));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ChildDraft>(k: K, v: ChildDraft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
    setFormError(null);
    // A field's complaint goes as soon as the parent edits it (the ID number's check depends on the birth date).
    const keys = k === 'birthDate' ? ['birthDate', 'idNumber'] : k === 'privacyAgreed' ? ['privacy'] : [k];
    setErrors((e) =>
      keys.some((x) => x in e) ? Object.fromEntries(Object.entries(e).filter(([x]) => !keys.includes(x))) : e,
    );
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = checkDraft(d, isNew, lang);
    setErrors(found);
    if (Object.keys(found).length) {
      setFormError(t('validate.fixAbove'));
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      if (child) await updateChild(child.id, toUpdate(d, child));
      else await addChild(toCreate(d, notice.version));
      onSaved();
    } catch (err) {
      setFormError(errorMessage(err));
      setBusy(false);
    }
  };

  const withdraw = async (kind: 'health' | 'photo' | 'publicity') => {
    const confirmKey =
      kind === 'health'
        ? 'child.withdrawHealthConfirm'
        : kind === 'photo'
          ? 'child.withdrawPhotoConfirm'
          : 'child.withdrawPublicityConfirm';
    if (!child || !window.confirm(t(confirmKey))) return;
    try {
      await withdrawConsent(child.id, kind);
      onChanged();
    } catch (err) {
      setFormError(errorMessage(err));
    }
  };

  const grantPublicity = async () => {
    if (!child) return;
    try {
      await grantConsent(child.id, 'publicity', notice.version);
      onChanged();
    } catch (err) {
      setFormError(errorMessage(err));
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className="card">
        <h2>{t('child.basic')}</h2>
        <Field label={t('child.name')} required error={errors.name}>
          {(id) => (
            <input
              id={id}
              className="input"
              maxLength={50}
              value={d.name}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <div className="field">
          <span className="label">{t('child.gender')}</span>
          <Choices
            name="gender"
            label={t('child.gender')}
            value={d.gender ?? undefined}
            options={[
              { value: 'M', label: t('child.male') },
              { value: 'F', label: t('child.female') },
            ]}
            onChange={(v) => set('gender', v)}
          />
        </div>
        <Field label={t('child.birthDate')} required error={errors.birthDate}>
          {(id) => (
            <input
              id={id}
              className="input"
              type="date"
              max={todayInChina()}
              value={d.birthDate}
              onChange={(e) => set('birthDate', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('child.school')}>
          {(id) => (
            <input
              id={id}
              className="input"
              maxLength={100}
              placeholder={t('child.schoolPlaceholder')}
              value={d.school}
              onChange={(e) => set('school', e.target.value)}
            />
          )}
        </Field>
        <div className="field">
          <span className="label req">{t('child.grade')}</span>
          <Choices
            name="grade"
            label={t('child.grade')}
            value={d.grade}
            options={GRADES.map((g) => ({ value: g, label: gradeLabel(g) }))}
            onChange={(v) => set('grade', v)}
          />
          {errors.grade ? <div className="field-error">{errors.grade}</div> : null}
        </div>
        {d.grade === 'K' ? (
          <div className="field">
            <Notice kind="info">{t('child.selfCareInfo')}</Notice>
            <Check checked={d.selfCare} onChange={(v) => set('selfCare', v)} testId="self-care">
              {t('child.selfCare')}
            </Check>
            {errors.selfCare ? <div className="field-error">{errors.selfCare}</div> : null}
          </div>
        ) : null}
        <Field
          label={t('child.idNumber')}
          error={errors.idNumber}
          hint={child?.idNumberMasked ? t('child.idStored', { masked: child.idNumberMasked }) : t('child.idHint')}
        >
          {(id) => (
            <input
              id={id}
              className="input mono"
              maxLength={30}
              autoCapitalize="characters"
              placeholder={child?.idNumberMasked ? t('child.idKeep') : t('common.optional')}
              value={d.idNumber}
              disabled={d.removeId}
              onChange={(e) => set('idNumber', e.target.value)}
            />
          )}
        </Field>
        {child?.idNumberMasked ? (
          <Check checked={d.removeId} onChange={(v) => set('removeId', v)}>
            {t('child.idRemove')}
          </Check>
        ) : null}
      </div>

      <div className="card">
        <h2>
          {t('child.health')}
          {child ? (
            <Tag tone={child.consents.health ? 'green' : 'grey'}>
              {t(child.consents.health ? 'child.consented' : 'child.notConsented')}
            </Tag>
          ) : null}
        </h2>
        {isNew ? (
          <Check checked={d.healthConsent} onChange={(v) => set('healthConsent', v)} testId="health-consent">
            {t('child.healthConsent')}
          </Check>
        ) : null}
        {d.healthConsent ? (
          <>
            <Field label={t('child.allergies')}>
              {(id) => (
                <textarea
                  id={id}
                  className="textarea"
                  maxLength={500}
                  placeholder={t('child.allergiesPlaceholder')}
                  value={d.allergies}
                  onChange={(e) => set('allergies', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('child.healthNotes')}>
              {(id) => (
                <textarea
                  id={id}
                  className="textarea"
                  maxLength={1000}
                  placeholder={t('child.healthNotesPlaceholder')}
                  value={d.healthNotes}
                  onChange={(e) => set('healthNotes', e.target.value)}
                />
              )}
            </Field>
            {child ? (
              <Button small kind="danger" onClick={() => void withdraw('health')}>
                {t('child.withdrawHealth')}
              </Button>
            ) : null}
          </>
        ) : (
          <p className="muted">{t(isNew ? 'child.healthOff' : 'child.healthOffEdit')}</p>
        )}
        <div style={{ marginTop: 12 }}>
          {isNew ? (
            <Check checked={d.photoConsent} onChange={(v) => set('photoConsent', v)}>
              {t('child.photoConsent')}
            </Check>
          ) : (
            <div className="row">
              <span className="small">
                {t('child.photo')}：{t(child?.consents.photo ? 'child.consented' : 'child.notConsented')}
              </span>
              {child?.consents.photo ? (
                <Button small kind="danger" onClick={() => void withdraw('photo')}>
                  {t('child.withdraw')}
                </Button>
              ) : null}
            </div>
          )}
        </div>
        {child ? (
          <div style={{ marginTop: 12 }}>
            <div className="row">
              <span className="small">
                {t('child.publicity')}：{t(child.consents.publicity ? 'child.consented' : 'child.notConsented')}
              </span>
              {child.consents.publicity ? (
                <Button small kind="danger" onClick={() => void withdraw('publicity')}>
                  {t('child.withdraw')}
                </Button>
              ) : (
                <Button small onClick={() => void grantPublicity()}>
                  {t('child.grantPublicity')}
                </Button>
              )}
            </div>
            <p className="muted small">{t('child.publicityHelp')}</p>
          </div>
        ) : null}
      </div>

      <div className="card">
        <h2>{t('child.contacts')}</h2>
        {child && !d.replaceContacts ? (
          <>
            {child.emergencyContacts.length === 0 ? <p className="muted">{t('child.noContacts')}</p> : null}
            {child.emergencyContacts.map((c) => (
              <div className="row small" key={`${c.name}-${c.phoneMasked}`}>
                <span>
                  {c.name}
                  {c.relation ? `（${c.relation}）` : ''}
                </span>
                <span className="muted">{c.phoneMasked}</span>
              </div>
            ))}
            <div className="actions inline">
              <Button
                small
                onClick={() => setD((x) => ({ ...x, replaceContacts: true, contacts: emptyDraft().contacts }))}
              >
                {t('child.replaceContacts')}
              </Button>
            </div>
          </>
        ) : (
          <>
            <p className="muted">{t('child.contactsHint')}</p>
            <ContactsEditor
              rows={d.contacts}
              errors={errors.contactRows ?? {}}
              onChange={(rows) => set('contacts', rows)}
            />
            {errors.contacts ? <div className="field-error">{errors.contacts}</div> : null}
          </>
        )}
      </div>

      <div className="card">
        <h2>{t('child.pickup')}</h2>
        {child ? (
          <>
            {child.pickupAdults.length === 0 ? <p className="muted">{t('child.noPickup')}</p> : null}
            {child.pickupAdults.map((a) => (
              <div className="row small" key={a.id}>
                <span>
                  {a.name}（{a.relation}）<span className="muted">{a.phoneMasked}</span>
                </span>
                <Tag tone={a.allowed ? 'green' : 'red'}>{t(a.allowed ? 'child.allowed' : 'child.denied')}</Tag>
              </div>
            ))}
            <p className="hint">{t('child.pickupEditHint')}</p>
          </>
        ) : (
          <>
            <p className="muted">{t('child.pickupHint')}</p>
            <PickupEditor
              rows={d.pickup}
              allowed
              errors={errors.pickupRows ?? {}}
              onChange={(rows) => set('pickup', rows)}
            />
            {errors.pickup ? <div className="field-error">{errors.pickup}</div> : null}
            <h2 style={{ marginTop: 16 }}>{t('child.deniedTitle')}</h2>
            <p className="muted">{t('child.deniedHint')}</p>
            <PickupEditor
              rows={d.pickup}
              allowed={false}
              errors={errors.pickupRows ?? {}}
              onChange={(rows) => set('pickup', rows)}
            />
          </>
        )}
      </div>

      {isNew ? (
        <div className="card">
          <Check checked={d.privacyAgreed} onChange={(v) => set('privacyAgreed', v)} testId="child-privacy">
            {t('child.privacy', { title: notice.title })}
          </Check>
          <Link to="/privacy" className="small">
            {t('child.readPrivacy')}
          </Link>
          {errors.privacy ? <div className="field-error">{errors.privacy}</div> : null}
        </div>
      ) : null}

      {formError ? <Notice kind="error">{formError}</Notice> : null}
      <Button type="submit" kind="primary" block loading={busy}>
        {t(isNew ? 'child.save' : 'child.saveChanges')}
      </Button>
    </form>
  );
}

export default function ChildFormPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const { id } = useParams();
  const childId = id && id !== 'new' ? Number(id) : null;
  const loaded = useLoad(`child:${childId ?? 'new'}`, async () => {
    const [notice, family] = await Promise.all([getPrivacyNotice(), childId ? getFamily() : Promise.resolve(null)]);
    return { notice, child: family?.children.find((c) => c.id === childId) ?? null };
  });
  const title = childId ? t('child.editTitle') : t('child.newTitle');
  const saved = () => navigate('/', { replace: true, state: { flash: t(childId ? 'child.updated' : 'child.added') } });

  return (
    <Screen title={title} back="/">
      {loaded.loading ? <Loading /> : null}
      {loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : null}
      {loaded.data && childId && !loaded.data.child ? (
        <div className="card">
          <Empty text={t('child.notFound')} />
        </div>
      ) : null}
      {loaded.data && (!childId || loaded.data.child) ? (
        <Form
          key={`${loaded.data.child?.id}-${loaded.data.child?.version}`}
          child={loaded.data.child}
          notice={loaded.data.notice}
          onSaved={saved}
          onChanged={loaded.reload}
        />
      ) : null}
    </Screen>
  );
}
