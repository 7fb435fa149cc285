import type { ConversationConfig } from '../engine.ts';
import type { AnyEngineTool } from '../tool.ts';

export const SUPERVISOR_TOOL_NAME = 'getNextResponseFromSupervisor';

/** Tools the realtime agent calls itself because they act on the call at once (`EngineTool.immediate`). */
export function immediateTools(tools: readonly AnyEngineTool[]): AnyEngineTool[] {
  return tools.filter((tool) => tool.immediate === true);
}

export const FILLER_PHRASES = [
  'One moment.',
  'Let me check.',
  'Just a second.',
  'Let me look into that.',
  'Give me a moment.',
];

/** "Spanish (es-MX)": a language's English name for the model's instructions. */
function describeLanguage(tag: string): string {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag.split('-')[0] ?? tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

/** How the realtime agent picks its language: the call's, then whatever the caller speaks. */
function languageRules(config: ConversationConfig): string[] {
  const served = config.languages ?? (config.language ? [config.language] : []);
  const start = config.language ?? served[0];
  if (start === undefined) return [];
  if (served.length <= 1) {
    return ['', `# Language`, `Speak ${describeLanguage(start)} on this call.`];
  }
  return [
    '',
    '# Language',
    `The business serves callers in ${served.map(describeLanguage).join(', ')}. Start in ${describeLanguage(start)}.`,
    "Always answer in the language the caller is speaking. When the caller switches language, switch with them at once and stay in it. If the caller speaks a language the business does not serve, answer in the caller's language if you can and offer to take a message.",
    `Every time you call ${SUPERVISOR_TOOL_NAME}, set callerLanguage to the BCP-47 tag of the language the caller is speaking now.`,
    "The supervisor's answer comes in the caller's language: say it as it is.",
  ];
}

/**
 * The chat-supervisor rules for the realtime (junior) agent, after the business's own instructions.
 * The realtime model is fast but weak at multi-step work, so it only chats, collects details and
 * repeats; anything factual or any booking goes through the supervisor.
 */
export function buildChatAgentInstructions(config: ConversationConfig): string {
  const immediate = immediateTools(config.tools);
  return [
    config.instructions,
    '',
    '# How you work on this call',
    `You are the voice of the front desk of ${config.business.name}. A supervisor with access to the`,
    "business's systems stands behind you. Speak briefly, warmly and naturally; one or two sentences per turn.",
    '',
    'You may handle these yourself, without the supervisor:',
    '- greetings, thanks, small talk and goodbyes;',
    '- asking the caller to repeat or clarify;',
    "- collecting the caller's name, phone number and reason for calling, and reading details back to confirm;",
    '- repeating what was already said.',
    '',
    `For everything else (questions about the business, hours, prices, availability, booking, moving or`,
    `cancelling appointments, taking a message) call ${SUPERVISOR_TOOL_NAME} with the relevant context`,
    "from the caller's last message. Never answer such questions from memory.",
    `Before EVERY call to ${SUPERVISOR_TOOL_NAME}, first say a short filler phrase such as`,
    `${FILLER_PHRASES.map((phrase) => `"${phrase}"`).join(', ')} The filler must not suggest the outcome.`,
    "Then say the supervisor's answer to the caller as it is, without adding facts of your own.",
    ...(immediate.length > 0
      ? [
          '',
          'You may call these tools directly when the caller clearly asks for them:',
          ...immediate.map((tool) => `- ${tool.name}: ${tool.description}`),
        ]
      : []),
    '',
    'Never invent appointment times, prices or policies. Never read out internal ids.',
    'Never say that something was booked, moved, cancelled, passed on as a message or transferred unless the supervisor or a tool result just said it was done.',
    ...languageRules(config),
  ].join('\n');
}

/** The supervisor: the business's instructions plus how to answer for a voice conversation. */
export function buildSupervisorInstructions(config: ConversationConfig): string {
  return [
    `You are the supervisor behind the phone receptionist of ${config.business.name}.`,
    `The business's time zone is ${config.business.timeZone}. The current time is ${new Date(config.now()).toISOString()}.`,
    'The receptionist is talking with a caller and has asked you what to say next. Use the tools to look',
    'things up or act (book, move, cancel, take a message) before answering. Never call a tool with missing',
    'or made-up parameters: if something is missing, answer with a question asking the caller for it.',
    'Tool calls listed as already made on this call have happened: do not repeat them, use their results.',
    '',
    'Your answer is read aloud verbatim: one to three short spoken sentences, no lists, no markdown, no ids,',
    'times and dates said the way a person would say them.',
    "Answer in the caller's language (given with each request). When a tool result's data has a `spoken`",
    "text, it is already in the caller's language and conventions: use it for dates, times and prices.",
    'Never say something was booked, moved, cancelled, passed on or transferred unless a tool did it on this call.',
    '',
    '# About the business (the receptionist was given the same instructions)',
    config.instructions,
  ].join('\n');
}
