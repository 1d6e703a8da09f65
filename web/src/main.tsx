import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { loadFirstPage } from './app/first-page.ts';
import { initI18n } from './app/i18n.ts';
import { prefetchSession } from './app/session.tsx';
import './app/app.css';

// The session is asked for at once, beside the texts and the code; signed in, the page opened by its address gets its
// code and first data at once too (first-page.ts, issue 23).
void prefetchSession().then((user) => user && loadFirstPage(user, window.location));
// The current language's common texts first (a chunk of their own), then the first render: no key shows untranslated.
// The modules' texts come with the signed-in shell (router.tsx), never on the sign-in page.
void initI18n().finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
