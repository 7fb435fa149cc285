import type { z } from 'zod';
import { ProtocolViolationError } from './errors.ts';

export interface ControlMessageProtocol<Message, NameField extends string> {
  /** The field that names a message (`event` on Twilio, `type` on the browser protocol)… */
  nameField: NameField;
  /** …and the schema of any message that has one, known or not. */
  named: z.ZodType<Record<NameField, string>>;
  /** Names we understand; any other name is kept as `unknown`, not refused. */
  known: ReadonlySet<string>;
  /** The strict schema of every known message. */
  schema: z.ZodType<Message>;
  /** What errors call these messages ("message", "control message"). */
  noun: string;
  /** What errors call a missing name ("event name", "type"). */
  nameNoun: string;
}

export type ParsedControlMessage<Message> =
  | { kind: 'message'; message: Message }
  | { kind: 'unknown'; name: string }
  | { kind: 'violation'; error: ProtocolViolationError; closeCode: number };

/**
 * One JSON text frame of a call protocol: JSON, then the strict schema of the message its name says.
 * Unknown names are reported, not refused, so a peer that adds an event does not break calls. Valid
 * messages (50 media frames a second per call) take one schema parse; only a failure is looked at again
 * to tell an unknown name from a missing name or a bad known message.
 */
export function parseControlMessage<Message, NameField extends string>(
  text: string,
  protocol: ControlMessageProtocol<Message, NameField>,
): ParsedControlMessage<Message> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const error = new ProtocolViolationError('invalid_json', `${protocol.noun} is not JSON`, { cause });
    return { kind: 'violation', error, closeCode: 1007 };
  }
  const parsed = protocol.schema.safeParse(json);
  if (parsed.success) return { kind: 'message', message: parsed.data };
  const named = protocol.named.safeParse(json);
  if (!named.success) {
    const error = new ProtocolViolationError(
      'invalid_message',
      `${protocol.noun} has no ${protocol.nameNoun}`,
    );
    return { kind: 'violation', error, closeCode: 1007 };
  }
  const name = named.data[protocol.nameField];
  if (!protocol.known.has(name)) return { kind: 'unknown', name };
  const detail = `invalid ${name} message: ${parsed.error.issues[0]?.message ?? 'bad shape'}`;
  const error = new ProtocolViolationError('invalid_message', detail, { cause: parsed.error });
  return { kind: 'violation', error, closeCode: 1007 };
}
