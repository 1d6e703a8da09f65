import { texts, type WebModule } from '../../app/module.ts';

/**
 * The staff side of the customer portal (docs/portal.md#accounts): portal access on a customer's contacts
 * (components/PortalAccess, placed by the customers module's contact list). The portal itself is a page of its own
 * (web/portal.html, web/src/portal/).
 */
export const portalModule: WebModule = {
  key: 'portal',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [],
  routes: [],
};
