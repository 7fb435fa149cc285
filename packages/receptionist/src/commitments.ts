import type { CommitmentCheck, UnbackedClaim } from '@receptionist/engine';
import type { ReceptionistToolName } from './tools/index.ts';

// Confirmations the receptionist may only say once the matching tool succeeded on this call. Patterns are
// past or present-perfect claims ("you're booked", "he cancelado"), not offers ("let me book that") or
// refusals ("I haven't booked anything yet"), in the languages whose wording we check (en, es, fr).

type CommitmentKind = 'booking' | 'reschedule' | 'cancellation' | 'message' | 'transfer';
type CheckedLanguage = 'en' | 'es' | 'fr';

/** Which successful tools make each kind of claim true. */
const BACKED_BY: Record<CommitmentKind, readonly ReceptionistToolName[]> = {
  booking: ['book_appointment', 'reschedule_appointment'],
  reschedule: ['reschedule_appointment'],
  cancellation: ['cancel_appointment'],
  message: ['take_message'],
  transfer: ['transfer_call'],
};

/** JavaScript's `\b` knows only ASCII letters ("annulé" has none after its é): a Unicode word boundary instead. */
const WORD_BOUNDARY = '(?:(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}]))';

function unicodeWords(patterns: Record<CommitmentKind, RegExp[]>): Record<CommitmentKind, RegExp[]> {
  return Object.fromEntries(
    Object.entries(patterns).map(([kind, list]) => [
      kind,
      list.map((pattern) => new RegExp(pattern.source.replaceAll('\\b', WORD_BOUNDARY), 'iu')),
    ]),
  ) as Record<CommitmentKind, RegExp[]>;
}

