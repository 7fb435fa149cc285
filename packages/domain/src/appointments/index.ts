export * from './book.ts';
export * from './locate.ts';
export * from './manage.ts';
export * from './view.ts';
