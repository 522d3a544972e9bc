// Helpers for tests of the API (supertest, console e2e): the whole app on throwaway databases.
export * from './test-api';
export * from './test-runtime';
export * from './test-users';
export * from './ssl-postgres-server';
export * from './capture-output';
