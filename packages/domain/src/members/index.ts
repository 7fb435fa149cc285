export * from './add-staff.ts';
