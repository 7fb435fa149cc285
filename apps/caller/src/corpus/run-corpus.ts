/**
 * Runs the whole corpus on the local engine: each call gets a business of its own (created from its type's
 * profile, so no call sees another's bookings), its setup, a fast call (fast-call.ts), and its
 * expectations checked against what the call left in the database (scenario/expectations.ts).
 */
import { randomBytes } from 'node:crypto';
import { type Database, forBusiness } from '@receptionist/db';
import type { Engine } from '@receptionist/engine';
import { speakAsCaller, throughPhoneChannel } from '@receptionist/engine/local';
import { createBusinessWithProfile } from '@receptionist/domain';
import { readCallRecord, type CallRecord, applySetup } from '../scenario/call-log.ts';
import { checkExpectations } from '../scenario/expectations.ts';
import { listeningCaller } from './caller-persona.ts';
import type { HeardLine } from './fast-call.ts';
import { runFastCall } from './fast-call.ts';
import type { CorpusBusiness } from './load-corpus.ts';
import type { CorpusScenario, CorpusVoice } from './schema.ts';

export interface CorpusCallResult {
  business: string;
  heldOut: boolean;
  name: string;
  voice: CorpusVoice;
  passed: boolean;
  failures: string[];
  error?: string | undefined;
  heard: HeardLine[];
  /** Whether the name the business stored matched (only for calls that expect one). */
  nameStored?: boolean | undefined;
  transcript: Array<{ role: string; text: string }>;
  wallMs: number;
}

export interface CorpusRunOptions {
  db: Database;
  engine: Engine;
  now: () => number;
  /** Calls at once. */
  concurrency: number;
}

/** μ-law 8 kHz phone-line audio of a line, cached per voice and text (calls repeat lines). */
function createSpeaker() {
  const cache = new Map<string, Promise<Uint8Array>>();
  return (text: string, voice: CorpusVoice): Promise<Uint8Array> => {
    const key = `${voice}\u0000${text}`;
    let audio = cache.get(key);
    if (audio === undefined) {
      audio = speakAsCaller(text, voice).then(throughPhoneChannel);
      cache.set(key, audio);
    }
    return audio;
  };
}

async function storedNames(db: Database, record: CallRecord): Promise<string[]> {
  const tenant = forBusiness(db, record.business.id);
  const names = record.messages.map((message) => message.callerName ?? '');
  for (const view of [...record.booked, ...record.moved, ...record.cancelled]) {
    const appointment = await tenant.appointments.get(view.id);
    const customer = appointment && (await tenant.customers.get(appointment.customerId));
    if (customer?.name) names.push(customer.name);
  }
  return names.filter(Boolean);
}

let numberSequence = 0;

async function runOne(
  business: CorpusBusiness,
  scenario: CorpusScenario,
  options: CorpusRunOptions,
  speak: ReturnType<typeof createSpeaker>,
): Promise<CorpusCallResult> {
  const base = {
    business: business.key,
    heldOut: business.heldOut,
    name: scenario.name,
    voice: scenario.voice,
  };
  const started = performance.now();
  try {
    const { business: row, profile } = await createBusinessWithProfile(options.db, business.profile);
    numberSequence++;
    const toNumber = `+1500555${String(1000 + numberSequence).padStart(4, '0')}`;
    await forBusiness(options.db, row.id).phoneNumbers.add(toNumber, 'Corpus line');
    await applySetup(
      options.db,
      row,
      { name: scenario.name, setup: { appointments: scenario.setup } },
      options.now(),
    );
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const call = await runFastCall({
      engine: options.engine,
      db: options.db,
      businessId: row.id,
      profile,
      now: options.now,
      callSid,
      from: scenario.from,
      toNumber,
      turns: scenario.turns,
      speak: (text) => speak(text, scenario.voice),
      answer: listeningCaller(scenario),
    });
    const record = await readCallRecord(options.db, row, callSid, options.now());
    if (!record) throw new Error('the call left no call record');
    const { stored_name: storedName, ...expect } = scenario.expect;
    const failures = checkExpectations(expect, record, { clears: 0 }, new Date(options.now()));
    let nameStored: boolean | undefined;
    if (storedName !== undefined) {
      const names = await storedNames(options.db, record);
      nameStored = names.some((name) => name.toLowerCase().includes(storedName.toLowerCase()));
      if (!nameStored)
        failures.push(`expected the name "${storedName}" stored; stored: ${names.join(', ') || 'none'}`);
    }
    return {
      ...base,
      passed: failures.length === 0,
      failures,
      heard: call.heard,
      nameStored,
      transcript: record.call.turns.map((turn) => ({ role: turn.role, text: turn.text })),
      wallMs: call.wallMs,
    };
  } catch (error) {
    return {
      ...base,
      passed: false,
      failures: [],
      error: error instanceof Error ? error.message : String(error),
      heard: [],
      nameStored: scenario.expect.stored_name === undefined ? undefined : false,
      transcript: [],
      wallMs: performance.now() - started,
    };
  }
}

export async function runCorpus(
  businesses: readonly CorpusBusiness[],
  options: CorpusRunOptions,
): Promise<CorpusCallResult[]> {
  const speak = createSpeaker();
  const queue = businesses.flatMap((business) =>
    business.file.scenarios.map((scenario) => ({ business, scenario })),
  );
  const results: CorpusCallResult[] = new Array(queue.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < queue.length) {
      const index = next++;
      const { business, scenario } = queue[index]!;
      results[index] = await runOne(business, scenario, options, speak);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return results;
}
