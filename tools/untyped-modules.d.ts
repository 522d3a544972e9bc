// Loaded for their side effect only (tools/register.cjs): TypeScript on the fly and the @vantix/* aliases.
declare module '@swc-node/register';
declare module 'tsconfig-paths/register';
