/** Texts of the audit log module (namespace `audit`). */
export const zh = {
  menu: { auditLog: '操作日志' },
  title: '操作日志',
  at: '时间',
  user: '用户',
  action: '操作',
  entity: '对象',
  entityId: '编号',
  requestId: '请求编号',
  dates: '日期',
  before: '修改前',
  after: '修改后',
  system: '系统',
  allUsers: '全部用户',
  empty: '（无）',
};
