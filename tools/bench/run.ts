// `npm run bench [N]` (or BENCH_N=…): generates a drifted Dev/Prod pair of N
// customers and 2N notes (default 1,000,000) on TEST_POSTGRES_URL's server
// (127.0.0.1:5432 by default), runs the benchmark sections on it in order and
// drops the pair. Sections that change the data (sync) go after the comparison.
// BENCH_ROUNDS sets the timed rounds per measurement (default 3, median shown);
// BENCH_SECTIONS picks sections by name (default all: comparison,server,sync).
// The server section needs the built server (npx nx run-many -t build -p api console).
// `npm run bench` caps V8's old space at 128 MB: the engine's memory does not
// grow with the table, and without a cap V8 lets garbage pile up to ~270 MB
// before collecting (measured; after a gc() the heap is back at ~30 MB).
import { performance } from 'node:perf_hooks';
import { runCompareBench } from './compare';
import { createDriftedPair, DriftedPair } from './drifted-pair';
import { runServerLoadBench } from './server-load';
import { runSyncBench } from './sync';

type Section = { name: string; run(pair: DriftedPair, log: (line: string) => void, rounds: number): Promise<unknown> };

const SECTIONS: Section[] = [
  { name: 'comparison', run: (pair, log, rounds) => runCompareBench({ dev: pair.dev, prod: pair.prod, log, rounds }) },
  { name: 'server', run: (pair, log) => runServerLoadBench({ dev: pair.dev, prod: pair.prod, log }) },
  { name: 'sync', run: (pair, log) => runSyncBench({ dev: pair.dev, prod: pair.prod, log }) },
];

function peakRssMb(): number {
  // maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? process.env['BENCH_N'] ?? 1_000_000);
  const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);
  const picked = (process.env['BENCH_SECTIONS'] ?? SECTIONS.map((s) => s.name).join(',')).split(',');
  const sections = SECTIONS.filter((section) => picked.includes(section.name));
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`N must be a positive integer, got ${process.argv[2] ?? process.env['BENCH_N']}`);
  }
  const log = (line: string) => console.log(line);
  log(
    `vantix-sync bench: N = ${n.toLocaleString('en')}, ${rounds} rounds (median), node ${process.version} ${process.execArgv.join(' ')}`,
  );
  const pair = await createDriftedPair(n, log);
  try {
    const before = peakRssMb();
    log(`peak RSS before the sections: ${before.toFixed(0)} MB`);
    for (const section of sections) {
      const started = performance.now();
      await section.run(pair, log, rounds);
      log(
        `${section.name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS so far ${peakRssMb().toFixed(0)} MB`,
      );
    }
  } finally {
    await pair.drop();
  }
  log(`peak RSS of the bench process: ${peakRssMb().toFixed(0)} MB (target < 256 MB)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
