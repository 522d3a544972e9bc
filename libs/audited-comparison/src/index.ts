export * from './lib/run-audited-comparison';
