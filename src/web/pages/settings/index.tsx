/** 系统设置 (city administrator): platform-wide switches. Each change is audited by the server. */
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, InputNumber, List, Select, Skeleton, Switch } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNarrow } from '../../app/components/useNarrow';
import { errorMessage } from '../../app/api/client';
import { ME_KEY, useCurrentUser } from '../../app/auth/session';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { fetchSettings, OFFICIAL_ROBOT_HOSTS, type Settings, updateSettings } from './api';
import { SettingRow } from './components/SettingRow';

export default function SettingsPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const me = useCurrentUser();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: fetchSettings });
  const save = useMutation({
    mutationFn: (patch: Partial<Settings>) => updateSettings(patch),
    onSuccess: (s) => {
      qc.setQueryData(['settings'], s);
      // Requiring TOTP may apply to me at once: the guard then sends me to enrolment.
      void qc.invalidateQueries({ queryKey: ME_KEY });
      void message.success(t('common.saved'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const toggleTotp = (on: boolean) => {
    if (on && !me.user.totpEnabled) {
      modal.confirm({
        title: t('settings.requireTotpConfirmTitle'),
        content: t('settings.requireTotpConfirmText'),
        okText: t('settings.requireTotpConfirmOk'),
        onOk: () => save.mutateAsync({ requireTotpForAdmins: true }),
      });
    } else save.mutate({ requireTotpForAdmins: on });
  };

  // Saved when the field is left (or Enter), not on every keystroke; an out-of-range number is refused there too.
  const sentRetention = useRef<number | null>(null);
  const saveRetention = (raw: string) => {
    const years = Number(raw);
    const current = sentRetention.current ?? settings.data?.privacyRetentionYears;
    if (!Number.isInteger(years) || years < 1 || years > 30 || years === current) return;
    sentRetention.current = years;
    save.mutate({ privacyRetentionYears: years }, { onError: () => (sentRetention.current = null) });
  };

  return (
    <PageContainer title={t('menu.settings')} subTitle={narrow ? undefined : t('settings.subtitle')}>
      <Card>
        {settings.isPending ? (
          <Skeleton active />
        ) : settings.error ? (
          <ApiErrorResult error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <List itemLayout="horizontal">
            <SettingRow
              title={t('settings.requireTotp')}
              description={t('settings.requireTotpHint')}
              control={
                <Switch
                  checked={settings.data.requireTotpForAdmins}
                  loading={save.isPending}
                  disabled={!me.abilities.manageSettings}
                  onChange={toggleTotp}
                  aria-label={t('settings.requireTotp')}
                  data-testid="setting-require-totp"
                />
              }
            />
            <SettingRow
              title={t('settings.webhookHosts')}
              description={t('settings.webhookHostsHint', { official: OFFICIAL_ROBOT_HOSTS.join('、') })}
              control={
                <Select
                  mode="tags"
                  style={{ minWidth: narrow ? 200 : 320 }}
                  value={settings.data.webhookHosts}
                  disabled={!me.abilities.manageSettings || save.isPending}
                  placeholder={t('settings.webhookHostsPlaceholder')}
                  tokenSeparators={[',', ' ', '，']}
                  open={false}
                  onChange={(hosts: string[]) => save.mutate({ webhookHosts: hosts })}
                  aria-label={t('settings.webhookHosts')}
                  data-testid="setting-webhook-hosts"
                />
              }
            />
            <SettingRow
              title={t('settings.privacyRetention')}
              description={t('settings.privacyRetentionHint')}
              control={
                <InputNumber
                  key={settings.data.privacyRetentionYears}
                  min={1}
                  max={30}
                  precision={0}
                  defaultValue={settings.data.privacyRetentionYears}
                  addonAfter={t('settings.years')}
                  disabled={!me.abilities.manageSettings || save.isPending}
                  onBlur={(e) => saveRetention(e.target.value)}
                  onPressEnter={(e) => saveRetention((e.target as HTMLInputElement).value)}
                  aria-label={t('settings.privacyRetention')}
                  data-testid="setting-privacy-retention"
                />
              }
            />
          </List>
        )}
      </Card>
    </PageContainer>
  );
}
