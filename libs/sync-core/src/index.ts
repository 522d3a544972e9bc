export * from './db/crm-database';
export { PrismaClient as CrmPrismaClient } from './generated/client';
export * from './introspect/table-schema';
export * from './introspect/queryable';
export * from './introspect/introspect';
