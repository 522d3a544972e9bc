import { createTestDatabase, TestDatabase } from '@vantix/testing';
import { CrmDatabase } from './crm-database';

describe(CrmDatabase.name, () => {
  let dev: TestDatabase;
  let prod: TestDatabase;
  beforeAll(async () => {
    [dev, prod] = await Promise.all([createTestDatabase('crmdb_dev'), createTestDatabase('crmdb_prod')]);
  });
  afterAll(async () => {
    await Promise.all([dev.drop(), prod.drop()]);
  });

  it('keeps two Prisma clients on two databases apart', async () => {
    const devDb = new CrmDatabase('development', dev.url);
    const prodDb = new CrmDatabase('production', prod.url);
    try {
      await devDb.prisma.user.create({
        data: { email: 'only-dev@example.com', name: 'Only Dev', role: 'admin', passwordHash: 'x' },
      });
      expect(await devDb.prisma.user.count()).toBe(1);
      expect(await prodDb.prisma.user.count()).toBe(0);
      const rows = await prodDb.pool.query<{ db: string }>('SELECT current_database() AS db');
      expect(rows.rows[0].db).toBe(prod.name);
    } finally {
      await Promise.all([devDb.close(), prodDb.close()]);
    }
  });
});
