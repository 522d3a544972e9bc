import { randomUUID } from 'node:crypto';
import { AppConfig } from '@vantix/config';
import { ExitCode } from '../exit-codes';
import { openConnections } from '../runtime/connections';
import { Output } from '../runtime/output';
import { formatReport } from './format-report';
import { runAuditedComparison } from '@vantix/audited-operations';
import { hasDriftTowardsProduction } from './run-comparison';

export interface CompareOptions {
  json: boolean;
  /** Undefined: the default tables, as in the API. */
  tables?: string[];
  failOnDrift: boolean;
  /** Recorded as the audit events' actor. */
  actor: string;
}

/** `vantix-sync compare`: one audited, stored comparison; the report on stdout. */
export async function compareCommand(config: AppConfig, options: CompareOptions, output: Output): Promise<ExitCode> {
  const connections = await openConnections(config);
  try {
    const report = await runAuditedComparison(
      connections,
      { tables: options.tables, recordCap: config.reportRecordCap },
      {
        actor: { id: null, email: options.actor },
        // One id per invocation, so its events can be found together.
        requestId: `cli-${randomUUID()}`,
        clientIp: null,
        via: 'cli',
      },
    );
    output.out(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return options.failOnDrift && hasDriftTowardsProduction(report) ? ExitCode.finding : ExitCode.ok;
  } finally {
    await connections.close();
  }
}
