export * from './invite-staff.ts';
export * from './remove-member.ts';
