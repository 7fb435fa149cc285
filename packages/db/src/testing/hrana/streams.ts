import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { HranaProtocolError, HranaStatementError } from './protocol.ts';
import { SqlConnection } from './sql-connection.ts';
import { WriterSlot } from './writer-slot.ts';

/**
 * Hrana-over-HTTP streams and their batons.
 *
 * A stream is one SQLite connection plus its stored SQL texts. HTTP has no connection to end, so a
 * stream left idle for `idleMs` expires (libSQL's server uses 10 s): its connection rolls back whatever
 * transaction it held, which releases the write lock an abandoned client would otherwise keep forever.
 * Batons are `<stream id>.<sequence>.<HMAC>`: unforgeable, and single-use because the sequence moves on
 * with every response, so a client must serialise its requests on a stream as the spec requires.
 */
export class Stream {
  readonly id: number;
  seq = 0;
  readonly sqlTexts = new Map<number, string>();
  #connection: SqlConnection | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** True while a pipeline runs on it: a second request with the same baton is refused. */
  busy = false;

  constructor(
    id: number,
    private readonly pool: ConnectionPool,
  ) {
    this.id = id;
  }

  /** Opened on first use, so a stream that only closes costs nothing. */
  connection(): SqlConnection {
    this.#connection ??= this.pool.acquire();
    return this.#connection;
  }

  get isAutocommit(): boolean {
    return this.#connection?.isAutocommit ?? true;
  }

  resolveSql(ref: { sql?: string | null | undefined; sql_id?: number | null | undefined }): string {
    if (ref.sql != null && ref.sql_id != null) {
      throw new HranaProtocolError('Either `sql` or `sql_id` are required, but not both');
    }
    if (ref.sql != null) return ref.sql;
    if (ref.sql_id == null) throw new HranaProtocolError('Either `sql` or `sql_id` are required');
    const text = this.sqlTexts.get(ref.sql_id);
    if (text === undefined) throw new HranaProtocolError(`SQL text ${ref.sql_id} not found`);
    return text;
  }

  storeSql(sqlId: number, sql: string): void {
    if (this.sqlTexts.has(sqlId)) throw new HranaProtocolError(`SQL text ${sqlId} already exists`);
    this.sqlTexts.set(sqlId, sql);
  }

  armExpiry(idleMs: number, onExpire: () => void): void {
    this.disarmExpiry();
    this.#timer = setTimeout(onExpire, idleMs);
    this.#timer.unref();
  }

  disarmExpiry(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Ends the stream: an open transaction rolls back and the connection goes back to the pool. */
  close(): void {
    this.disarmExpiry();
    if (this.#connection !== undefined) this.pool.release(this.#connection);
    this.#connection = undefined;
    this.sqlTexts.clear();
  }
}

/** Connections outlive streams: the client opens a stream for every statement outside a transaction. */
export class ConnectionPool {
  readonly #idle: SqlConnection[] = [];
  readonly #slot = new WriterSlot();
  #opened = 0;

  constructor(
    private readonly path: string,
    private readonly busyTimeoutMs: number,
    private readonly maxIdle: number,
  ) {}

  get opened(): number {
    return this.#opened;
  }

  acquire(): SqlConnection {
    const idle = this.#idle.pop();
    if (idle !== undefined) return idle;
    this.#opened += 1;
    return new SqlConnection(this.path, this.#slot, this.busyTimeoutMs);
  }

  release(connection: SqlConnection): void {
    try {
      connection.rollback();
    } catch {
      connection.close();
      return;
    }
    if (this.#idle.length < this.maxIdle) this.#idle.push(connection);
    else connection.close();
  }

  closeAll(): void {
    for (const connection of this.#idle.splice(0)) connection.close();
  }
}

const MAX_REMEMBERED_EXPIRED = 10_000;

export class StreamRegistry {
  readonly #key = randomBytes(32);
  readonly #streams = new Map<number, Stream>();
  /** Expired stream ids, so a late client hears "expired" rather than "invalid baton". */
  readonly #expired = new Set<number>();
  #nextId = 1;

  constructor(
    private readonly pool: ConnectionPool,
    private readonly idleMs: number,
  ) {}

  get openCount(): number {
    return this.#streams.size;
  }

  open(): Stream {
    const stream = new Stream(this.#nextId, this.pool);
    this.#nextId += 1;
    this.#streams.set(stream.id, stream);
    return stream;
  }

  /** The stream a baton names, claimed for one pipeline; throws if the baton is forged, stale or reused. */
  claim(baton: string): Stream {
    const [idText, seqText, mac] = baton.split('.');
    const id = Number(idText);
    const seq = Number(seqText);
    if (mac === undefined || !Number.isSafeInteger(id) || !Number.isSafeInteger(seq)) {
      throw new HranaProtocolError('Received an invalid baton');
    }
    const expected = Buffer.from(this.#sign(id, seq));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new HranaProtocolError('Received an invalid baton');
    }
    const stream = this.#streams.get(id);
    if (stream === undefined) {
      if (this.#expired.has(id)) {
        throw new HranaStatementError('The stream has expired due to inactivity', 'STREAM_EXPIRED');
      }
      throw new HranaProtocolError('Stream for this baton was closed');
    }
    if (stream.seq !== seq || stream.busy) {
      throw new HranaProtocolError('Received a baton that has already been used');
    }
    stream.busy = true;
    stream.disarmExpiry();
    return stream;
  }

  /** After a pipeline: the next baton, and the idle clock starts again. */
  handBack(stream: Stream): string {
    stream.busy = false;
    stream.seq += 1;
    stream.armExpiry(this.idleMs, () => this.#expire(stream));
    return `${stream.id}.${stream.seq}.${this.#sign(stream.id, stream.seq)}`;
  }

  close(stream: Stream): void {
    stream.close();
    this.#streams.delete(stream.id);
  }

  closeAll(): void {
    for (const stream of this.#streams.values()) stream.close();
    this.#streams.clear();
  }

  #expire(stream: Stream): void {
    if (stream.busy) return;
    this.close(stream);
    // Remembered for a while only: a long-running server must not grow without bound.
    if (this.#expired.size >= MAX_REMEMBERED_EXPIRED) this.#expired.clear();
    this.#expired.add(stream.id);
  }

  #sign(id: number, seq: number): string {
    return createHmac('sha256', this.#key).update(`${id}.${seq}`).digest('base64url');
  }
}
