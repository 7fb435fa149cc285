import { OpenAIRealtimeWebSocket } from '@openai/agents/realtime';

/**
 * The SDK's WebSocket transport without its own barge-in truncation. On `speech_started` the stock
 * transport truncates the agent's reply at a wall-clock estimate of playback; our voice server knows
 * what the caller actually heard (Twilio marks, browser playback reports) and truncates through
 * `Conversation.interrupt`. The server itself cancels the response (`interrupt_response: true`).
 */
export class ReceptionistRealtimeTransport extends OpenAIRealtimeWebSocket {
  override interrupt(_cancelOngoingResponse?: boolean): void {}

  override _interrupt(_elapsedTime: number, _cancelOngoingResponse?: boolean): void {}

  /** Sends `response.cancel` only when a response is in flight (the SDK tracks that). */
  cancelResponse(): void {
    this._cancelResponse();
  }
}
