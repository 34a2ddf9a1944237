/** The child form's state, its checks (in the UI language) and what it sends to the API. */
import type { Child, ChildInput, ChildUpdate, Grade } from '../../api/types';
import { type Lang, translate } from '../../i18n';
import { idNumberProblem, normalizePhone } from '../../validate';
import { type ContactDraft, newKey, type PickupDraft, type RowErrors } from './PeopleEditors';

export interface ChildDraft {
  name: string;
  gender: 'M' | 'F' | null;
  birthDate: string;
  school: string;
  grade: Grade | null;
  selfCare: boolean;
  idNumber: string;
  removeId: boolean;
  healthConsent: boolean;
  allergies: string;
  healthNotes: string;
  photoConsent: boolean;
  contacts: ContactDraft[];
  /** Edit mode: replace the stored contacts (their phones are only shown masked) with the ones typed. */
  replaceContacts: boolean;
  pickup: PickupDraft[];
  privacyAgreed: boolean;
}

export type DraftErrors = Partial<
  Record<'name' | 'birthDate' | 'grade' | 'selfCare' | 'idNumber' | 'contacts' | 'pickup' | 'privacy', string>
> & {
  contactRows?: RowErrors;
  pickupRows?: RowErrors;
};

export function emptyDraft(): ChildDraft {
  return {
    name: '',
    gender: null,
    birthDate: '',
    school: '',
    grade: null,
    selfCare: false,
    idNumber: '',
    removeId: false,
    healthConsent: false,
    allergies: '',
    healthNotes: '',
    photoConsent: false,
    contacts: [{ key: newKey(), name: '', relation: '', phone: '' }],
    replaceContacts: true,
    pickup: [{ key: newKey(), name: '', relation: '', phone: '', allowed: true }],
    privacyAgreed: false,
  };
}

export function draftOf(c: Child): ChildDraft {
  return {
    ...emptyDraft(),
    name: c.name,
    gender: c.gender,
    birthDate: c.birthDate,
    school: c.school ?? '',
    grade: c.grade,
    selfCare: c.selfCare === true,
    healthConsent: c.consents.health,
    allergies: c.allergies ?? '',
    healthNotes: c.healthNotes ?? '',
    photoConsent: c.consents.photo,
    contacts: [],
    replaceContacts: false,
    pickup: [],
    privacyAgreed: true,
  };
}

export function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function checkPeople(rows: ContactDraft[], phoneRequired: boolean, relationRequired: boolean): RowErrors {
  const out: RowErrors = {};
  for (const r of rows) {
    const e: RowErrors[number] = {};
    if (!r.name.trim()) e.name = translate('validate.required');
    if (relationRequired && !r.relation.trim()) e.relation = translate('validate.required');
    if ((phoneRequired || r.phone.trim()) && !normalizePhone(r.phone)) e.phone = translate('validate.phone');
    if (Object.keys(e).length) out[r.key] = e;
  }
  return out;
}

export function checkDraft(d: ChildDraft, isNew: boolean, lang: Lang): DraftErrors {
  const e: DraftErrors = {};
  if (!d.name.trim()) e.name = translate('validate.required');
  if (!d.birthDate) e.birthDate = translate('validate.required');
  else if (d.birthDate > todayInChina()) e.birthDate = translate('validate.birthFuture');
  if (!d.grade) e.grade = translate('validate.grade');
  if (d.grade === 'K' && !d.selfCare) e.selfCare = translate('validate.selfCare');
  const idProblem = d.removeId ? null : idNumberProblem(d.idNumber, d.birthDate || null, lang);
  if (idProblem) e.idNumber = idProblem;
  if (d.replaceContacts) {
    if (d.contacts.length === 0) e.contacts = translate('validate.contactRequired');
    const rows = checkPeople(d.contacts, true, false);
    if (Object.keys(rows).length) e.contactRows = rows;
  }
  if (isNew) {
    if (!d.pickup.some((p) => p.allowed)) e.pickup = translate('validate.pickupRequired');
    const rows = checkPeople(d.pickup, false, true);
    if (Object.keys(rows).length) e.pickupRows = rows;
    if (!d.privacyAgreed) e.privacy = translate('validate.consent');
  }
  return e;
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);
const contactsOf = (d: ChildDraft) =>
  d.contacts.map((c) => ({
    name: c.name.trim(),
    phone: normalizePhone(c.phone) ?? c.phone,
    ...(c.relation.trim() ? { relation: c.relation.trim() } : {}),
  }));

export function toCreate(d: ChildDraft, noticeVersion: string): ChildInput {
  return {
    name: d.name.trim(),
    gender: d.gender,
    birthDate: d.birthDate,
    school: orNull(d.school),
    grade: d.grade ?? '1',
    selfCare: d.grade === 'K' ? d.selfCare : null,
    allergies: d.healthConsent ? orNull(d.allergies) : null,
    healthNotes: d.healthConsent ? orNull(d.healthNotes) : null,
    idNumber: orNull(d.idNumber),
    emergencyContacts: contactsOf(d),
    pickupAdults: d.pickup.map((p) => ({
      name: p.name.trim(),
      relation: p.relation.trim(),
      allowed: p.allowed,
      ...(normalizePhone(p.phone) ? { phone: normalizePhone(p.phone) ?? undefined } : {}),
    })),
    consents: { privacyNoticeVersion: noticeVersion, health: d.healthConsent, photo: d.photoConsent },
  };
}

export function toUpdate(d: ChildDraft, c: Child): ChildUpdate {
  return {
    version: c.version,
    name: d.name.trim(),
    gender: d.gender,
    birthDate: d.birthDate,
    school: orNull(d.school),
    grade: d.grade ?? c.grade,
    selfCare: d.grade === 'K' ? d.selfCare : null,
    // Health fields only travel while their consent stands.
    ...(c.consents.health ? { allergies: orNull(d.allergies), healthNotes: orNull(d.healthNotes) } : {}),
    ...(d.removeId ? { idNumber: null } : d.idNumber.trim() ? { idNumber: d.idNumber.trim() } : {}),
    ...(d.replaceContacts ? { emergencyContacts: contactsOf(d) } : {}),
  };
}
