/** Form controls and buttons sized for thumbs (44 px), with labels tied to their inputs for screen readers. */
import { type ButtonHTMLAttributes, type ReactNode, useId } from 'react';

type ButtonKind = 'primary' | 'default' | 'danger' | 'ghost';

export function Button({
  kind = 'default',
  block,
  small,
  loading,
  children,
  className,
  type = 'button',
  disabled,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  kind?: ButtonKind;
  block?: boolean;
  small?: boolean;
  loading?: boolean;
}) {
  const cls = ['btn', kind, block ? 'block' : '', small ? 'small' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type} className={cls} disabled={disabled || loading} aria-busy={loading || undefined} {...rest}>
      {loading ? <span className="spinner" aria-hidden /> : null}
      {children}
    </button>
  );
}

/** A labelled field: `children` receives the input's id so that the label points at it. */
export function Field({
  label,
  required,
  hint,
  error,
  children,
}: {
  label: string;
  required?: boolean;
  hint?: ReactNode;
  error?: string | null | undefined;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id} className={required ? 'req' : undefined}>
        {label}
      </label>
      {children(id)}
      {error ? <div className="field-error">{error}</div> : hint ? <div className="hint">{hint}</div> : null}
    </div>
  );
}

export function Check({
  checked,
  onChange,
  children,
  testId,
}: {
  checked: boolean;
  onChange(checked: boolean): void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <span>{children}</span>
    </label>
  );
}

/** Pill-shaped radio buttons for short choices (gender, grade, quick reasons). */
export function Choices<V extends string>({
  name,
  value,
  options,
  onChange,
  label,
}: {
  name: string;
  value: V | null | undefined;
  options: { value: V; label: string; disabled?: boolean }[];
  onChange(v: V): void;
  label: string;
}) {
  return (
    <div className="choices" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <label className="choice" key={o.value}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            disabled={o.disabled}
            onChange={() => onChange(o.value)}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}
