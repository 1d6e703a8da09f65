import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../app/i18n.ts';
import '../app/app.css';
import { en } from './i18n.en.ts';
import { zh } from './i18n.zh.ts';
import { PortalApp } from './PortalApp.tsx';
import './portal.css';

// The customer portal (docs/portal.md): an entry of its own in the same build (web/portal.html), sharing the app's
// API client, texts of errors and components, but none of the staff app's pages.
initI18n([{ key: 'portal', i18n: { zh, en }, menu: [], routes: [] }]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PortalApp />
  </StrictMode>,
);
