/** Texts of the assignment rules (namespace `assignment`), docs/assignment-rules.md. */
export const zh = {
  menu: { rules: '自动分配' },
  title: '自动分配规则',
  intro:
    '新建的服务按优先级（数字小的先）逐条匹配启用的规则，由第一条匹配且有可分配人员的规则分配；没有匹配的服务保持“新创建”，由主管手动分配。',
  create: '新建规则',
  edit: '编辑规则',
  field: {
    priority: '优先级',
    name: '规则名称',
    active: '启用',
    conditions: '条件',
    types: '服务类型',
    regions: '客户地区',
    levels: '客户等级',
    strategy: '分配方式',
    assignees: '分配给',
  },
  any: '不限',
  anyHint: '留空表示不限',
  strategy: {
    roundRobin: '轮流分配',
    leastOpen: '待处理最少者',
    customerManager: '客户的客户经理',
  },
  strategyHelp: {
    roundRobin: '按名单顺序轮流分配',
    leastOpen: '分配给当前“已分配”服务最少的人',
    customerManager: '分配给客户的负责经理；客户在公海时交给下一条规则',
  },
  problems: {
    assigneeInactive: '{{name}} 已不是在职客户经理，分配时跳过',
    noActiveAssignee: '名单中没有在职的客户经理，此规则不会分配',
  },
  inactive: '已停用',
  empty: '还没有规则',
};
