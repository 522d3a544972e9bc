/**
 * The CLI's exit codes, for CI pipelines. 1 is a finding (drift, a broken
 * audit chain), 2 is "could not tell" (configuration, a database down, a usage
 * error): a pipeline must be able to tell the two apart.
 */
export const ExitCode = {
  ok: 0,
  finding: 1,
  error: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
