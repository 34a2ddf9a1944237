/**
 * The narrative: one plain textarea per heading of the report type (text pasted from Word is cleaned by the server
 * on save and comes back cleaned), and the same text read back as paragraphs and lists (blank line = new paragraph,
 * lines starting "- " or "1." are list items — the convention the .docx writer follows too).
 */
import { Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportDetail } from '../api';

export type Section = ReportDetail['sections'][number];

/** One section per heading, in the type's order, with the text saved under it (and any saved under an old heading). */
export function sectionsFor(headings: string[], saved: Section[]): Section[] {
  const byHeading = new Map(saved.map((s) => [s.heading, s.text]));
  const out = headings.map((heading) => ({ heading, text: byHeading.get(heading) ?? '' }));
  for (const s of saved) if (!headings.includes(s.heading)) out.push(s);
  return out;
}

export function SectionsEditor({ sections, onChange }: { sections: Section[]; onChange: (s: Section[]) => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="report-sections">
      {sections.map((s, i) => (
        <div key={s.heading} style={{ marginBottom: 16 }}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            <label htmlFor={`section-${i}`}>{s.heading}</label>
          </Typography.Title>
          <Input.TextArea
            id={`section-${i}`}
            value={s.text}
            autoSize={{ minRows: 3, maxRows: 16 }}
            maxLength={20_000}
            placeholder={t('reports.editor.sectionPlaceholder', { heading: s.heading })}
            onChange={(e) => onChange(sections.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
            data-testid="section-text"
          />
        </div>
      ))}
    </div>
  );
}

/** Blocks carry their place as key: paragraphs have no other identity. */
type Block = { key: string } & (
  | { kind: 'p'; text: string }
  | { kind: 'ul' | 'ol'; items: { key: string; text: string }[] }
);

/** Lines of one paragraph: run together after Chinese text, with a space after Latin text. */
const joinLines = (ls: string[]) =>
  ls.reduce((acc, l) => (acc === '' ? l : /[\u3000-\u9fff\uff00-\uffef]$/.test(acc) ? acc + l : `${acc} ${l}`), '');

/** Paragraphs and lists of a section's text. */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    let para: string[] = [];
    const flush = () => {
      if (para.length) blocks.push({ key: `b${blocks.length}`, kind: 'p', text: joinLines(para) });
      para = [];
    };
    for (const line of lines) {
      const bullet = /^[-•·]\s+(.*)$/.exec(line);
      const numbered = /^\d+[.、．)]\s*(.*)$/.exec(line);
      const kind = bullet ? 'ul' : numbered ? 'ol' : null;
      const item = bullet?.[1] ?? numbered?.[1];
      if (kind && item !== undefined) {
        flush();
        const last = blocks.at(-1);
        if (last && last.kind === kind) last.items.push({ key: `i${last.items.length}`, text: item });
        else blocks.push({ key: `b${blocks.length}`, kind, items: [{ key: 'i0', text: item }] });
      } else para.push(line);
    }
    flush();
  }
  return blocks;
}

/** A section's text as paragraphs and lists; `plain` leaves the styling to the page (the printable view's CSS). */
export function Blocks({ text, plain }: { text: string; plain?: boolean }) {
  const gap = plain ? undefined : { margin: '0 0 8px' };
  return (
    <>
      {blocksOf(text).map((b) => {
        if (b.kind === 'p')
          return (
            <p key={b.key} style={plain ? undefined : { ...gap, textIndent: '2em' }}>
              {b.text}
            </p>
          );
        const items = b.items.map((x) => <li key={x.key}>{x.text}</li>);
        return b.kind === 'ul' ? (
          <ul key={b.key} style={gap}>
            {items}
          </ul>
        ) : (
          <ol key={b.key} style={gap}>
            {items}
          </ol>
        );
      })}
    </>
  );
}

export function SectionText({ text }: { text: string }) {
  const { t } = useTranslation();
  if (!text.trim()) return <Typography.Text type="secondary">{t('reports.editor.emptySection')}</Typography.Text>;
  return <Blocks text={text} />;
}

export function SectionsView({ sections }: { sections: Section[] }) {
  return (
    <div data-testid="report-sections-view">
      {sections.map((s) => (
        <div key={s.heading} style={{ marginBottom: 16 }}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {s.heading}
          </Typography.Title>
          <SectionText text={s.text} />
        </div>
      ))}
    </div>
  );
}
