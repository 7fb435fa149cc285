import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HranaServer, type HranaServerOptions, startHranaServer } from './server.ts';

let dir: string;
let server: HranaServer;
let clients: Client[];
const unknownTypes: string[] = [];

async function start(options: Partial<HranaServerOptions> = {}): Promise<HranaServer> {
  server = await startHranaServer({
    file: join(dir, 'remote.db'),
    onUnknownRequest: (type) => unknownTypes.push(type),
    ...options,
  });
  return server;
}

function client(url = server.url): Client {
  const created = createClient({ url, intMode: 'bigint' });
  clients.push(created);
  return created;
}

// biome-ignore lint/suspicious/noExplicitAny: assertions walk the wire JSON by hand
type WireJson = any;

async function post(path: string, body: unknown): Promise<{ status: number; json: WireJson; text: string }> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: WireJson;
  try {
    json = JSON.parse(text.split('\n')[0] ?? '');
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

const stmt = (sql: string, args: unknown[] = []) => ({ sql, args });
const integer = (value: number) => ({ type: 'integer', value: String(value) });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hrana-server-'));
  clients = [];
  unknownTypes.length = 0;
});

afterEach(async () => {
  for (const c of clients) c.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the Hrana-over-HTTP server, through @libsql/client', () => {
  it('round-trips every value type, named arguments and RETURNING', async () => {
    await start();
    const db = client();
    await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, f REAL, s TEXT, b BLOB, n TEXT)');
    const big = 9_007_199_254_740_993n; // above 2^53: survives only as a string on the wire
    const inserted = await db.execute({
      sql: 'INSERT INTO t (i, f, s, b, n) VALUES (:i, @f, $s, ?4, NULL) RETURNING id',
      args: { i: big, f: 2.0, s: 'héllo', 4: new Uint8Array([0, 255, 7]) } as never,
    });
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(1n);
    expect(inserted.rows[0]?.id).toBe(1n);

    const read = await db.execute('SELECT i, f, s, b, n, typeof(f) AS ft FROM t');
    const row = read.rows[0];
    expect(row?.i).toBe(big);
    expect(row?.f).toBe(2);
    expect(row?.ft).toBe('real');
    expect(row?.s).toBe('héllo');
    expect([...new Uint8Array(row?.b as ArrayBuffer)]).toEqual([0, 255, 7]);
    expect(row?.n).toBeNull();
    expect(read.columnTypes).toEqual(['INTEGER', 'REAL', 'TEXT', 'BLOB', 'TEXT', '']);

    const updated = await db.execute({ sql: 'UPDATE t SET s = ? WHERE id = ?', args: ['x', 1] });
    expect(updated.rowsAffected).toBe(1);
  });

  it('reports SQLite errors with libSQL codes and the SQLite message', async () => {
    await start();
    const db = client();
    await db.execute('CREATE TABLE u (v TEXT UNIQUE)');
    await db.execute("INSERT INTO u VALUES ('a')");
    await expect(db.execute("INSERT INTO u VALUES ('a')")).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT',
      message: expect.stringContaining('UNIQUE constraint failed: u.v'),
    });
    await expect(db.execute('SELEC 1')).rejects.toMatchObject({ code: 'SQL_PARSE_ERROR' });
  });

  it('runs a write batch atomically: a failing step rolls back the ones before it', async () => {
    await start();
    const db = client();
    await db.execute('CREATE TABLE u (v TEXT UNIQUE)');
    await expect(
      db.batch(["INSERT INTO u VALUES ('b')", "INSERT INTO u VALUES ('b')"], 'write'),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect((await db.execute('SELECT count(*) AS c FROM u')).rows[0]?.c).toBe(0n);
    await db.executeMultiple("INSERT INTO u VALUES ('c'); INSERT INTO u VALUES ('d');");
    expect((await db.execute('SELECT count(*) AS c FROM u')).rows[0]?.c).toBe(2n);
  });

  it('makes a second writer wait for an open transaction, then run, and readers see only commits', async () => {
    await start();
    const a = client();
    const b = client();
    await a.execute('CREATE TABLE k (n INTEGER)');
    const tx = await a.transaction('write');
    await tx.execute('INSERT INTO k VALUES (1)');

    let secondDone = false;
    const second = b.execute('INSERT INTO k VALUES (2)').then(() => {
      secondDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(secondDone).toBe(false);
    expect((await b.execute('SELECT count(*) AS c FROM k')).rows[0]?.c).toBe(0n);

    await tx.commit();
    await second;
    expect((await b.execute('SELECT n FROM k ORDER BY n')).rows.map((r) => r.n)).toEqual([1n, 2n]);
  });

  it('answers SQLITE_BUSY when the write lock stays taken past the busy timeout', async () => {
    await start({ busyTimeoutMs: 150 });
    const a = client();
    await a.execute('CREATE TABLE k (n INTEGER)');
    const tx = await a.transaction('write');
    await tx.execute('INSERT INTO k VALUES (1)');
    await expect(client().execute('INSERT INTO k VALUES (2)')).rejects.toMatchObject({
      code: 'SQLITE_BUSY',
    });
    await tx.rollback();
    await client().execute('INSERT INTO k VALUES (3)');
  });

  it('expires an abandoned stream: its transaction rolls back and frees the lock', async () => {
    await start({ streamIdleMs: 100, busyTimeoutMs: 2_000 });
    await client().execute('CREATE TABLE k (n INTEGER)');
    const begun = await post('/v2/pipeline', {
      baton: null,
      requests: [
        { type: 'execute', stmt: stmt('BEGIN IMMEDIATE') },
        { type: 'execute', stmt: stmt('INSERT INTO k VALUES (1)') },
      ],
    });
    expect(begun.json.results.map((r: { type: string }) => r.type)).toEqual(['ok', 'ok']);

    // This writer waits for the abandoned transaction, which expiry rolls back.
    await client().execute('INSERT INTO k VALUES (2)');
    expect((await client().execute('SELECT n FROM k')).rows.map((r) => r.n)).toEqual([2n]);

    const late = await post('/v2/pipeline', { baton: begun.json.baton, requests: [] });
    expect(late.status).toBe(400);
    expect(late.json).toMatchObject({ code: 'STREAM_EXPIRED' });
  });
});

describe('the Hrana-over-HTTP wire protocol', () => {
  it('evaluates batch conditions (ok, error, not, and, or, is_autocommit on v3)', async () => {
    await start();
    const steps = [
      { stmt: stmt('SELECT 1') },
      { stmt: stmt('SELECT nope') },
      { condition: { type: 'ok', step: 0 }, stmt: stmt('SELECT 2') },
      { condition: { type: 'ok', step: 1 }, stmt: stmt('SELECT 3') },
      { condition: { type: 'not', cond: { type: 'error', step: 1 } }, stmt: stmt('SELECT 4') },
      {
        condition: {
          type: 'and',
          conds: [
            { type: 'ok', step: 0 },
            { type: 'error', step: 1 },
          ],
        },
        stmt: stmt('SELECT 5'),
      },
      {
        condition: {
          type: 'or',
          conds: [
            { type: 'ok', step: 3 },
            { type: 'ok', step: 4 },
          ],
        },
        stmt: stmt('SELECT 6'),
      },
      { condition: { type: 'is_autocommit' }, stmt: stmt('SELECT 7') },
    ];
    const response = await post('/v3/pipeline', {
      baton: null,
      requests: [{ type: 'batch', batch: { steps } }, { type: 'close' }],
    });
    const result = response.json.results[0].response.result;
    const ran = result.step_results.map((r: { rows: unknown[][] } | null) => (r === null ? null : r.rows[0]));
    expect(ran).toEqual([[integer(1)], null, [integer(2)], null, null, [integer(5)], null, [integer(7)]]);
    expect(result.step_errors[1]).toMatchObject({
      code: 'SQLITE_ERROR',
      message: expect.stringContaining('nope'),
    });
    expect(response.json.baton).toBeNull();

    const v2 = await post('/v2/pipeline', { baton: null, requests: [{ type: 'batch', batch: { steps } }] });
    expect(v2.status).toBe(400);
  });

  it('keeps a stream across batons: stored SQL, autocommit state, describe, sequence', async () => {
    await start();
    const first = await post('/v3/pipeline', {
      baton: null,
      requests: [
        { type: 'sequence', sql: 'CREATE TABLE p (a INTEGER, b TEXT); BEGIN' },
        { type: 'store_sql', sql_id: 1, sql: 'INSERT INTO p VALUES (?, :b)' },
        { type: 'get_autocommit' },
        { type: 'describe', sql: 'SELECT a AS x, b FROM p WHERE a = ?2 OR b = :name OR a = ?' },
        { type: 'describe', sql_id: 1 },
      ],
    });
    const [, , autocommit, describeSelect, describeInsert] = first.json.results.map(
      (r: { response: unknown }) => r.response,
    );
    expect(autocommit).toEqual({ type: 'get_autocommit', is_autocommit: false });
    expect(describeSelect.result).toEqual({
      params: [{ name: null }, { name: '?2' }, { name: ':name' }, { name: null }],
      cols: [
        { name: 'x', decltype: 'INTEGER' },
        { name: 'b', decltype: 'TEXT' },
      ],
      is_explain: false,
      is_readonly: true,
    });
    expect(describeInsert.result).toMatchObject({
      params: [{ name: null }, { name: ':b' }],
      is_readonly: false,
    });

    const second = await post('/v3/pipeline', {
      baton: first.json.baton,
      requests: [
        {
          type: 'execute',
          stmt: {
            sql_id: 1,
            args: [integer(5)],
            named_args: [{ name: 'b', value: { type: 'text', value: 'five' } }],
          },
        },
        { type: 'close_sql', sql_id: 1 },
        { type: 'execute', stmt: { sql: 'COMMIT' } },
        { type: 'get_autocommit' },
        { type: 'execute', stmt: { sql: 'SELECT a, b FROM p', want_rows: false } },
        { type: 'close' },
      ],
    });
    const responses = second.json.results.map((r: { response: unknown }) => r.response);
    expect(responses[0].result.affected_row_count).toBe(1);
    expect(responses[3]).toEqual({ type: 'get_autocommit', is_autocommit: true });
    expect(responses[4].result.rows).toEqual([]);
    expect(second.json.baton).toBeNull();

    // The stored SQL text died with its stream's close_sql.
    const after = await post('/v3/pipeline', {
      baton: null,
      requests: [{ type: 'execute', stmt: { sql_id: 1 } }],
    });
    expect(after.status).toBe(400);
  });

  it('refuses a reused, forged or closed baton', async () => {
    await start();
    const first = await post('/v2/pipeline', {
      baton: null,
      requests: [{ type: 'execute', stmt: stmt('SELECT 1') }],
    });
    const next = await post('/v2/pipeline', { baton: first.json.baton, requests: [] });
    expect(next.status).toBe(200);
    expect((await post('/v2/pipeline', { baton: first.json.baton, requests: [] })).status).toBe(400);
    const [id, seq] = String(next.json.baton).split('.');
    expect((await post('/v2/pipeline', { baton: `${id}.${seq}.forged`, requests: [] })).status).toBe(400);
    const closed = await post('/v2/pipeline', { baton: next.json.baton, requests: [{ type: 'close' }] });
    expect(closed.json.baton).toBeNull();
    expect((await post('/v2/pipeline', { baton: next.json.baton, requests: [] })).status).toBe(400);
  });

  it('answers an unknown request type with an error result and still runs the rest', async () => {
    await start();
    const response = await post('/v3/pipeline', {
      baton: null,
      requests: [{ type: 'teleport' }, { type: 'execute', stmt: stmt('SELECT 1') }, { type: 'close' }],
    });
    expect(response.json.results.map((r: { type: string }) => r.type)).toEqual(['error', 'ok', 'ok']);
    expect(unknownTypes).toEqual(['teleport']);
  });

  it('streams a batch through the v3 cursor endpoint', async () => {
    await start();
    const response = await post('/v3/cursor', {
      baton: null,
      batch: { steps: [{ stmt: stmt('SELECT 1 AS one UNION ALL SELECT 2') }, { stmt: stmt('SELECT nope') }] },
    });
    const lines = response.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0].baton).toEqual(expect.any(String));
    expect(lines.slice(1).map((entry: { type: string }) => entry.type)).toEqual([
      'step_begin',
      'row',
      'row',
      'step_end',
      'step_error',
    ]);
  });

  it('offers versions 2 and 3 in JSON, not Protobuf, and checks the auth token', async () => {
    await start({ authToken: 'secret' });
    const get = (path: string, token?: string) =>
      fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }).then(
        (r) => r.status,
      );
    expect(await get('/v3', 'secret')).toBe(200);
    expect(await get('/v3-protobuf', 'secret')).toBe(404);
    expect(await get('/v3')).toBe(401);
    const authed = createClient({ url: server.url, authToken: 'secret' });
    clients.push(authed);
    expect((await authed.execute('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    await expect(client().execute('SELECT 1')).rejects.toThrow(/401/);
  });
});
