import { inventoryItem, inventoryQuery, pageOf, product, productQuery } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import * as service from './service.ts';
import { documented } from '../../platform/openapi.ts';

const doc = documented('Catalog');

/** docs/product.md#product-and-inventory-lookup, Base data: product and inventory lookup in the sales system. */
export const catalogRoutes =
  ({ sales }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/products',
      doc(
        'product.read',
        'listProducts',
        'Find products in the sales system',
        { querystring: productQuery, response: { 200: pageOf(product) } },
        { errors: [503] },
      ),
      async (request) => service.findProducts(sales, request.query),
    );
    app.get(
      '/inventory',
      doc(
        'inventory.read',
        'listInventory',
        'Find inventory in the sales system',
        { querystring: inventoryQuery, response: { 200: pageOf(inventoryItem) } },
        { errors: [503] },
      ),
      async (request) => service.findInventory(sales, request.query),
    );
  };
