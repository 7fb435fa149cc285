export * from './invite-staff.ts';
