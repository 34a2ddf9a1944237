/** The privacy notice (个人信息保护告知书) in full: title, version and every paragraph. */
import type { PrivacyNotice } from '../api/types';
import { useT } from '../i18n';

export function PrivacyText({ notice }: { notice: PrivacyNotice }) {
  const { t } = useT();
  return (
    <div className="notice-text" data-testid="privacy-notice">
      <h3>{notice.title}</h3>
      {notice.body.split('\n').map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of a fixed text
        <p key={i}>{p}</p>
      ))}
      <div className="muted">{t('privacy.version', { version: notice.version })}</div>
    </div>
  );
}
