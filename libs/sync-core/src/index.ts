export * from './db/crm-database';
export { PrismaClient as CrmPrismaClient } from './generated/client';
