/**
 * A process that journals a call and is then killed (call-log-outbox.test.ts). argv: database URL,
 * outbox folder, business id, call id, number of turns. Reports {type:'open'} over IPC, waits for any
 * message, journals the turns, reports {type:'journaled'} once they are in its outbox file, then idles
 * until it is killed.
 */
import { openDatabase } from '@receptionist/domain';
import pino from 'pino';
import { CallLogOutbox } from '../call/call-log-outbox.ts';
import { OutboxFile } from '../call/call-log-outbox-file.ts';
import { CallLogWriter } from '../call/call-log-writer.ts';
import { VoiceMetrics } from '../metrics.ts';

const [url, dir, businessId, callId, turns] = process.argv.slice(2);
const logger = pino({ level: 'silent' });
const db = await openDatabase({ url: url ?? '', migrate: false });
const file = await OutboxFile.create(dir ?? '', logger);
const outbox = new CallLogOutbox({ db, file, logger, metrics: new VoiceMetrics() });
const writer = new CallLogWriter({ outbox, businessId: businessId ?? '', callId: callId ?? '' });
// The test takes the database's write lock once we are open, then says when to start talking.
process.send?.({ type: 'open' });
await new Promise((resolve) => process.once('message', resolve));
for (let index = 1; index <= Number(turns); index++) {
  writer.turn({
    role: index % 2 === 0 ? 'agent' : 'caller',
    text: `line ${index}`,
    endedAtMs: 1_000 + index,
  });
}
await file.synced();
process.send?.({ type: 'journaled' });
setInterval(() => undefined, 60_000);
