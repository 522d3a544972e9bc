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
export * from './compare/comparison-engine';
export * from './compare/record-sink';
export * from './compare/record-id';
export * from './compare/sensitive-columns';
export * from './compare/table-pairing';
export { diffTable, type DiffEvent, type DiffTuning, type TableDiff } from './compare/diff-table';
export { ReadSession } from './compare/read-session';
export { openSessions, withSessions } from './compare/sessions';
export { readSchemas } from './compare/schema-snapshot';
export * from './summaries/summary-templates';
export * from './summaries/human-size';
// Least privilege: what the Production role may do to the CRM tables
export * from './privileges/table-privileges';
