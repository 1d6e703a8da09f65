import { Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_LABELS, LANGUAGES, setLanguage, useLanguage, type Language } from '../i18n.ts';

/**
 * 中文 / English, remembered in the browser. The first switch to a language loads its texts: the switch shows the
 * chosen language at once and is busy (`aria-busy`) until the page turns.
 */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [pending, setPending] = useState<Language>();
  const choose = (next: Language) => {
    setPending(next);
    void setLanguage(next).finally(() => setPending(undefined));
  };
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('language')}
      aria-busy={pending !== undefined}
      value={pending ?? lang}
      onChange={choose}
      options={LANGUAGES.map((value) => ({ value, label: <span lang={value}>{LANGUAGE_LABELS[value]}</span> }))}
    />
  );
}
