/**
 * Per-install development secrets for `npm start` (see @receptionist/domain/dev-secrets): the voice server
 * and the dashboard read the same file when the environment gives no SESSION_SECRET.
 */
export { type DevSecrets, loadOrCreateDevSecrets } from '../packages/domain/src/dev-secrets.ts';
