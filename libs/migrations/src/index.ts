export * from './migration-runner';
export * from './paths';
