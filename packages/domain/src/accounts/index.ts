export { LINK_TTL_MS } from './account-links.ts';
export * from './authenticate-local-user.ts';
export * from './password.ts';
export * from './password-policy.ts';
export * from './register-local-user.ts';
export * from './sign-out-everywhere.ts';
export * from './upsert-google-user.ts';
export * from './verify-email.ts';
