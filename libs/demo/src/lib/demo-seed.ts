import bcrypt from 'bcryptjs';
import { CrmDatabase } from '@vantix/sync-core';
import { buildDemoDataset, DemoSide } from './demo-dataset';
import { DemoCredentials } from './demo-credentials';

async function writeSide(db: CrmDatabase, side: DemoSide): Promise<void> {
  // Parents first: the foreign keys are real.
  await db.prisma.user.createMany({ data: side.users });
  await db.prisma.customer.createMany({ data: side.customers });
  await db.prisma.customerNote.createMany({ data: side.notes });
  await db.prisma.customerFile.createMany({ data: side.files });
}

/** Seeds freshly migrated demo Dev and Prod databases with the drifted dataset. */
export async function seedDemo(devUrl: string, prodUrl: string, credentials: DemoCredentials): Promise<void> {
  const [admin, agent, other] = await Promise.all([
    bcrypt.hash(credentials.admin.password, 10),
    bcrypt.hash(credentials.agent.password, 10),
    bcrypt.hash(`unknown-${credentials.jwtSecret}`, 10),
  ]);
  const { dev, prod } = buildDemoDataset({ admin, agent, other }, credentials.admin.email, credentials.agent.email);
  const devDb = new CrmDatabase('development', devUrl, { maxConnections: 1 });
  const prodDb = new CrmDatabase('production', prodUrl, { maxConnections: 1 });
  try {
    await Promise.all([writeSide(devDb, dev), writeSide(prodDb, prod)]);
  } finally {
    await Promise.all([devDb.close(), prodDb.close()]);
  }
}
