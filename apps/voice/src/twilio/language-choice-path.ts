/** Where Twilio posts the digit a caller keyed at the language menu (`<Gather action>`). */
export const LANGUAGE_CHOICE_PATH = '/twilio/voice/language';
