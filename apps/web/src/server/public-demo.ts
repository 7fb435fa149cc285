import { getEnv } from '../env.ts';
import { getDb } from './db.ts';
import { type DemoBusiness, loadDemoBusiness } from './queries/demo.ts';

/** The business a signed-out visitor may call from `/demo`, or undefined when public demo calls are off. */
export async function publicDemoBusiness(): Promise<DemoBusiness | undefined> {
  if (!getEnv().publicDemoCalls) return undefined;
  return loadDemoBusiness(await getDb());
}
