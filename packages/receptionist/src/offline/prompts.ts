/**
 * The receptionist's fixed sentences. Kept in one place so the engine can synthesise them ahead of time
 * (a cached sentence starts playing at once) and so wording changes happen in one file.
 */
export const PROMPTS = {
  whatElse: 'Sure. What can I help you with?',
  transferring: 'Sure, let me transfer you.',
  newTime: 'No problem. What day and time would you like instead?',
  howElse: 'Okay. How else can I help you?',
  whichDay: 'And which day would you like?',
  name: 'May I have your name, please?',
  phone: 'And what is the best phone number to reach you?',
  messageName: 'Sure, I can take a message. May I have your name?',
  callbackNumber: 'What is the best number to call you back on?',
  messageReason: 'What would you like the message to say?',
  bookingName: 'To find your booking, what name is it under?',
  bookingDate: 'And what date is the booking on?',
  moveTo: 'What day and time would you like to move it to?',
  confirmCancel: 'Would you like me to cancel it?',
  howCanIHelp: 'How can I help you?',
  anythingElse: 'Is there anything else I can help you with?',
  yesOrNo: 'Sorry, was that a yes or a no?',
  offerMessage:
    'I am sorry, I am having trouble understanding. Would you like me to take a message so someone can call you back?',
  sayDigits: 'Sorry, I did not get that number. Please say it one digit at a time, or key it in.',
  fullName: 'Sorry, could you tell me your first and last name?',
  whenAgain: 'Sorry, I did not get the day and time. Could you say it again, for example Tuesday at 2 PM?',
  notCaught:
    'Sorry, I did not catch that. I can book, move or cancel an appointment, answer a question, or take a message. What would you like?',
  whichBookingDate: 'Sorry, which date is your booking on?',
  codeDigits: 'Sorry, I did not get the code. Please say its six digits one at a time, or key them in.',
  phoneAgain: 'Sorry about that. What is the number, one digit at a time?',
  messageReasonAgain: 'Go ahead: what would you like the message to say?',
  phoneWhichPart:
    'Sorry about that. Which part is wrong? Say just that part, say the whole number one digit at a time, or key it in.',
  noCallerId: 'I cannot see your number. What is the best number to call you back on?',
  nameAgain: 'Sorry, I may not have heard your name right. Could you say your first and last name once more?',
  spellAgain: 'Sorry, I did not get the letters. Could you spell it one letter at a time?',
  noAnswerOfferMessage:
    "I don't have that information. Would you like me to take a message about it, so someone can call you back?",
  moveOrCancel: 'No problem. Would you like to move it to another time, or cancel it?',
} as const;

/** Every fixed sentence, split the way the speaker splits replies. */
export const FIXED_SENTENCES: readonly string[] = [
  ...new Set(Object.values(PROMPTS).flatMap((prompt) => prompt.split(/(?<=[.!?])\s+/))),
];
