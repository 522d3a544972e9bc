import type { CrmDatabase } from '../db/crm-database';
import { ReadSession } from './read-session';

/** Opens one read session per side at the same time; never leaves one open on failure. */
export async function openSessions(dev: CrmDatabase, prod: CrmDatabase): Promise<[ReadSession, ReadSession]> {
  const [devResult, prodResult] = await Promise.allSettled([ReadSession.open(dev), ReadSession.open(prod)]);
  if (devResult.status === 'fulfilled' && prodResult.status === 'fulfilled') {
    return [devResult.value, prodResult.value];
  }
  if (devResult.status === 'fulfilled') {
    await devResult.value.abandon();
  }
  if (prodResult.status === 'fulfilled') {
    await prodResult.value.abandon();
  }
  throw devResult.status === 'rejected' ? devResult.reason : (prodResult as PromiseRejectedResult).reason;
}

/** Runs `work` with both sessions; commits both on success, rolls both back on failure. */
export async function withSessions<T>(
  dev: CrmDatabase,
  prod: CrmDatabase,
  work: (dev: ReadSession, prod: ReadSession) => Promise<T>,
): Promise<T> {
  const [devSession, prodSession] = await openSessions(dev, prod);
  let result: T;
  try {
    result = await work(devSession, prodSession);
  } catch (error) {
    await Promise.all([devSession.abandon(), prodSession.abandon()]);
    throw error;
  }
  await Promise.all([devSession.close(), prodSession.close()]);
  return result;
}
