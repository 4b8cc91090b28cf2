// What each role may do in the workspace, mirroring the API's grants (worker/lib/roles.ts). Used only
// to hide controls a role cannot use; the API still decides every request.
export type Role = 'admin' | 'approver' | 'planner' | 'staff' | 'auditor';

export const isRole = (v: unknown): v is Role => typeof v === 'string' && ['admin', 'approver', 'planner', 'staff', 'auditor'].includes(v);

export const can = {
  refresh: (r: Role) => r === 'admin' || r === 'planner',
  importFiles: (r: Role) => r === 'admin' || r === 'planner',
  moveStock: (r: Role) => r === 'admin' || r === 'staff',
  editCatalog: (r: Role) => r === 'admin' || r === 'planner',
  manageUsers: (r: Role) => r === 'admin',
  proposeActions: (r: Role) => r === 'admin' || r === 'planner',
  approveActions: (r: Role) => r === 'admin' || r === 'approver',
  /** Dismiss (with a reason), add notes and execute approved actions. */
  workActions: (r: Role) => r === 'admin' || r === 'approver' || r === 'planner',
  readAudit: (r: Role) => r === 'admin' || r === 'auditor',
  readStatus: (r: Role) => r === 'admin' || r === 'auditor',
  /** See and acknowledge alerts (the API's planning:write). */
  alerts: (r: Role) => r === 'admin' || r === 'planner',
  manageChannels: (r: Role) => r === 'admin',
};
