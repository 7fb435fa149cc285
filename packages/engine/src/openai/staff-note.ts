/**
 * A staff note as a Realtime conversation item: a system message (the Realtime API takes `input_text`
 * content for system items), framed so the model treats it as guidance rather than a line to repeat.
 */
export function staffNoteItem(note: string): Record<string, unknown> {
  return {
    type: 'message',
    role: 'system',
    content: [
      {
        type: 'input_text',
        text:
          'A member of the business staff is listening to this call and sent you a private note. ' +
          'Act on it in your next replies; do not read it out or mention that you received a note. ' +
          `Note: ${note}`,
      },
    ],
  };
}
