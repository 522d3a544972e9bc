// The public API of @vantix/db-errors: one vocabulary for database errors. Import only from here.
export { isConnectionFailure } from './connection-failure';
export { shortMessage } from './short-message';
export { databaseErrorFields, describeDatabaseError, type DatabaseErrorFields } from './database-error';
