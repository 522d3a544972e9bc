import { userInfo } from 'node:os';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { AppConfig, loadCliConfig } from '@vantix/config';
import { evidenceCommand, evidenceVerifyCommand } from './audit/evidence-command';
import { verifyCommand } from './audit/verify-command';
import { compareCommand } from './compare/compare-command';
import { ExitCode } from './exit-codes';
import { refreshCommand } from './refresh/refresh-command';
import { errorLine } from './runtime/error-line';
import { Output, processOutput } from './runtime/output';

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    // A container user without a passwd entry has no name: say so rather than invent one.
    return 'unknown-os-user';
  }
}

function tableList(value: string): string[] {
  const tables = value
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (tables.length === 0) {
    throw new InvalidArgumentError('name at least one table, e.g. --tables customers,customer_notes');
  }
  return tables;
}

function actorName(value: string): string {
  const name = value.trim();
  if (name === '' || name.length > 200) {
    throw new InvalidArgumentError('give a name of 1 to 200 characters');
  }
  return name;
}

/**
 * Runs the CLI and returns its exit code; never throws. Every failure becomes
 * exit 2 with one line on stderr — including usage errors, which commander
 * would otherwise report with exit 1, the code that means "drift" here.
 */
export async function runCli(
  argv: readonly string[],
  output: Output = processOutput,
  config: () => AppConfig = () => loadCliConfig(),
): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  const program = new Command('vantix-sync')
    .description(
      'Compare the Development and Production CRM databases; refresh Development from Production; check the audit log and sync evidence.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => output.out(s),
      writeErr: (s) => output.err(s),
    })
    .showSuggestionAfterError();

  program
    .command('compare')
    .description('compare Dev and Prod (stored and audited like a comparison in the console) and print the summary')
    .option('--json', 'print the report as JSON')
    .option('--tables <list>', 'comma-separated tables to compare (default: the CRM tables)', tableList)
    .option('--fail-on-drift', 'exit 1 when anything is missing in Production (0 when clean)')
    .option('--actor <name>', 'who runs it, for the audit log (default: the OS user)', actorName)
    .action(async (options: { json?: boolean; tables?: string[]; failOnDrift?: boolean; actor?: string }) => {
      code = await compareCommand(
        config(),
        {
          json: options.json === true,
          tables: options.tables,
          failOnDrift: options.failOnDrift === true,
          actor: options.actor ?? osUser(),
        },
        output,
      );
    });

  program
    .command('refresh-dev')
    .description(
      'insert into Development the records a comparison listed as missing in Development, from Production, with the data rules (REFRESH_RULES)',
    )
    .requiredOption('--comparison <id>', 'the stored comparison (its id, as compare --json prints it)')
    .requiredOption(
      '--tables <list>',
      'comma-separated tables whose missing-in-Development records to insert',
      tableList,
    )
    .option('--include-parents', 'add the Production parents Development lacks')
    .option('--dry-run', 'show the plan and the data rules; write nothing')
    .option('--reason <text>', 'why (10 to 1000 characters); required without --dry-run')
    .option('--json', 'print the result as JSON')
    .option('--actor <name>', 'who runs it, for the audit log (default: the OS user)', actorName)
    .action(
      async (options: {
        comparison: string;
        tables: string[];
        includeParents?: boolean;
        dryRun?: boolean;
        reason?: string;
        json?: boolean;
        actor?: string;
      }) => {
        code = await refreshCommand(
          config(),
          {
            comparisonId: options.comparison,
            tables: options.tables,
            includeParents: options.includeParents === true,
            dryRun: options.dryRun === true,
            reason: options.reason,
            json: options.json === true,
            actor: options.actor ?? osUser(),
          },
          output,
        );
      },
    );

  program
    .command('audit')
    .description('the audit log')
    .command('verify')
    .description('recompute the hash chain: exit 0 intact, 1 broken, 2 could not check')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      code = await verifyCommand(config(), { json: options.json === true }, output);
    });

  const evidence = program
    .command('evidence')
    .description(
      "print a sync's evidence bundle as JSON (redirect it to a file); `evidence verify <file>` re-checks one",
    )
    .argument('<syncId>', 'the id of a stored sync')
    .action(async (syncId: string) => {
      code = await evidenceCommand(config(), syncId, output);
    });
  evidence
    .command('verify')
    .description('re-check an evidence bundle against the audit log: exit 0 intact, 1 changed, 2 bad input')
    .argument('<file>', 'the bundle, as `vantix-sync evidence <syncId>` wrote it')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      code = await evidenceVerifyCommand(config(), file, { json: options.json === true }, output);
    });

  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; commander has already printed the usage error.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
    }
    output.err(`vantix-sync: ${errorLine(error)}`);
    return ExitCode.error;
  }
}
