import type { PlanRequest } from '../plan/plan';
import type { SyncEngine } from '../sync-engine';
import type { SyncOutcome } from '../apply/apply';

/** `plan()` then `apply()`, for specs that do not look between the two steps. */
export async function planAndApply(engine: SyncEngine, request: PlanRequest): Promise<SyncOutcome> {
  return engine.apply(await engine.plan(request));
}
