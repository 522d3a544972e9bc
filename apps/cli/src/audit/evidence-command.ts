import { readFile } from 'node:fs/promises';
import { InvalidEvidenceError, syncEvidence, verifyEvidence } from '@vantix/audited-operations';
import { isUuid } from '@vantix/audit';
import { AppConfig } from '@vantix/config';
import { ExitCode } from '../exit-codes';
import { openConnections } from '../runtime/connections';
import { Output } from '../runtime/output';

/** A refusal of the input itself (exit 2), reported as one line like any other error. */
class EvidenceInputError extends Error {
  override readonly name = 'EvidenceInputError';
}

/**
 * `vantix-sync evidence <syncId>`: the sync's evidence bundle as JSON on
 * stdout (redirect it to a file), read from the audit store directly — the
 * same document as GET /api/dev/syncs/:id/evidence.
 */
export async function evidenceCommand(config: AppConfig, syncId: string, output: Output): Promise<ExitCode> {
  if (!isUuid(syncId)) {
    throw new EvidenceInputError(`"${syncId}" is not a sync id (a UUID)`);
  }
  const connections = await openConnections(config);
  try {
    const evidence = await syncEvidence(connections, syncId);
    if (evidence === null) {
      throw new EvidenceInputError(`sync ${syncId} not found`);
    }
    output.out(`${JSON.stringify(evidence, null, 2)}\n`);
    return ExitCode.ok;
  } finally {
    await connections.close();
  }
}

/**
 * `vantix-sync evidence verify <file>`: re-checks a bundle against the audit
 * store. Exit 0 when every event and hash is still in the verified chain, 1
 * naming what differs, 2 when the file cannot be read or is not a bundle.
 */
export async function evidenceVerifyCommand(
  config: AppConfig,
  file: string,
  options: { json: boolean },
  output: Output,
): Promise<ExitCode> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new EvidenceInputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new EvidenceInputError(`${file} is not JSON`);
  }
  const connections = await openConnections(config);
  try {
    const check = await verifyEvidence(connections.audit, document).catch((error: unknown) => {
      throw error instanceof InvalidEvidenceError ? new EvidenceInputError(`${file}: ${error.message}`) : error;
    });
    if (options.json) {
      output.out(JSON.stringify(check));
    } else if (check.ok) {
      output.out(
        `Evidence of sync ${check.syncId} verified: ${check.eventsChecked} event(s) unchanged, ` +
          `in an intact chain of ${check.chainChecked} event(s).`,
      );
    } else {
      output.out(
        [`Evidence of sync ${check.syncId} does NOT verify:`, ...check.problems.map((p) => `  - ${p}`)].join('\n'),
      );
    }
    return check.ok ? ExitCode.ok : ExitCode.finding;
  } finally {
    await connections.close();
  }
}
