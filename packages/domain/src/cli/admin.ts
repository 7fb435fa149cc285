#!/usr/bin/env tsx
// Admin CLI: `npm run db:admin -- <command> [options]`. See `help` for commands.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { closeDatabase, type Database, listBusinesses, openDatabase } from '@receptionist/db';
import { createApiKey } from '../api-keys/create.ts';
import { tenantContext } from '../context.ts';
import { requireE164 } from '../customers/phone.ts';
import { DomainError } from '../errors.ts';
import { connectPhoneNumber } from '../phone-numbers/connect.ts';
import type { BusinessProfileInput } from '../profile/schema.ts';
import { createBusinessWithProfile } from '../profile/store.ts';
import { seedDemoBusiness } from '../seed.ts';
import { loadAdminEnv } from './env.ts';

const HELP = `Usage: npm run db:admin -- <command> [options]

Commands:
  create-business --name <name> --time-zone <IANA zone> [--profile <profile.json>]
      Creates a business (weekdays 9-17 unless a profile file is given) and prints its id.
  map-number --business <id> --number <phone> [--label <label>]
      Operator approval: routes calls to <phone> (any format; stored as E.164) to the business, without
      the Twilio ownership check the dashboard makes. Refused when another business has the number.
  create-api-key --business <id> --name <name>
      Creates a REST API key and prints it once (only its SHA-256 hash is stored).
  list-businesses
  seed-demo
      Creates the demo business "Bright Smile Dental" on +15005550006 (idempotent).

Options: --database-url <url> overrides DATABASE_URL.
Environment: DATABASE_URL (default file:./data/receptionist.db), DATABASE_AUTH_TOKEN.`;

const weekday = { open: '09:00', close: '17:00', breaks: [] };

async function run(db: Database, command: string | undefined, values: Record<string, string | undefined>) {
  switch (command) {
    case 'create-business': {
      const profile: BusinessProfileInput = values.profile
        ? (JSON.parse(readFileSync(values.profile, 'utf8')) as BusinessProfileInput)
        : {
            name: required(values, 'name'),
            timeZone: required(values, 'time-zone'),
            weeklyHours: {
              monday: weekday,
              tuesday: weekday,
              wednesday: weekday,
              thursday: weekday,
              friday: weekday,
            },
            greeting: `Thank you for calling ${required(values, 'name')}. How can I help you today?`,
          };
      const { business } = await createBusinessWithProfile(db, profile);
      console.log(business.id);
      return;
    }
    case 'map-number': {
      const row = await connectPhoneNumber({
        ctx: tenantContext(db, required(values, 'business'), { kind: 'system' }),
        input: { phoneNumber: requireE164(required(values, 'number')), label: values.label },
        ownership: { kind: 'operator' },
      });
      console.log(`${row.e164} -> ${row.businessId}`);
      return;
    }
    case 'create-api-key': {
      const { key, apiKey } = await createApiKey({
        ctx: tenantContext(db, required(values, 'business'), { kind: 'system' }),
        input: { name: required(values, 'name') },
      });
      console.log(`API key ${apiKey.id} (${apiKey.prefix}…). Store it now; it is not shown again:`);
      console.log(key);
      return;
    }
    case 'list-businesses': {
      for (const business of await listBusinesses(db))
        console.log(`${business.id}\t${business.name}\t${business.timeZone}`);
      return;
    }
    case 'seed-demo': {
      const business = await seedDemoBusiness(db);
      console.log(business.id);
      return;
    }
    default:
      console.log(HELP);
      if (command !== undefined && command !== 'help') process.exitCode = 2;
  }
}

function required(values: Record<string, string | undefined>, name: string): string {
  const value = values[name];
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'time-zone': { type: 'string' },
      profile: { type: 'string' },
      business: { type: 'string' },
      number: { type: 'string' },
      label: { type: 'string' },
      'database-url': { type: 'string' },
    },
  });
  const env = loadAdminEnv();
  const url = values['database-url'] ?? env.DATABASE_URL;
  const db = await openDatabase({ url, authToken: env.DATABASE_AUTH_TOKEN });
  try {
    await run(db, positionals[0], values);
  } finally {
    closeDatabase(db);
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof UsageError || error instanceof DomainError || (error instanceof Error && 'code' in error)
      ? error.message
      : String(error);
  console.error(`error: ${message}`);
  process.exitCode = 1;
});
