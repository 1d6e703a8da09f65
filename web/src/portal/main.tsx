import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../app/i18n.ts';
import '../app/app.css';
import { texts } from '../app/module.ts';
import { PortalApp } from './PortalApp.tsx';
import './portal.css';

// The customer portal (docs/portal.md): an entry of its own in the same build (web/portal.html), sharing the app's
// API client, texts of errors and components, but none of the staff app's pages.
// Its texts and the common ones in the current language before the first render; the other language on a switch.
const portalTexts = texts(
  () => import('./i18n.zh.ts'),
  () => import('./i18n.en.ts'),
);
void initI18n([{ key: 'portal', i18n: portalTexts, menu: [], routes: [] }]).finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <PortalApp />
    </StrictMode>,
  ),
);
