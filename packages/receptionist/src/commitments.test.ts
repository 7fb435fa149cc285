import { describe, expect, it } from 'vitest';
import { receptionistCommitments } from './commitments.ts';

const none = new Set<string>();

describe('receptionist commitment check', () => {
  it.each([
    ["Great, you're booked for a cleaning tomorrow at ten.", 'booking'],
    ['I have booked you in for Tuesday.', 'booking'],
    ['Your appointment has been cancelled.', 'cancellation'],
    ['Your Cleaning on Tuesday, March 3 at 2:00 PM is cancelled.', 'cancellation'],
    ["I've moved your appointment to Friday.", 'reschedule'],
    ["I've passed on your message to Dr. Lee.", 'message'],
    ["You've been transferred to the front desk.", 'transfer'],
    ['Listo, su cita está reservada para el martes.', 'booking'],
    ['Ya le he reservado la limpieza.', 'booking'],
    ['He cancelado su cita.', 'cancellation'],
    ['He anotado su mensaje.', 'message'],
    ["C'est réservé pour mardi à 14 h.", 'booking'],
    ["J'ai bien annulé votre rendez-vous.", 'cancellation'],
    ['Votre message a été transmis.', 'message'],
  ])('catches "%s" with no tool behind it (%s)', (text, kind) => {
    const claim = receptionistCommitments.review(text, none);
    expect(claim?.kind).toBe(kind);
    // The sentence said instead makes no claim of its own.
    expect(receptionistCommitments.review(claim?.replacement ?? '', none)).toBeUndefined();
  });

  it('answers in the language of the claim', () => {
    expect(receptionistCommitments.review('Su cita está confirmada.', none)?.replacement).toMatch(/reserva/);
    expect(receptionistCommitments.review("C'est réservé.", none)?.replacement).toMatch(/réservé/);
  });

  it.each([
    "I haven't booked anything yet. Would you like me to check the times?",
    'Let me book that for you.',
    'Would you like me to cancel it?',
    'Todavía no he reservado nada.',
    "Je n'ai pas annulé votre rendez-vous.",
    'Sure, let me transfer you.',
    'We have openings at ten and eleven.',
    'That time is already booked. I have three or four instead.',
    'Nothing has been cancelled yet.',
  ])('lets "%s" through: no claim', (text) => {
    expect(receptionistCommitments.review(text, none)).toBeUndefined();
  });

  it('lets a claim through once the matching tool succeeded on the call', () => {
    expect(receptionistCommitments.review("You're booked.", new Set(['book_appointment']))).toBeUndefined();
    expect(
      receptionistCommitments.review('Su cita está reservada.', new Set(['book_appointment'])),
    ).toBeUndefined();
    // A booking does not back a cancellation.
    expect(
      receptionistCommitments.review('Your appointment has been cancelled.', new Set(['book_appointment']))
        ?.kind,
    ).toBe('cancellation');
  });
});
