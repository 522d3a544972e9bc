import { runCli } from './program';

// exitCode rather than process.exit(): a large --json report on a pipe must be
// written completely before the process ends. Every connection is closed by then.
void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
