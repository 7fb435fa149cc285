export * from './book.ts';
export * from './cancel.ts';
export * from './find.ts';
export * from './locate.ts';
export * from './reschedule.ts';
export * from './view.ts';
export * from './caller-code.ts';
