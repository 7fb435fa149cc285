import Database from 'libsql';

/**
 * Seeds the dashboard benchmark's database straight through SQLite prepared statements, in batched
 * transactions (one commit per few thousand calls), with the FTS5 triggers live as in production.
 * Businesses differ in size (a long tail: the largest has ~19% of all calls), calls spread over half a
 * year before `nowMs`, ten turns per call on average, and wording drawn from a small receptionist
 * vocabulary with a rare word ("wheelchair") in about 1 call in 700.
 */
export interface SeedOptions {
  path: string;
  businessIds: readonly string[];
  calls: number;
  turnsPerCall: number;
  nowMs: number;
  /** Days before now the calls spread over. */
  spanDays: number;
}

export interface SeedResult {
  /** Calls per business, same order as businessIds. */
  callsPerBusiness: number[];
  turns: number;
  appointments: number;
  messages: number;
  /** A call of each business, for the call page. */
  sampleCallIds: string[];
}

const OUTCOMES = [
  'booked',
  'rescheduled',
  'cancelled',
  'message_taken',
  'transferred',
  'answered',
  'no_action',
];
const SERVICES = ['haircut', 'colour', 'beard trim', 'massage', 'facial', 'manicure', 'consultation'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NAMES = ['Alice', 'Bruno', 'Chen', 'Dana', 'Emeka', 'Fatima', 'Greta', 'Hiro', 'Ines', 'Jonas'];
const CALLER_LINES = [
  'Hi, I would like to book a {service} on {day} if you have anything.',
  'Do you have parking near the shop?',
  'How much is a {service}?',
  'Can I move my appointment to {day} afternoon?',
  'My name is {name}, I need to cancel my {service}.',
  'Are you open on {day} morning?',
  'Could you ask the owner to call me back about the refund?',
  'Yes please, that works for me.',
  'Is it possible to bring my dog?',
];
const AGENT_LINES = [
  'Thanks for calling, how can I help you today?',
  'I have {day} at 10 or 2 for a {service}. Which would you prefer?',
  'A {service} is 45 dollars and takes about 40 minutes.',
  'Done, you are booked for a {service} on {day}. See you then, {name}.',
  'I have cancelled your {service}. Anything else?',
  'I will pass your message on and someone will call you back.',
  'There is free parking behind the building.',
  'We are open from 9 to 6 on {day}.',
];
const RARE_LINE = 'Is the entrance wheelchair accessible? My mother uses a wheelchair.';

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length]!;
}

/** Deterministic, so every run measures the same database. */
function generator(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return Math.floor((state / 4_294_967_296) * n);
  };
}

function fill(template: string, random: (n: number) => number): string {
  return template
    .replace('{service}', pick(SERVICES, random(SERVICES.length)))
    .replace('{day}', pick(DAYS, random(DAYS.length)))
    .replace('{name}', pick(NAMES, random(NAMES.length)));
}

/** Sizes with a long tail: weight 1/(rank+1) normalised to the total. */
function businessSizes(total: number, count: number): number[] {
  const weights = Array.from({ length: count }, (_, i) => 1 / (i + 1.6));
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((w / sum) * total));
  sizes[0]! += total - sizes.reduce((a, b) => a + b, 0);
  return sizes;
}

export function seedDashboardDatabase(options: SeedOptions): SeedResult {
  const db = new Database(options.path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  const random = generator(42);
  const insertCall = db.prepare(
    `insert into calls (id, business_id, channel, direction, from_number, to_number, engine, status, end_reason,
       started_at, ended_at, duration_ms, summary, outcome, created_at, updated_at)
     values (?, ?, 'phone', ?, ?, ?, 'openai', 'completed', 'caller_hangup', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTurn = db.prepare(
    `insert into call_turns (id, business_id, call_id, sequence, role, text, started_at_ms, ended_at_ms,
       interrupted, latency_ms, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  );
  const insertAppointment = db.prepare(
    `insert into appointments (id, business_id, service_id, customer_id, start_at, end_at, blocked_until,
       status, created_by_call_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?)`,
  );
  const insertMessage = db.prepare(
    `insert into messages (id, business_id, caller_name, caller_number, reason, call_id, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const sizes = businessSizes(options.calls, options.businessIds.length);
  const result: SeedResult = {
    callsPerBusiness: sizes,
    turns: 0,
    appointments: 0,
    messages: 0,
    sampleCallIds: [],
  };
  const spanMs = options.spanDays * 86_400_000;
  let serial = 0;
  const id = (prefix: string) => {
    serial += 1;
    return `${prefix}_${serial.toString(16).padStart(12, '0')}`;
  };
  const BATCH = 2_000;
  options.businessIds.forEach((businessId, b) => {
    const size = sizes[b] ?? 0;
    let bookingSlot = 0;
    for (let start = 0; start < size; start += BATCH) {
      db.exec('BEGIN');
      for (let i = start; i < Math.min(size, start + BATCH); i++) {
        // Older calls first, evenly spread with jitter, busier in the local afternoon is not modelled.
        const startedAt = options.nowMs - spanMs + Math.floor(((i + random(1000) / 1000) / size) * spanMs);
        const outcome = random(12) === 0 ? null : pick(OUTCOMES, random(OUTCOMES.length));
        const turns = Math.max(2, options.turnsPerCall - 4 + random(9));
        const durationMs = turns * 9_000 + random(20_000);
        const callId = id('call');
        if (i === size - 1) result.sampleCallIds.push(callId);
        const rare = random(700) === 0;
        const service = pick(SERVICES, random(SERVICES.length));
        const summary =
          random(10) === 0
            ? null
            : `Caller asked about a ${service}${rare ? ' and wheelchair access' : ''}; ${outcome ?? 'no outcome'}.`;
        insertCall.run(
          callId,
          businessId,
          random(10) === 0 ? 'outbound' : 'inbound',
          `+1202555${String(random(10_000)).padStart(4, '0')}`,
          '+12025550100',
          startedAt,
          startedAt + durationMs,
          durationMs,
          summary,
          outcome,
          startedAt,
          startedAt + durationMs,
        );
        for (let sequence = 1; sequence <= turns; sequence++) {
          const caller = sequence % 2 === 0;
          const text =
            rare && sequence === 2
              ? RARE_LINE
              : fill(
                  caller
                    ? pick(CALLER_LINES, random(CALLER_LINES.length))
                    : pick(AGENT_LINES, random(AGENT_LINES.length)),
                  random,
                );
          const at = startedAt + sequence * 9_000;
          insertTurn.run(
            id('turn'),
            businessId,
            callId,
            sequence,
            caller ? 'caller' : 'agent',
            text,
            at,
            at + 4_000,
            caller ? null : 400 + random(900),
            at + 4_000,
          );
        }
        result.turns += turns;
        if (outcome === 'booked') {
          bookingSlot += 1;
          const startAt = options.nowMs + bookingSlot * 3_600_000;
          insertAppointment.run(
            id('apt'),
            businessId,
            `svc_${b}`,
            `cus_${b}`,
            startAt,
            startAt + 1_800_000,
            startAt + 1_800_000,
            callId,
            startedAt + durationMs,
            startedAt + durationMs,
          );
          result.appointments += 1;
        }
        if (outcome === 'message_taken') {
          insertMessage.run(
            id('msg'),
            businessId,
            pick(NAMES, random(NAMES.length)),
            '+12025550199',
            'Please call back about a refund',
            callId,
            startedAt + durationMs,
            startedAt + durationMs,
          );
          result.messages += 1;
        }
      }
      db.exec('COMMIT');
    }
  });
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return result;
}
