import { inventoryItem, inventoryQuery, pageOf, product, productQuery } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import * as service from './service.ts';

const tags = ['base data'];

/** docs/product.md#product-and-inventory-lookup, Base data: product and inventory lookup in the sales system. */
export const catalogRoutes =
  ({ sales }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/products',
      {
        config: { access: 'product.read' },
        schema: { tags, querystring: productQuery, response: { 200: pageOf(product) } },
      },
      async (request) => service.findProducts(sales, request.query),
    );
    app.get(
      '/inventory',
      {
        config: { access: 'inventory.read' },
        schema: { tags, querystring: inventoryQuery, response: { 200: pageOf(inventoryItem) } },
      },
      async (request) => service.findInventory(sales, request.query),
    );
  };
