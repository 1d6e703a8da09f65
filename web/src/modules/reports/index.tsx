import {
  BarChartOutlined,
  FieldTimeOutlined,
  FundOutlined,
  PieChartOutlined,
  TableOutlined,
  TrophyOutlined,
  UserDeleteOutlined,
} from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { firstPageRoute, lazyPage, pageRoute } from '../../app/routing.tsx';
import { contributionPage, workbenchPage } from './first-pages.ts';

// Each page is its own chunk; ECharts loads with the first report page that shows a chart.
const CompositionPage = lazyPage(() => import('./pages/CompositionPage.tsx'), 'CompositionPage');
const ServiceReportPage = lazyPage(() => import('./pages/ServiceReportPage.tsx'), 'ServiceReportPage');
const ForecastPage = lazyPage(() => import('./pages/ForecastPage.tsx'), 'ForecastPage');
const WinLossPage = lazyPage(() => import('./pages/WinLossPage.tsx'), 'WinLossPage');
const SlaReportPage = lazyPage(() => import('./pages/SlaReportPage.tsx'), 'SlaReportPage');
const ChurnReportPage = lazyPage(() => import('./pages/ChurnReportPage.tsx'), 'ChurnReportPage');

/**
 * 统计报表 (docs/product.md#reports + docs/product.md#workbench). The home workbench (工作台) lives here too:
 * `pages/WorkbenchPage.tsx`, shown at `/`.
 */
export const reportsModule: WebModule = {
  key: 'reports',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [
    { path: '/reports/contribution', labelKey: 'menu.contribution', icon: <BarChartOutlined />, group: 'reports' },
    { path: '/reports/composition', labelKey: 'menu.composition', icon: <PieChartOutlined />, group: 'reports' },
    { path: '/reports/services', labelKey: 'menu.services', icon: <TableOutlined />, group: 'reports' },
    { path: '/reports/sla', labelKey: 'menu.sla', icon: <FieldTimeOutlined />, group: 'reports' },
    { path: '/reports/churn', labelKey: 'menu.churn', icon: <UserDeleteOutlined />, group: 'reports' },
    { path: '/reports/forecast', labelKey: 'menu.forecast', icon: <FundOutlined />, group: 'reports' },
    { path: '/reports/win-loss', labelKey: 'menu.winLoss', icon: <TrophyOutlined />, group: 'reports' },
  ],
  routes: [
    firstPageRoute(workbenchPage),
    firstPageRoute(contributionPage),
    pageRoute('/reports/composition', 'report.read', CompositionPage),
    pageRoute('/reports/services', 'report.read', ServiceReportPage),
    pageRoute('/reports/sla', 'report.read', SlaReportPage),
    pageRoute('/reports/churn', 'report.read', ChurnReportPage),
    pageRoute('/reports/forecast', 'report.read', ForecastPage),
    pageRoute('/reports/win-loss', 'report.read', WinLossPage),
  ],
};
