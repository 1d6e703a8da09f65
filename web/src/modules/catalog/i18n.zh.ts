/** 基础数据 › 查询产品 / 查询库存 (docs/product.md#product-and-inventory-lookup). */
export const zh = {
  menu: { products: '查询产品', inventory: '查询库存' },
  products: {
    title: '查询产品',
    name: '名称',
    model: '型号',
    batch: '等级/批次',
    unit: '单位',
    price: '单价(元)',
    memo: '备注',
  },
  inventory: {
    title: '查询库存',
    product: '产品',
    warehouse: '仓库',
    location: '货位',
    quantity: '件数',
    memo: '备注',
    productHint: '名称、型号或批次',
  },
  source: '数据来自销售系统',
} as const;
