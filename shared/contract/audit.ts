/** 审计日志 area: the hub's audit trail, read by the command centre's console (chair token) a page at a time. */
import { AuditPage, AuditQuery } from '../hub-protocol';

export const auditMethods = {
  /** Newest first; filters by time, who, kind (or family) and ticket; keyset paging by `beforeSeq`. */
  'audit.list': { input: AuditQuery, output: AuditPage },
};
