// Serves an in-memory PGlite (PostgreSQL 18 in wasm) over the wire protocol and
// prints "host:port" on stdout (the demo runs Dev, Prod and the audit store on
// PGlite). Run as a child process by specs: PGlite loads its
// wasm with a dynamic import, which jest's VM sandbox cannot do. Exits when its
// stdin closes, so a crashed test run never leaves it behind.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const db = await PGlite.create();
const server = new PGLiteSocketServer({
  db,
  port: 0,
  host: '127.0.0.1',
  maxConnections: 20,
});
await server.start();
process.stdout.write(`${server.getServerConn()}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.stop();
  await db.close();
  process.exit(0);
});
