import { AUDIT_ACTIONS } from '../../core/api/audit.ts';

export { AUDIT_ACTIONS };
export type { AuditAction } from '../../core/api/audit.ts';
