import { RiseOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';
import { en } from './i18n.en.ts';
import { zh } from './i18n.zh.ts';

const AtRiskPage = lazyPage(() => import('./pages/AtRiskPage.tsx'), 'AtRiskPage');

/** 客户管理 › 流失风险 (docs/churn-risk.md): the customers at risk, beside the churn warnings. */
export const riskModule: WebModule = {
  key: 'risk',
  i18n: { zh, en },
  menu: [{ path: '/customers/at-risk', labelKey: 'menu.atRisk', icon: <RiseOutlined />, group: 'customers' }],
  routes: [pageRoute('/customers/at-risk', 'customer.read', AtRiskPage)],
};
export { RiskBadge, RiskLevelTag, RiskReasons } from './components/RiskBadge.tsx';
