import type { WebModule } from '../../app/module.ts';
import { en } from './i18n.en.ts';
import { zh } from './i18n.zh.ts';

/** A customer's timeline (docs/timeline.md): a tab of the customer's page, no page of its own. */
export const timelineModule: WebModule = { key: 'timeline', i18n: { zh, en }, menu: [], routes: [] };
export { TimelineTab } from './TimelineTab.tsx';
