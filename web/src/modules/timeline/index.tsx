import { texts, type WebModule } from '../../app/module.ts';

/** A customer's timeline (docs/timeline.md): a tab of the customer's page, no page of its own. */
export const timelineModule: WebModule = {
  key: 'timeline',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [],
  routes: [],
};
export { TimelineTab } from './TimelineTab.tsx';
