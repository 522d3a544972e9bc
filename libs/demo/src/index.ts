export * from './lib/demo-credentials';
export * from './lib/demo-environment';
