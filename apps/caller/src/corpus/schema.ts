/**
 * The scenario corpus (apps/caller/corpus): one YAML file per business type, each a list of calls spoken
 * by several voices, with what the call must leave in the database. The expectations are the scenario
 * format's (scenario/schema.ts) plus the name the business must have stored for the caller.
 */
import { z } from 'zod';
import { Expectations, SetupAppointment } from '../scenario/schema.ts';

const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'a phone number in E.164 form');

/** flite voices, or espeak-ng American English with a variant (`espeak:m3`, `espeak:f2`). */
export const CorpusVoice = z.union([
  z.enum(['slt', 'rms', 'awb', 'kal16']),
  z.string().regex(/^espeak:[a-z0-9]+$/) as z.ZodType<`espeak:${string}`>,
]);
export type CorpusVoice = z.output<typeof CorpusVoice>;

export const CorpusTurn = z.union([
  z.object({ say: z.string().trim().min(1) }).strict(),
  z.object({ press: z.string().regex(/^[0-9*#]$/) }).strict(),
]);
export type CorpusTurn = z.output<typeof CorpusTurn>;

export const CorpusScenario = z
  .object({
    name: z.string().min(1),
    voice: CorpusVoice,
    /** The caller ID; absent: withheld (the receptionist must ask for a number). */
    from: E164.optional(),
    setup: z.array(SetupAppointment).default([]),
    turns: z.array(CorpusTurn).min(1),
    expect: Expectations.extend({
      /** The name stored for the caller (booking's customer or message), case-insensitive substring. */
      stored_name: z.string().min(1).optional(),
    }).strict(),
  })
  .strict();
export type CorpusScenario = z.output<typeof CorpusScenario>;

export const CorpusFile = z
  .object({
    /** The profile file in corpus/businesses (without .json). */
    business: z.string().regex(/^[a-z0-9-]+$/),
    /** Held out: the offline policy and recogniser were not tuned on it (reported on its own). */
    held_out: z.boolean().default(false),
    scenarios: z.array(CorpusScenario).min(1),
  })
  .strict();
export type CorpusFile = z.output<typeof CorpusFile>;
