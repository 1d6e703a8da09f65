import { texts, type WebModule } from '../../app/module.ts';

/** A customer's overview (docs/overview.md): the first tab of the customer's page, no page of its own (the tab is imported by the customer page itself, so the chart library loads with that page). */
export const overviewModule: WebModule = {
  key: 'overview',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [],
  routes: [],
};
