export * from './lib/audit';
export * from './lib/errors';
export * from './lib/auth';
export * from './lib/comparison';
export * from './lib/health';
export * from './lib/sync';
export * from './lib/review';
export * from './lib/evidence';