const WRITTEN_CLAIMS: Record<CheckedLanguage, Record<CommitmentKind, RegExp[]>> = {
  en: {
    booking: [
      /\b(you're|you are|you've been|you have been) (all |now )?(booked|scheduled|confirmed)\b/iu,
      /\b(i've|i have|we've|we have) (booked|scheduled|reserved|made) (you|your|an|the|a|that)\b/iu,
      /\b(your|the) (appointment|booking|reservation) (is|has been) (now )?(booked|confirmed|scheduled|made)\b/iu,
    ],
    reschedule: [
      /\b(i've|i have|we've|we have) (moved|rescheduled|changed) (you|your|the|it)\b/iu,
      /\b(your|the) (appointment|booking) (is|has been) (now )?(moved|rescheduled|changed)\b/iu,
    ],
    cancellation: [
      /\b(i've|i have|we've|we have) (cancell?ed)\b/iu,
      /\b(your|the) (appointment|booking|reservation) (is|has been) (now )?cancell?ed\b/iu,
      // The cancel tool's own wording: "Your Cleaning on Tuesday, March 3 at 2:00 PM is cancelled."
      /\byour [\p{L}\p{N} ,.:-]{1,80}? (is|has been) (now )?cancell?ed\b/iu,
    ],
    message: [
      /\b(i've|i have|we've|we have) (taken|passed on|sent|left|recorded|noted) (your|the|a|that) message\b/iu,
      /\b(your|the) message (is|has been) (taken|passed on|sent|recorded|delivered)\b/iu,
    ],
    transfer: [
      /\b(i've|i have) (transferred|connected) you\b/iu,
      /\byou('ve| have) been (transferred|connected)\b/iu,
    ],
  },
  es: {
    booking: [
      /\b(he|hemos|le he|te he) (reservado|agendado|programado|apartado)\b/iu,
      /\b(est[áa]|queda|qued[óo]|ha quedado) (ya )?(reservad[oa]|agendad[oa]|programad[oa]|confirmad[oa])\b/iu,
    ],
    reschedule: [
      /\b(he|hemos|le he) (cambiado|movido|reprogramado)\b/iu,
      /\b(est[áa]|qued[óo]|ha sido|ha quedado) (cambiad[oa]|movid[oa]|reprogramad[oa])\b/iu,
    ],
    cancellation: [
      /\b(he|hemos|le he) cancelado\b/iu,
      /\b(est[áa]|queda|qued[óo]|ha sido|ha quedado) cancelad[oa]\b/iu,
    ],
    message: [
      /\b(he|hemos) (tomado|dejado|pasado|anotado|enviado) (su|tu|el) (mensaje|recado)\b/iu,
      /\b(su|tu|el) (mensaje|recado) (est[áa]|qued[óo]|ha sido) (tomado|enviado|anotado|registrado)\b/iu,
    ],
    transfer: [/\b(le|te|lo|la) (he|hemos) (transferido|pasado|comunicado)\b/iu],
  },
  fr: {
    booking: [
      /\bj'ai (bien )?(réservé|pris|enregistré) (votre|le|un|ce) (rendez-vous|créneau)\b/iu,
      /\b(votre|le) rendez-vous (est|a été) (bien )?(réservé|confirmé|pris|enregistré)\b/iu,
      /\bc'est (bien )?réservé\b/iu,
    ],
    reschedule: [
      /\bj'ai (bien )?(déplacé|décalé|reporté|modifié) (votre|le)\b/iu,
      /\b(votre|le) rendez-vous (est|a été) (bien )?(déplacé|décalé|reporté|modifié)\b/iu,
    ],
    cancellation: [/\bj'ai (bien )?annulé\b/iu, /\b(votre|le) rendez-vous (est|a été) (bien )?annulé\b/iu],
    message: [
      /\bj'ai (bien )?(pris|noté|transmis|laissé) (votre|le) message\b/iu,
      /\b(votre|le) message (est|a été) (bien )?(pris|noté|transmis)\b/iu,
    ],
    transfer: [/\bje vous ai (transféré|mis en relation)\b/iu],
  },
};

const CLAIMS: Record<CheckedLanguage, Record<CommitmentKind, RegExp[]>> = {
  en: unicodeWords(WRITTEN_CLAIMS.en),
  es: unicodeWords(WRITTEN_CLAIMS.es),
  fr: unicodeWords(WRITTEN_CLAIMS.fr),
};

/** What to say instead: true, and an offer to do it properly. Must match none of the claims above. */
const TRUTHFUL: Record<CheckedLanguage, Record<CommitmentKind, string>> = {
  en: {
    booking: "I haven't booked anything yet. Would you like me to check the times and book it?",
    reschedule:
      "Your appointment hasn't been moved yet. Would you like me to check the new time and move it?",
    cancellation: 'Nothing has been cancelled yet. Would you like me to cancel it?',
    message: "I haven't taken your message yet. What would you like it to say?",
    transfer: "I haven't transferred you yet. Would you like me to?",
  },
  es: {
    booking: 'Todavía no hay ninguna reserva hecha. ¿Quiere que revise los horarios y haga la reserva?',
    reschedule: 'Su cita sigue igual por ahora. ¿Quiere que revise el nuevo horario y la cambie?',
    cancellation: 'Todavía no se ha cancelado nada. ¿Quiere que la cancele?',
    message: 'Su mensaje aún no está anotado. ¿Qué quiere que diga?',
    transfer: 'La transferencia todavía no se ha hecho. ¿Quiere que le transfiera?',
  },
  fr: {
    booking: "Je n'ai encore rien réservé. Voulez-vous que je vérifie les horaires et que je réserve ?",
    reschedule: "Votre rendez-vous n'a pas encore été déplacé. Voulez-vous que je le déplace ?",
    cancellation: "Rien n'a encore été annulé. Voulez-vous que j'annule ?",
    message: "Je n'ai pas encore pris votre message. Que voulez-vous qu'il dise ?",
    transfer: 'Je ne vous ai pas encore transféré. Voulez-vous que je le fasse ?',
  },
};

/** A negation just before the claim ("no he reservado", "I have not booked") turns it into a refusal. */
const NEGATION =
  /\b(not|never|no|nothing|nunca|nada|todavía no|aún no|pas|rien|jamais)\s+(\S+\s+){0,2}$|n't\s+(\S+\s+){0,1}$|\bn'\S*\s*$/iu;

function negated(text: string, index: number): boolean {
  return NEGATION.test(text.slice(Math.max(0, index - 30), index));
}

/** The receptionist's commitment check, for both engines (see `CommitmentCheck`). */
export const receptionistCommitments: CommitmentCheck = {
  review(said: string, succeeded: ReadonlySet<string>): UnbackedClaim | undefined {
    // Typographic apostrophes ("J’ai") read as plain ones, so one pattern covers both.
    const text = said.replace(/[’‘]/g, "'");
    for (const [language, kinds] of Object.entries(CLAIMS) as Array<
      [CheckedLanguage, Record<CommitmentKind, RegExp[]>]
    >) {
      for (const [kind, patterns] of Object.entries(kinds) as Array<[CommitmentKind, RegExp[]]>) {
        if (BACKED_BY[kind].some((tool) => succeeded.has(tool))) continue;
        for (const pattern of patterns) {
          const match = pattern.exec(text);
          if (match && !negated(text, match.index)) {
            return { kind, claim: match[0], replacement: TRUTHFUL[language][kind] };
          }
        }
      }
    }
    return undefined;
  },
};
