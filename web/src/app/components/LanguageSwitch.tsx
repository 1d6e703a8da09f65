import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_LABELS, LANGUAGES, setLanguage, useLanguage, type Language } from '../i18n.ts';

/**
 * 中文 / English, remembered in the browser. The first switch to a language loads its texts: the switch shows the
 * chosen language at once and is busy (`aria-busy`) until the page turns.
 *
 * A group of radio buttons drawn as antd's Segmented (app.css `.language-switch`): it is on the sign-in page, whose
 * JavaScript Segmented and the Tooltip it brings would grow by 9 KB gzipped (docs/PERFORMANCE.md). The arrow keys
 * move between the two, as in any radio group.
 */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const name = useId();
  const [pending, setPending] = useState<Language>();
  const choose = (next: Language) => {
    setPending(next);
    void setLanguage(next).finally(() => setPending(undefined));
  };
  const value = pending ?? lang;
  return (
    <div
      role="radiogroup"
      aria-label={t('language')}
      aria-busy={pending !== undefined}
      className={`language-switch language-switch-${size}`}
    >
      {LANGUAGES.map((option) => (
        <label key={option} className="language-switch-item">
          <input type="radio" name={name} value={option} checked={option === value} onChange={() => choose(option)} />
          <span lang={option}>{LANGUAGE_LABELS[option]}</span>
        </label>
      ))}
    </div>
  );
}
