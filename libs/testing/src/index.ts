// The test harness every project's specs share (tag type:testing: spec, e2e and
// testing files only). See README.md.
export * from './test-database';
export * from './database-outage';
export * from './audit-owner';
export * from './test-users';
export * from './crm-seed';
export * from './capture-output';
export * from './free-port';
export * from './pglite-process';
export * from './ssl-postgres-server';
export * from './server-process';
export * from './cli-process';
export * from './trust-env';
