export * from './answer-knowledge-gap.ts';
export * from './deterministic.ts';
export * from './facts.ts';
export * from './promises.ts';
export * from './questions.ts';
export * from './read-call.ts';
export * from './save-call-analysis.ts';
export * from './schema.ts';
