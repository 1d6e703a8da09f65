import { salesRefreshAnswer, salesStatus as salesStatusAnswer } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';
import { refreshSalesFigures, salesStatus } from './figures.ts';
import { documented } from '../platform/openapi.ts';

const doc = documented('Sales');

/** docs/product.md#the-sales-system, rules 6 and 7, Sales data. */
export const salesRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    // Any signed-in user may know how current the figures on their screens are.
    app.get(
      '/sales/status',
      doc('session', 'getSalesStatus', 'How current the copy of the sales figures is', {
        response: { 200: salesStatusAnswer },
      }),
      async () => salesStatus(deps),
    );
    app.post(
      '/sales/refresh',
      doc(
        'sales.refresh',
        'refreshSalesFigures',
        'Refresh the copy of the sales figures from the sales system',
        { response: { 200: salesRefreshAnswer } },
        { errors: [503] },
      ),
      async () => refreshSalesFigures(deps, 'full', app.clock()),
    );
  };
