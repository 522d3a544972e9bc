// `npm run bench [N…]` (or BENCH_SIZES=1000000,5000000): for each size N
// (default 1M and 5M) a drifted Dev/Prod pair of N customers and N notes on
// TEST_POSTGRES_URL's server (127.0.0.1:5432 by default), copied from a cached
// seeded template (drifted-pair.ts), the benchmark sections run on it in order,
// then the pair is dropped (the template stays).
// - comparison: each table against the floor, BENCH_ROUNDS rounds (default 5, median);
// - server: the API server as `npm start` runs it, its RSS during and after
//   comparisons through HTTP; on the smallest size also the load (4 concurrent,
//   then 20 sequential), on larger ones one comparison and two more;
// - sync: 10,000 records with their parents vs a plain INSERT … SELECT (smallest size only).
// BENCH_SECTIONS picks sections by name (default all: comparison,server,sync).
// The server section needs the built server (npx nx run-many -t build -p api console).
// `npm run bench` caps V8's old space at 128 MB: the engine's memory does not
// grow with the table, and without a cap V8 lets garbage pile up to ~270 MB
// before collecting (measured; after a gc() the heap is back at ~30 MB).
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runCompareBench } from './compare';
import { createDriftedPair, DriftedPair } from './drifted-pair';
import { runServerLoadBench } from './server-load';
import { runSyncBench } from './sync';

interface SectionContext {
  pair: DriftedPair;
  log: (line: string) => void;
  rounds: number;
  /** The first (smallest) size of the run. */
  smallest: boolean;
}

type Section = { name: string; run(ctx: SectionContext): Promise<unknown> };

const SECTIONS: Section[] = [
  {
    name: 'comparison',
    run: ({ pair, log, rounds }) => runCompareBench({ dev: pair.dev, prod: pair.prod, log, rounds }),
  },
  {
    name: 'server',
    run: ({ pair, log, smallest }) =>
      runServerLoadBench({
        dev: pair.dev,
        prod: pair.prod,
        log,
        ...(smallest ? { concurrent: 4, sequential: 20 } : { concurrent: 0, sequential: 2 }),
      }),
  },
  {
    name: 'sync',
    run: async ({ pair, log, smallest }) => (smallest ? runSyncBench({ dev: pair.dev, prod: pair.prod, log }) : null),
  },
];

function peakRssMb(): number {
  // maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function main(): Promise<void> {
  const given = process.argv.slice(2).length ? process.argv.slice(2).join(',') : process.env['BENCH_SIZES'];
  const sizes = (given ?? '1000000,5000000')
    .split(',')
    .map(Number)
    .sort((a, b) => a - b);
  const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5);
  const picked = (process.env['BENCH_SECTIONS'] ?? SECTIONS.map((s) => s.name).join(',')).split(',');
  const sections = SECTIONS.filter((section) => picked.includes(section.name));
  if (!sizes.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new Error(`sizes must be positive integers, got ${given}`);
  }
  const log = (line: string) => console.log(line);
  log(
    `vantix-sync bench: N = ${sizes.map((n) => n.toLocaleString('en')).join(', ')}, ${rounds} rounds (median), ` +
      `node ${process.version} ${process.execArgv.join(' ')}, load average ${load()}`,
  );
  for (const [index, n] of sizes.entries()) {
    const pair = await createDriftedPair(n, log);
    try {
      log(`N = ${n.toLocaleString('en')}: peak RSS of the bench before the sections ${peakRssMb().toFixed(0)} MB`);
      for (const section of sections) {
        const started = performance.now();
        log(`${section.name} (N = ${n.toLocaleString('en')}), load average ${load()}`);
        await section.run({ pair, log, rounds, smallest: index === 0 });
        log(
          `${section.name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
            `peak RSS so far ${peakRssMb().toFixed(0)} MB, load average ${load()}`,
        );
      }
    } finally {
      await pair.drop();
    }
  }
  // The memory target is the API server's (the server section); this process
  // also compiles TypeScript on the fly and keeps the sections' pools.
  log(`peak RSS of the bench process: ${peakRssMb().toFixed(0)} MB (for the server's, see the server section)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
