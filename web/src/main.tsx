import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { initI18n } from './app/i18n.ts';
import { modules } from './app/modules.ts';
import { prefetchSession } from './app/session.tsx';
import './app/app.css';

initI18n(modules);
prefetchSession();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
