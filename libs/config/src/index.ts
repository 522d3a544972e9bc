export * from './lib/app-config';
export * from './lib/connection-string';
export * from './lib/redact';
export * from './lib/trust-config';
export * from './lib/refresh-rules';
export * from './lib/approval-config';
