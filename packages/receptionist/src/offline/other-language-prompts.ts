import { baseLanguage } from '@receptionist/domain';

/**
 * What the offline line says to a caller in a language it cannot understand, in that language (espeak-ng
 * speaks it). Keypad only: 1 leaves a message for a call back, 2 reaches a person when the business has one.
 */
export interface OtherLanguagePrompts {
  /** Why the caller is not asked to talk: the line only understands English. */
  cannotUnderstand: string;
  menu: (canTransfer: boolean) => string;
  /** When caller ID is missing: key the number, then #. */
  keyNumber: string;
  badNumber: string;
  /** Said after take_message succeeded (the commitment check lets it through only then). */
  messageTaken: string;
  transferring: string;
  noTransfer: string;
  failed: string;
  goodbye: string;
  /** The message left for the business, which reads it in the primary language (English). */
  messageReason: (languageName: string, tag: string) => string;
}

const ENGLISH: OtherLanguagePrompts = {
  cannotUnderstand: 'Sorry, this automated line only understands English.',
  menu: (canTransfer) =>
    `To leave a message so we call you back, press 1.${canTransfer ? ' To speak with a person, press 2.' : ''}`,
  keyNumber: 'Please key in your phone number, then press the pound key.',
  badNumber: 'Sorry, that number did not look right. Please key it in again, then press the pound key.',
  messageTaken: 'Thank you. I have taken your message and someone will call you back.',
  transferring: 'Please hold while I transfer you to a person.',
  noTransfer: 'Sorry, no one can take the call right now.',
  failed: 'Sorry, something went wrong.',
  goodbye: 'Goodbye.',
  messageReason: (name, tag) =>
    `Please call back in ${name} (${tag}): the caller could not be understood by the automated line.`,
};

const PROMPTS: Record<string, OtherLanguagePrompts> = {
  en: ENGLISH,
  es: {
    cannotUnderstand: 'Lo siento, este asistente automático solo entiende inglés.',
    menu: (canTransfer) =>
      `Para dejar un mensaje y que le devolvamos la llamada, oprima 1.${canTransfer ? ' Para hablar con una persona, oprima 2.' : ''}`,
    keyNumber: 'Marque su número de teléfono y después la tecla numeral.',
    badNumber: 'Lo siento, ese número no parece correcto. Márquelo otra vez y después la tecla numeral.',
    messageTaken: 'Gracias. He anotado su mensaje y le devolveremos la llamada en español.',
    transferring: 'Un momento, le paso con una persona.',
    noTransfer: 'Lo siento, ahora nadie puede atender la llamada.',
    failed: 'Lo siento, algo salió mal.',
    goodbye: 'Adiós.',
    messageReason: ENGLISH.messageReason,
  },
  fr: {
    cannotUnderstand: 'Désolé, ce service automatique ne comprend que l’anglais.',
    menu: (canTransfer) =>
      `Pour laisser un message afin que nous vous rappelions, appuyez sur 1.${canTransfer ? ' Pour parler à une personne, appuyez sur 2.' : ''}`,
    keyNumber: 'Composez votre numéro de téléphone, puis la touche dièse.',
    badNumber: 'Désolé, ce numéro ne semble pas correct. Composez-le à nouveau, puis la touche dièse.',
    messageTaken: 'Merci. J’ai bien pris votre message et nous vous rappellerons en français.',
    transferring: 'Un instant, je vous passe une personne.',
    noTransfer: 'Désolé, personne ne peut prendre l’appel pour le moment.',
    failed: 'Désolé, une erreur est survenue.',
    goodbye: 'Au revoir.',
    messageReason: ENGLISH.messageReason,
  },
  de: {
    cannotUnderstand: 'Entschuldigung, dieser automatische Dienst versteht nur Englisch.',
    menu: (canTransfer) =>
      `Um eine Nachricht für einen Rückruf zu hinterlassen, drücken Sie die 1.${canTransfer ? ' Um mit einer Person zu sprechen, drücken Sie die 2.' : ''}`,
    keyNumber: 'Bitte geben Sie Ihre Telefonnummer ein und drücken Sie dann die Rautetaste.',
    badNumber: 'Entschuldigung, diese Nummer scheint nicht zu stimmen. Bitte geben Sie sie erneut ein.',
    messageTaken: 'Danke. Ich habe Ihre Nachricht aufgenommen; wir rufen Sie zurück.',
    transferring: 'Einen Moment, ich verbinde Sie mit einer Person.',
    noTransfer: 'Entschuldigung, im Moment kann niemand den Anruf annehmen.',
    failed: 'Entschuldigung, etwas ist schiefgelaufen.',
    goodbye: 'Auf Wiederhören.',
    messageReason: ENGLISH.messageReason,
  },
  pt: {
    cannotUnderstand: 'Desculpe, este atendimento automático só entende inglês.',
    menu: (canTransfer) =>
      `Para deixar uma mensagem e receber retorno, pressione 1.${canTransfer ? ' Para falar com uma pessoa, pressione 2.' : ''}`,
    keyNumber: 'Digite o seu número de telefone e depois a tecla cerquilha.',
    badNumber: 'Desculpe, esse número não parece correto. Digite novamente e depois a tecla cerquilha.',
    messageTaken: 'Obrigado. Anotei a sua mensagem e retornaremos a ligação.',
    transferring: 'Um momento, vou transferir para uma pessoa.',
    noTransfer: 'Desculpe, ninguém pode atender agora.',
    failed: 'Desculpe, algo deu errado.',
    goodbye: 'Tchau.',
    messageReason: ENGLISH.messageReason,
  },
  it: {
    cannotUnderstand: 'Mi dispiace, questo servizio automatico capisce solo l’inglese.',
    menu: (canTransfer) =>
      `Per lasciare un messaggio ed essere richiamati, premere 1.${canTransfer ? ' Per parlare con una persona, premere 2.' : ''}`,
    keyNumber: 'Digiti il suo numero di telefono e poi il tasto cancelletto.',
    badNumber: 'Mi dispiace, il numero non sembra corretto. Lo digiti di nuovo e poi il tasto cancelletto.',
    messageTaken: 'Grazie. Ho preso il suo messaggio e la richiameremo.',
    transferring: 'Un momento, la metto in contatto con una persona.',
    noTransfer: 'Mi dispiace, al momento nessuno può rispondere.',
    failed: 'Mi dispiace, qualcosa è andato storto.',
    goodbye: 'Arrivederci.',
    messageReason: ENGLISH.messageReason,
  },
};

/** The wording for `language`; a language we have no wording for gets English (the keypad still works). */
export function otherLanguagePrompts(language: string): OtherLanguagePrompts {
  return PROMPTS[baseLanguage(language)] ?? ENGLISH;
}
