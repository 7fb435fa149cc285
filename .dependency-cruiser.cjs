// The layer rules of ARCHITECTURE.md, checked by `npm run check:deps` (part of `npm test`).
//
//   audio ← telephony
//   audio ← engine ← receptionist → domain → db
//   voice → {telephony, engine, receptionist, domain}     worker → domain, telephony (+ engine/speech)     web → domain
//   billing (the Polar adapter) imports nothing of ours; worker and web may use it
//
// Production code is held to every rule. Tests and `testing/` fixtures may reach lower layers' test kits
// (a temporary database, a fake OpenAI server), but the engine's tests still may not use the business.

/** A path regex for a workspace package's or app's source. */
const pkg = (name) => `^packages/${name}/`;
const app = (name) => `^apps/${name}/`;
const TEST_FILES = '(\\.test\\.tsx?|\\.e2e\\.ts)$|/testing/|/e2e/';
/** Read-only queries: the one folder of the dashboard that may import the database layer. */
const WEB_QUERIES = '^apps/web/src/server/queries/';
/** The voice server's one folder of database reads (routing lookups, the connection, readiness). */
const VOICE_READS = '^apps/voice/src/db-reads/';

/** `from` may import nothing of ours except `allowed` (plus itself). */
function onlyImports(name, from, allowed, comment) {
  const ours = ['audio', 'telephony', 'db', 'domain', 'engine', 'receptionist', 'billing']
    .map(pkg)
    .concat(['voice', 'web', 'worker', 'caller'].map(app));
  const forbidden = ours.filter((path) => path !== from.path && !allowed.includes(path));
  return {
    name,
    comment,
    severity: 'error',
    from: from.withTests ? { path: from.path } : { path: from.path, pathNot: from.pathNot ?? TEST_FILES },
    to: { path: forbidden },
  };
}

module.exports = {
  forbidden: [
    onlyImports(
      'audio-is-a-leaf',
      { path: pkg('audio') },
      [],
      'signal processing, and the typed event emitter every layer shares',
    ),
    onlyImports('db-is-a-leaf', { path: pkg('db') }, [], 'the database layer knows no business'),
    onlyImports(
      'billing-is-an-adapter',
      { path: pkg('billing'), withTests: true },
      [],
      'the Polar adapter (SDK client, webhook signatures, fake Polar): no business, no database',
    ),
    onlyImports(
      'google-calendar-is-a-leaf',
      { path: pkg('google-calendar'), withTests: true },
      [],
      'the Google Calendar / OAuth client and its fake: wire protocol only, no business',
    ),
    onlyImports(
      'calendar-sync-uses-domain',
      { path: pkg('calendar-sync') },
      [pkg('domain')],
      'Google Calendar sessions and the freeBusy port → domain (and the google-calendar client)',
    ),
    onlyImports('telephony-uses-audio', { path: pkg('telephony') }, [pkg('audio')], 'telephony → audio'),
    onlyImports(
      'engine-knows-no-business',
      { path: pkg('engine'), withTests: true },
      [pkg('audio')],
      'speech and conversation only: no tools, no verbs, no database (tests included)',
    ),
    onlyImports('domain-uses-db', { path: pkg('domain') }, [pkg('db')], 'business verbs → db only'),
    onlyImports(
      'receptionist-is-the-agent',
      { path: pkg('receptionist') },
      [pkg('engine'), pkg('domain'), pkg('audio')],
      'the agent (tools, instructions, offline policy) → engine, domain',
    ),
    onlyImports(
      'voice-wires-the-call',
      { path: app('voice'), pathNot: `${TEST_FILES}|${VOICE_READS}` },
      [
        pkg('audio'),
        pkg('telephony'),
        pkg('engine'),
        pkg('receptionist'),
        pkg('domain'),
        pkg('calendar-sync'),
        app('worker'),
      ],
      'the voice server → telephony, engine, receptionist, domain, calendar-sync (and the worker it can embed); never the database',
    ),
    {
      // Voicemails are transcribed on the cold path, so the worker may use the engine's speech entry (a
      // recording in, text out) and nothing else of the engine: no conversation, tools or business.
      ...onlyImports(
        'worker-uses-domain',
        { path: app('worker') },
        [pkg('domain'), pkg('billing'), pkg('telephony')],
        'the worker → domain, billing, telephony’s Twilio REST client (and the engine’s speech entry only)',
      ),
      to: {
        path: onlyImports('', { path: app('worker') }, [pkg('domain'), pkg('billing'), pkg('telephony')]).to
          .path,
        pathNot: '^packages/engine/src/speech\\.ts$',
      },
    },
    onlyImports(
      'web-writes-through-domain',
      { path: app('web'), pathNot: `${TEST_FILES}|${WEB_QUERIES}|^apps/web/src/server/db\\.ts$` },
      [pkg('domain'), pkg('telephony'), pkg('audio'), pkg('billing')],
      'the dashboard and REST API → domain (and the Polar adapter); database reads only under apps/web/src/server/queries/',
    ),
    {
      name: 'database-reads-stay-reads',
      comment: 'the folders that may use the database layer serve reads: no agent, no engine, no voice code',
      severity: 'error',
      from: { path: `${WEB_QUERIES}|${VOICE_READS}`, pathNot: TEST_FILES },
      to: { path: [pkg('engine'), pkg('receptionist'), app('voice')] },
    },
    {
      name: 'media-relay-has-no-database',
      comment: 'the hot path relays audio in memory: no database or domain code below the relay',
      severity: 'error',
      from: { path: '^apps/voice/src/call/media-relay' },
      to: { path: [pkg('db'), pkg('domain')] },
    },
    {
      name: 'media-relay-has-no-database-transitively',
      comment: 'not even through a helper module',
      severity: 'error',
      from: { path: '^apps/voice/src/call/media-relay' },
      to: { path: [pkg('db'), pkg('domain')], reachable: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      // Type-only cycles (two fakes naming each other's types) vanish at run time.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.next[^/]*|data|tmp|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
