/** 中文 / English switch; the choice is remembered in this browser. */
import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const qc = useQueryClient();
  const en = i18n.language === 'en';
  return (
    <Button
      type="text"
      size="small"
      icon={<GlobalOutlined />}
      onClick={() => {
        setLanguage(en ? 'zh' : 'en');
        // Cached answers may hold server-translated text; fetch them again in the new language.
        void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      }}
      aria-label={en ? '切换到中文' : 'Switch to English'}
    >
      {en ? '中文' : 'English'}
    </Button>
  );
}
