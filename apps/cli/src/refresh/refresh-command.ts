import { randomUUID } from 'node:crypto';
import { AppConfig } from '@vantix/config';
import { Masks, maskKeyFrom, runAuditedRefresh } from '@vantix/audited-operations';
import { ExitCode } from '../exit-codes';
import { openConnections } from '../runtime/connections';
import { Output } from '../runtime/output';
import { formatRefresh } from './format-refresh';

export interface RefreshOptions {
  comparisonId: string;
  /** Every record each table's list of missing in Development holds (`all: true`). */
  tables: string[];
  includeParents: boolean;
  dryRun: boolean;
  /** Required without --dry-run (checked before anything is opened). */
  reason?: string;
  json: boolean;
  /** Recorded as the audit events' actor. */
  actor: string;
}

/** Why the options cannot run, or null: checked before any database is opened. */
export function refreshUsageError(config: AppConfig, options: RefreshOptions): string | null {
  if (config.appEnv === 'production') {
    return 'refresh-dev is a development command: APP_ENV is production';
  }
  if (!options.dryRun && options.reason === undefined) {
    return 'refresh-dev writes to Development: give --reason "<why>" (10 to 1000 characters), or --dry-run';
  }
  return null;
}

/**
 * `vantix-sync refresh-dev`: the API's refresh (runAuditedRefresh), the same
 * rules file and masks, audited with `via: cli`. Exit 0 when it committed (or
 * planned, with --dry-run, or had nothing to do), 1 when Development refused a
 * record and the refresh was rolled back, 2 when it could not run (a refused
 * selection, a database down, a usage error).
 */
export async function refreshCommand(config: AppConfig, options: RefreshOptions, output: Output): Promise<ExitCode> {
  const refused = refreshUsageError(config, options);
  if (refused) {
    output.err(`vantix-sync: ${refused}`);
    return ExitCode.error;
  }
  const connections = await openConnections(config);
  try {
    const result = await runAuditedRefresh(
      connections,
      {
        store: connections.refreshes,
        rules: config.refreshRules,
        masks: new Masks(maskKeyFrom(connections.auditSecret)),
        developmentDatabase: connections.developmentDatabase,
      },
      {
        comparisonId: options.comparisonId,
        selections: options.tables.map((table) => ({ table, all: true as const })),
        includeParents: options.includeParents,
        dryRun: options.dryRun,
        reason: options.reason,
        recordCap: config.reportRecordCap,
      },
      {
        actor: { id: null, email: options.actor },
        requestId: `cli-${randomUUID()}`,
        clientIp: null,
        via: 'cli',
      },
    );
    output.out(options.json ? JSON.stringify(result, null, 2) : formatRefresh(result));
    return result.status === 'rolled_back' ? ExitCode.finding : ExitCode.ok;
  } finally {
    await connections.close();
  }
}
