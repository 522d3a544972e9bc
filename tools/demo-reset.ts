// npm run demo:reset — throws the demo data away and seeds it afresh (new
// passwords, new JWT secret). Stop `npm start` first: PGlite holds its folder.
import { loadConfig } from '@vantix/config';
import { resetDemoData, startDemoEnvironment } from '@vantix/demo';

async function main(): Promise<void> {
  const config = loadConfig();
  resetDemoData(config.demoDataDir);
  const demo = await startDemoEnvironment(config.demoDataDir);
  await demo.stop();
  console.log(
    `Demo data recreated in ${demo.dataDir}. Admin: ${demo.credentials.admin.email} / ${demo.credentials.admin.password}`,
  );
}

main().catch((error: unknown) => {
  console.error(`demo:reset failed: ${(error as Error).message}`);
  process.exit(1);
});
