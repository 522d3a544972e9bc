// The public API of @vantix/runtime: the one start-up path of the API and the CLI. See README.md.
export {
  openEnvironment,
  type DemoSession,
  type Environment,
  type EnvironmentClient,
  type OpenEnvironmentOptions,
} from './open-environment';
export { StartRefusal, isStartRefusal } from './start-refusal';
export { checkEnvironmentSafety, EnvironmentSafetyError } from './environment-safety';
export { migrateAuditStore, migrateCommand } from './audit-store';
export { consoleBuildDir } from './console-build';
// The demo's logins, for the API's banner: the apps reach the demo only through this lib.
export type { DemoCredentials } from '@vantix/demo';
