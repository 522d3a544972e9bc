export * from './db/crm-database';
export { PrismaClient as CrmPrismaClient } from './generated/client';
export * from './introspect/table-schema';
export * from './introspect/queryable';
export * from './introspect/introspect';
// Selective sync (Dev → Prod, insert only)
export * from './sync/errors';
export { SYNC_LOCK_KEY } from './sync/lock';
export { RecordReason, describeDatabaseError, type SyncFailure } from './sync/apply';
export { insertOrder, orderRowsBySelfReference, fkEdges, type FkEdge } from './sync/fk-graph';
export * from './sync/sync-engine';
