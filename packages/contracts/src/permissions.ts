/**
 * The fixed list of permissions the code checks (docs/product.md#access-control, rule 1), one per action of the whole
 * product, grouped by module. Roles are data: an administrator decides which role holds which of these.
 */
export const PERMISSION_GROUPS = {
  access: {
    'user.manage': 'Manage users: create, edit, disable, reset passwords, give roles',
    'role.manage': 'Manage roles and the permissions they hold',
    'audit.read': 'Read the audit log',
    'assignee.read': 'List the managers that work can be assigned to',
    'department.manage': 'Manage the department tree',
    'user.handover': 'Hand a leaving user\u2019s customers and open work over to a successor (inside one\u2019s scope)',
    'webhook.manage': 'Manage webhooks: the receivers told of events, their delivery log, redelivery and the test',
  },
  dictionary: {
    'dictionary.read': 'Read the data dictionary',
    'dictionary.manage': 'Add, edit and delete data dictionary entries',
  },
  marketing: {
    'opportunity.read': 'See sales opportunities (those inside one\u2019s data scope)',
    'opportunity.create': 'Create sales opportunities',
    'opportunity.edit': 'Edit or delete unassigned opportunities (directors any, managers their own)',
    'opportunity.assign': 'Assign opportunities to managers',
    'plan.manage': 'Plan and execute the development of assigned opportunities',
    'opportunity.close': 'Mark assigned opportunities as succeeded or failed',
    'opportunity.all': 'Act on every opportunity inside one\u2019s data scope, not only own ones',
  },
  customers: {
    'customer.read': 'See customers, their contacts and interaction records',
    'customer.create': 'Enter an existing customer directly',
    'customer.edit': 'Edit customers, contacts and interaction records (responsible manager)',
    'customer.all': 'Edit every customer, not only those one is responsible for; enter customers for any manager',
    'order.read': 'See customers\u2019 order history from the sales system',
    'customer.transfer': 'Transfer customers to another manager (inside one\u2019s scope)',
    'pool.claim': 'Claim customers from the customer pool (公海)',
    'pool.manage': 'Assign pool customers, see their phone numbers, set the pool\u2019s limits and run its return job',
    'customer.export': 'Export the customer list (inside one\u2019s data scope) as CSV or XLSX',
    'customer.import': 'Import customers (and a first contact each) from XLSX or CSV files, and revert such imports',
    'customer.merge': 'See duplicate customers and merge them (inside one\u2019s data scope)',
  },
  catalog: {
    'product.read': 'Look up products in the sales system',
    'inventory.read': 'Look up inventory in the sales system',
    'sales.refresh': 'Refresh the derived sales figures now',
  },
  churn: {
    'churn.read': 'See churn warnings (those inside one\u2019s data scope)',
    'churn.scan': 'Run the churn check now',
    'churn.act': 'Append delay measures and confirm losses (responsible manager)',
    'churn.all': 'Every churn warning inside one\u2019s data scope, not only one\u2019s own customers\u2019',
  },
  services: {
    'service.read': 'Search and read customer services',
    'service.create': 'Create customer services',
    'service.assign': 'Assign new services to managers',
    'service.handle': 'Handle services assigned to oneself',
    'service.feedback': 'Record the customer\u2019s feedback on handled services',
    'service.rules': 'Manage the assignment rules and the time limits of services',
  },
  reports: {
    'report.read': 'Read the reports and export them',
  },
} as const;

type Groups = typeof PERMISSION_GROUPS;
export type PermissionModule = keyof Groups;
export type Permission = { [M in PermissionModule]: keyof Groups[M] }[PermissionModule];

export const PERMISSIONS = Object.values(PERMISSION_GROUPS).flatMap((group) => Object.keys(group)) as Permission[];

export const permissionModule = (code: Permission): PermissionModule =>
  (Object.keys(PERMISSION_GROUPS) as PermissionModule[]).find((m) => code in PERMISSION_GROUPS[m])!;

export const permissionDescription = (code: Permission): string =>
  (PERMISSION_GROUPS[permissionModule(code)] as Record<string, string>)[code]!;

export const isPermission = (code: string): code is Permission => (PERMISSIONS as string[]).includes(code);

export const ROLE_CODES = ['admin', 'director', 'manager', 'executive'] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

/** The four roles created on first start, with the grants docs/product.md#roles, rule 2 describes. */
export const INITIAL_ROLES: Record<RoleCode, { name: string; description: string; permissions: Permission[] }> = {
  admin: {
    name: '系统管理员',
    description: 'Manages users, roles and permissions, and the data dictionary; keeps the system running',
    permissions: [
      'user.manage',
      'role.manage',
      'audit.read',
      'assignee.read',
      'department.manage',
      'user.handover',
      'pool.manage',
      'customer.export',
      'customer.import',
      'customer.merge',
      'dictionary.read',
      'dictionary.manage',
      'sales.refresh',
      'churn.scan',
      'webhook.manage',
      'service.rules',
    ],
  },
  director: {
    name: '销售主管',
    description: 'Creates and assigns sales opportunities, plans their development, assigns services, reads reports',
    permissions: [
      'assignee.read',
      'dictionary.read',
      'opportunity.read',
      'opportunity.create',
      'opportunity.edit',
      'opportunity.assign',
      'plan.manage',
      'opportunity.close',
      'opportunity.all',
      'customer.read',
      'customer.create',
      'customer.edit',
      'customer.all',
      'customer.transfer',
      'customer.export',
      'customer.import',
      'customer.merge',
      'pool.manage',
      'user.handover',
      'order.read',
      'product.read',
      'inventory.read',
      'sales.refresh',
      'churn.read',
      'churn.scan',
      'churn.all',
      'service.read',
      'service.assign',
      'service.rules',
      'report.read',
    ],
  },
  manager: {
    name: '客户经理',
    description: 'Looks after their customers, develops opportunities, handles services, acts on churn warnings',
    permissions: [
      'assignee.read',
      'dictionary.read',
      'opportunity.read',
      'opportunity.create',
      'opportunity.edit',
      'plan.manage',
      'opportunity.close',
      'customer.read',
      'customer.create',
      'customer.edit',
      'pool.claim',
      'order.read',
      'product.read',
      'inventory.read',
      'churn.read',
      'churn.act',
      'service.read',
      'service.create',
      'service.handle',
      'service.feedback',
    ],
  },
  executive: {
    name: '高管',
    description: 'Reads the reports: contribution, composition, service, churn',
    permissions: ['dictionary.read', 'customer.read', 'report.read'],
  },
};
