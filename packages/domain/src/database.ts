// The database handle apps open and pass to domain verbs. Apps that write only through the domain (the
// worker) import it from here, so `@receptionist/db` stays behind this package.
export { closeDatabase, type Database, type Executor, openDatabase } from '@receptionist/db';
