import type { FirstPage } from '../../app/routing.tsx';

/** The home page, 工作台: the signed-in user's work by permission (routing.tsx, FirstPage); everyone's. */
export const workbenchPage = {
  path: '/',
  page: async () => (await import('./pages/WorkbenchPage.tsx')).WorkbenchPage,
  prefetch: async () => (await import('./api.ts')).prefetchWorkbench(),
} satisfies FirstPage;

/** 客户贡献分析. */
export const contributionPage = {
  path: '/reports/contribution',
  permission: 'report.read',
  page: async () => (await import('./pages/ContributionPage.tsx')).ContributionPage,
  prefetch: async ({ search }) => (await import('./api.ts')).prefetchContribution(search),
} satisfies FirstPage;
