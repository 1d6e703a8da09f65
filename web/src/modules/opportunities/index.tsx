import { FundProjectionScreenOutlined, ProjectOutlined, ScheduleOutlined } from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';

const OpportunitiesPage = lazyPage(() => import('./pages/OpportunitiesPage.tsx'), 'OpportunitiesPage');
const DevelopmentPlansPage = lazyPage(() => import('./pages/OpportunitiesPage.tsx'), 'DevelopmentPlansPage');
const BoardPage = lazyPage(() => import('./pages/BoardPage.tsx'), 'BoardPage');
const OpportunityPage = lazyPage(() => import('./pages/OpportunityPage.tsx'), 'OpportunityPage');

/** 营销管理 › 销售机会管理 and 客户开发计划 (docs/product.md#opportunities + docs/product.md#development-plans). */
export const opportunitiesModule: WebModule = {
  key: 'opportunities',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [
    {
      path: '/opportunities',
      labelKey: 'menu.opportunities',
      icon: <FundProjectionScreenOutlined />,
      group: 'marketing',
    },
    { path: '/development-plans', labelKey: 'menu.plans', icon: <ScheduleOutlined />, group: 'marketing' },
    { path: '/opportunities/board', labelKey: 'menu.board', icon: <ProjectOutlined />, group: 'marketing' },
  ],
  routes: [
    pageRoute('/opportunities', 'opportunity.read', OpportunitiesPage),
    pageRoute('/opportunities/board', 'opportunity.read', BoardPage),
    pageRoute('/opportunities/:id', 'opportunity.read', OpportunityPage),
    pageRoute('/development-plans', 'opportunity.read', DevelopmentPlansPage),
  ],
};
