import type { Translation } from '../../app/module.ts';
import type { zh } from './i18n.zh.ts';

export const en: Translation<typeof zh> = {
  menu: { products: 'Products', inventory: 'Inventory' },
  products: {
    title: 'Product lookup',
    name: 'Name',
    model: 'Model',
    batch: 'Grade / batch',
    unit: 'Unit',
    price: 'Unit price (yuan)',
    memo: 'Note',
  },
  inventory: {
    title: 'Inventory lookup',
    product: 'Product',
    warehouse: 'Warehouse',
    location: 'Location',
    quantity: 'Quantity',
    memo: 'Note',
    productHint: 'Name, model or batch',
  },
  source: 'From the sales system',
};
