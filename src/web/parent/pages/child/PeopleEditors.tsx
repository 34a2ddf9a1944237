/** Repeating rows of the child form: emergency contacts, and adults allowed / not allowed to pick the child up. */
import { useT } from '../../i18n';
import { Button, Field } from '../../ui/controls';

export interface ContactDraft {
  key: number;
  name: string;
  relation: string;
  phone: string;
}
export interface PickupDraft extends ContactDraft {
  allowed: boolean;
}
export type RowErrors = Record<number, Partial<Record<'name' | 'relation' | 'phone', string>>>;

let seq = 0;
export const newKey = () => ++seq;

function PersonRow<T extends ContactDraft>({
  row,
  title,
  errors,
  phoneRequired,
  onChange,
  onRemove,
  relationRequired,
}: {
  row: T;
  title: string;
  errors: RowErrors[number] | undefined;
  phoneRequired: boolean;
  relationRequired: boolean;
  onChange(r: T): void;
  onRemove(): void;
}) {
  const { t } = useT();
  return (
    <div className="subform">
      <div className="row">
        <strong className="small">{title}</strong>
        <Button small kind="ghost" onClick={onRemove}>
          {t('common.remove')}
        </Button>
      </div>
      <div className="grid-2">
        <Field label={t('field.name')} required error={errors?.name}>
          {(id) => (
            <input
              id={id}
              className="input"
              maxLength={50}
              value={row.name}
              onChange={(e) => onChange({ ...row, name: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('field.relation')} required={relationRequired} error={errors?.relation}>
          {(id) => (
            <input
              id={id}
              className="input"
              maxLength={20}
              placeholder={t('field.relationPlaceholder')}
              value={row.relation}
              onChange={(e) => onChange({ ...row, relation: e.target.value })}
            />
          )}
        </Field>
      </div>
      <Field label={t('field.phone')} required={phoneRequired} error={errors?.phone}>
        {(id) => (
          <input
            id={id}
            className="input"
            type="tel"
            inputMode="numeric"
            value={row.phone}
            onChange={(e) => onChange({ ...row, phone: e.target.value })}
          />
        )}
      </Field>
    </div>
  );
}

export function ContactsEditor({
  rows,
  errors,
  onChange,
}: {
  rows: ContactDraft[];
  errors: RowErrors;
  onChange(rows: ContactDraft[]): void;
}) {
  const { t } = useT();
  return (
    <div data-testid="contacts-editor">
      {rows.map((r, i) => (
        <PersonRow
          key={r.key}
          row={r}
          title={t('child.contactN', { n: i + 1 })}
          errors={errors[r.key]}
          phoneRequired
          relationRequired={false}
          onChange={(next) => onChange(rows.map((x) => (x.key === r.key ? next : x)))}
          onRemove={() => onChange(rows.filter((x) => x.key !== r.key))}
        />
      ))}
      {rows.length < 5 ? (
        <Button small onClick={() => onChange([...rows, { key: newKey(), name: '', relation: '', phone: '' }])}>
          + {t('child.addContact')}
        </Button>
      ) : null}
    </div>
  );
}

export function PickupEditor({
  rows,
  allowed,
  errors,
  onChange,
}: {
  rows: PickupDraft[];
  /** Which list this editor shows: authorised adults, or adults who may not pick the child up. */
  allowed: boolean;
  errors: RowErrors;
  onChange(rows: PickupDraft[]): void;
}) {
  const { t } = useT();
  const mine = rows.filter((r) => r.allowed === allowed);
  return (
    <div data-testid={allowed ? 'pickup-allowed' : 'pickup-denied'}>
      {mine.map((r, i) => (
        <PersonRow
          key={r.key}
          row={r}
          title={t(allowed ? 'child.pickupN' : 'child.deniedN', { n: i + 1 })}
          errors={errors[r.key]}
          phoneRequired={false}
          relationRequired
          onChange={(next) => onChange(rows.map((x) => (x.key === r.key ? next : x)))}
          onRemove={() => onChange(rows.filter((x) => x.key !== r.key))}
        />
      ))}
      {rows.length < 10 ? (
        <Button
          small
          onClick={() => onChange([...rows, { key: newKey(), name: '', relation: '', phone: '', allowed }])}
        >
          + {t(allowed ? 'child.addPickup' : 'child.addDenied')}
        </Button>
      ) : null}
    </div>
  );
}
