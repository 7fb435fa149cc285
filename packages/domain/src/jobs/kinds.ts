/** Names of the cold-path jobs; the worker dispatches on them, the voice server and verbs enqueue them. */
export const JOB_KINDS = { callEnded: 'call.ended' } as const;
