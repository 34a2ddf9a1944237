/** 个人信息保护告知书: the published privacy notice in full (also reachable before signing in). */
import { getPrivacyNotice } from '../api/calls';
import { useT } from '../i18n';
import { PrivacyText } from '../ui/PrivacyText';
import { Screen } from '../ui/Screen';
import { LoadError, Loading } from '../ui/states';
import { useLoad } from '../ui/useLoad';

export default function PrivacyPage() {
  const { t } = useT();
  const notice = useLoad('privacy', getPrivacyNotice);
  return (
    <Screen title={t('privacy.title')} back>
      {notice.loading ? <Loading /> : null}
      {notice.error ? <LoadError error={notice.error} onRetry={notice.reload} /> : null}
      {notice.data ? (
        <div className="card">
          <PrivacyText notice={notice.data} />
        </div>
      ) : null}
    </Screen>
  );
}
