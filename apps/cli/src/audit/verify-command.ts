import { AppConfig } from '@vantix/config';
import { ExitCode } from '../exit-codes';
import { openConnections } from '../runtime/connections';
import { Output } from '../runtime/output';

/** `vantix-sync audit verify`: recomputes the whole hash chain of the audit log. */
export async function verifyCommand(config: AppConfig, options: { json: boolean }, output: Output): Promise<ExitCode> {
  const connections = await openConnections(config);
  try {
    const result = await connections.audit.verify();
    if (options.json) {
      output.out(JSON.stringify(result));
    } else if (result.ok) {
      output.out(`Audit chain intact: ${result.checked} event(s) checked.`);
    } else {
      output.out(
        `Audit chain BROKEN at event ${result.firstBrokenId} (${result.problem ?? 'mismatch'}), after ${result.checked} event(s) checked.`,
      );
    }
    return result.ok ? ExitCode.ok : ExitCode.finding;
  } finally {
    await connections.close();
  }
}
