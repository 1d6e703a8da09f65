import {
  AuditOutlined,
  ClockCircleOutlined,
  CustomerServiceOutlined,
  FileAddOutlined,
  SendOutlined,
  StarOutlined,
} from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';

const ServiceCreatePage = lazyPage(() => import('./pages/ServiceCreatePage.tsx'), 'ServiceCreatePage');
const ServiceAssignPage = lazyPage(() => import('./pages/ServiceAssignPage.tsx'), 'ServiceAssignPage');
const ServiceHandlePage = lazyPage(() => import('./pages/ServiceHandlePage.tsx'), 'ServiceHandlePage');
const ServiceFeedbackPage = lazyPage(() => import('./pages/ServiceFeedbackPage.tsx'), 'ServiceFeedbackPage');
const ServiceArchivePage = lazyPage(() => import('./pages/ServiceArchivePage.tsx'), 'ServiceArchivePage');
const ServiceSlaPage = lazyPage(() => import('./pages/ServiceSlaPage.tsx'), 'ServiceSlaPage');
const ServiceDetailPage = lazyPage(() => import('./pages/ServiceDetailPage.tsx'), 'ServiceDetailPage');

/**
 * 服务管理: the five steps of docs/product.md#customer-service, rules 1 to 5, each a page, plus a service's read-only
 * detail.
 */
export const servicesModule: WebModule = {
  key: 'services',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [
    { path: '/services/new', labelKey: 'menu.create', icon: <FileAddOutlined />, group: 'services' },
    { path: '/services/assign', labelKey: 'menu.assign', icon: <SendOutlined />, group: 'services' },
    { path: '/services/handle', labelKey: 'menu.handle', icon: <CustomerServiceOutlined />, group: 'services' },
    { path: '/services/feedback', labelKey: 'menu.feedback', icon: <StarOutlined />, group: 'services' },
    { path: '/services', labelKey: 'menu.archive', icon: <AuditOutlined />, group: 'services' },
    { path: '/services/sla', labelKey: 'menu.sla', icon: <ClockCircleOutlined />, group: 'services' },
  ],
  routes: [
    pageRoute('/services/new', 'service.create', ServiceCreatePage),
    pageRoute('/services/assign', 'service.assign', ServiceAssignPage),
    pageRoute('/services/handle', 'service.handle', ServiceHandlePage),
    pageRoute('/services/feedback', 'service.feedback', ServiceFeedbackPage),
    pageRoute('/services', 'service.read', ServiceArchivePage),
    pageRoute('/services/sla', 'service.rules', ServiceSlaPage),
    pageRoute('/services/:id', 'service.read', ServiceDetailPage),
  ],
};
