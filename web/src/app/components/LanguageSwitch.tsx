import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_LABELS, LANGUAGES, setLanguage, useLanguage, type Language } from '../i18n.ts';

/** 中文 / English, remembered in the browser. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('language')}
      value={lang}
      onChange={setLanguage}
      options={LANGUAGES.map((value) => ({ value, label: <span lang={value}>{LANGUAGE_LABELS[value]}</span> }))}
    />
  );
}
