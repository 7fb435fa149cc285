// Spoken English shared by the recognizer's language model and the receptionist's offline policy:
// what a caller can say (numbers, dates, times) and how it is normalised. No business knowledge here.
export { spokenCalendarDates } from '../stt/spoken-when.ts';
export * from './words.ts';
