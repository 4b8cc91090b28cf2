/** The one role table: what each role may do. Every route names the permission it needs. */
export const ROLES = ['admin', 'approver', 'planner', 'staff', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'read' // any read of tenant data
  | 'movements:write' // post and reverse stock movements
  | 'catalog:write' // warehouses, products, lots, customers, orders, inbound shipments
  | 'imports:write' // upload and drop files
  | 'planning:write' // propose actions, refresh plans
  | 'decisions:write' // approve or reject proposed actions
  | 'users:manage'; // users and tenant settings

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['read', 'movements:write', 'catalog:write', 'imports:write', 'planning:write', 'decisions:write', 'users:manage'],
  approver: ['read', 'decisions:write'],
  planner: ['read', 'catalog:write', 'imports:write', 'planning:write'],
  staff: ['read', 'movements:write'],
  auditor: ['read'],
};

export const can = (role: Role, permission: Permission) => GRANTS[role].includes(permission);
export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
