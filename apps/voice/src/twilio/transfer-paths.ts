/** The `<Dial action>` of every transfer: Twilio posts the dialled leg's `DialCallStatus` here. */
export const TRANSFER_RESULT_PATH = '/twilio/transfer-result';

/** How long a transfer rings before it counts as unanswered and the caller is offered a message. */
export const TRANSFER_RING_SECONDS = 20;
