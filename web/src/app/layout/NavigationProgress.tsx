import { useTranslation } from 'react-i18next';
import { useNavigation } from 'react-router';

/**
 * A thin bar across the top while the router opens another page (its code loads before the address changes, see
 * `routing.tsx`): the page the user came from stays up, and the bar says the click was taken.
 */
export function NavigationProgress() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  if (navigation.state === 'idle') return null;
  return (
    <div className="app-progress" role="progressbar" aria-label={t('navigating')}>
      <div className="app-progress-bar" />
    </div>
  );
}
