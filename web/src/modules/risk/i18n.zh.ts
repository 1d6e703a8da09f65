/** 流失风险 (docs/churn-risk.md). */
export const zh = {
  menu: { atRisk: '流失风险' },
  level: { low: '低风险', medium: '中风险', high: '高风险' },
  badge: { score: '风险分 {{score}}', noReasons: '订货节奏正常', label: '流失风险：{{level}}，{{score}} 分' },
  list: {
    title: '流失风险',
    intro: '按每个客户自己的订货节奏评分（0–100），在 6 个月流失预警之前提醒。未选级别时列出中、高风险客户。',
    customer: '客户名称',
    number: '客户编号',
    manager: '客户经理',
    score: '风险分',
    level: '风险级别',
    reasons: '原因',
    allLevels: '中、高风险',
    allManagers: '全部客户经理',
    inPool: '公海',
    open: '查看',
  },
};
