import { randomUUID } from 'node:crypto';
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

/**
 * The demo's second admin (DemoCredentials.approver), in Dev and Prod with the
 * same id, unless a user with that e-mail is there already: run at every
 * start, so a data folder seeded before two-person approval gets it too.
 */
export async function seedDemoApprover(devUrl: string, prodUrl: string, credentials: DemoCredentials): Promise<void> {
  const hash = await bcrypt.hash(credentials.approver.password, 10);
  const id = randomUUID();
  for (const [side, url] of [
    ['development', devUrl],
    ['production', prodUrl],
  ] as const) {
    const db = new CrmDatabase(side, url, { maxConnections: 1 });
    try {
      await db.prisma.user.upsert({
        where: { email: credentials.approver.email },
        create: { id, email: credentials.approver.email, name: 'Demo Approver', role: 'admin', passwordHash: hash },
        update: {},
      });
    } finally {
      await db.close();
    }
  }
}
