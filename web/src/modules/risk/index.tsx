import { RiseOutlined } from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';

const AtRiskPage = lazyPage(() => import('./pages/AtRiskPage.tsx'), 'AtRiskPage');

/** 客户管理 › 流失风险 (docs/churn-risk.md): the customers at risk, beside the churn warnings. */
export const riskModule: WebModule = {
  key: 'risk',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [{ path: '/customers/at-risk', labelKey: 'menu.atRisk', icon: <RiseOutlined />, group: 'customers' }],
  routes: [pageRoute('/customers/at-risk', 'customer.read', AtRiskPage)],
};
export { RiskBadge, RiskLevelTag, RiskReasons } from './components/RiskBadge.tsx';
