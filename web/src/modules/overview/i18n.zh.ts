/** 客户概览 (docs/overview.md). */
export const zh = {
  tab: '概览',
  sales: {
    title: '销售数据',
    lastOrderDate: '最近下单',
    neverOrdered: '从未下单',
    orderCount: '订单数',
    totalAmount: '累计金额（元）',
    thisYear: '今年金额（元）',
    lastYear: '去年金额（元）',
    chart: '各年订单金额',
    amount: '金额（元）',
    noOrders: '还没有计入的订单',
  },
  risk: { title: '流失风险', none: '尚未评分（下次刷新销售数据时计算）' },
  open: {
    title: '待办事项',
    churnWarning: '流失预警（{{status}}）',
    noChurnWarning: '没有未结的流失预警',
    services: '未归档的服务：{{count}} 个',
    origin: '来源销售机会 #{{id}}',
    nothing: '没有待办事项',
  },
  counts: {
    title: '跟进',
    contacts: '联系人',
    activities: '交往记录',
    lastFollowUp: '最近跟进',
    never: '尚无跟进',
  },
};
