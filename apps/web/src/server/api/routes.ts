import { systemClock } from '../clock.ts';
import { getDb } from '../db.ts';
import type { ApiDependencies } from './context.ts';

/** The production wiring of the REST API: the process's database. Tests build their own. */
export const apiDependencies: ApiDependencies = { getDb, now: systemClock };
