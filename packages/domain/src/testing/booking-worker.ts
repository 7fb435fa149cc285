// A separate process that books one slot, for the concurrent-booking test: several of these race on
// one database file, the way several voice servers would. Usage (JSON on argv, result JSON on stdout):
//   node --import tsx booking-worker.ts '{"url","businessId","phone","name","date","time","service","goFile","nowMs"}'
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeDatabase, forBusiness, openDatabase } from '@receptionist/db';
import { z } from 'zod';
import { bookAppointment } from '../appointments/book.ts';
import { DomainError } from '../errors.ts';
import { loadProfileFor } from '../profile/store.ts';

const Job = z.object({
  url: z.string(),
  businessId: z.string(),
  phone: z.string(),
  name: z.string(),
  service: z.string(),
  date: z.string(),
  time: z.string(),
  goFile: z.string(),
  nowMs: z.number(),
});

async function main(): Promise<void> {
  const job = Job.parse(JSON.parse(process.argv[2] ?? '{}'));
  const db = await openDatabase({ url: job.url, migrate: false });
  try {
    const tenant = forBusiness(db, job.businessId);
    const profile = await loadProfileFor(tenant);
    process.stdout.write('ready\n');
    // Start line: every worker is connected and waiting, so the bookings really overlap.
    while (!existsSync(job.goFile)) await sleep(2);
    try {
      const booked = await bookAppointment({
        ctx: { tenant, profile, nowMs: job.nowMs },
        input: {
          service: job.service,
          date: job.date,
          time: job.time,
          customerName: job.name,
          phone: job.phone,
        },
      });
      process.stdout.write(`${JSON.stringify({ ok: true, appointmentId: booked.appointment.id })}\n`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      process.stdout.write(`${JSON.stringify({ ok: false, code: error.code, message: error.message })}\n`);
    }
  } finally {
    closeDatabase(db);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
