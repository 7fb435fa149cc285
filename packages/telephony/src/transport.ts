import type { Listenable } from '@receptionist/audio';
import type { TelephonyError } from './errors.ts';

/** Why a transport ended. `hangup` = the far end said goodbye (Twilio `stop`, browser `end`). */
export type TransportCloseReason = 'hangup' | 'socket_closed' | 'violation' | 'server_closed';

export interface TransportClosed {
  reason: TransportCloseReason;
  code?: number | undefined;
  detail?: string | undefined;
}

/** Something the far end may show besides audio (the browser page shows transcripts and tools). */
export type TransportNotice =
  | {
      type: 'transcript';
      role: 'caller' | 'agent';
      itemId: string;
      text: string;
      final: boolean;
      interrupted?: boolean;
    }
  | {
      type: 'tool';
      phase: 'call' | 'result';
      toolCallId: string;
      name: string;
      ok?: boolean;
      message?: string;
    };

/** What a transport reports: event name → its one payload (the `TypedEmitter` convention of `@receptionist/audio`). */
export interface TransportEvents {
  /** Caller audio in the transport's native format (μ-law 8 kHz or PCM16 24 kHz). */
  audio: Uint8Array;
  dtmf: string;
  /** Typed caller text (browser only). */
  text: string;
  /** A playback mark came back (its name): audio sent before it has been heard. */
  played: string;
  /** A wire message broke the rules; the transport closes itself right after emitting this. */
  violation: TelephonyError;
  /** An event we do not understand; kept for the log, not an error. */
  unknown: { event: string };
  closed: TransportClosed;
}

/**
 * One caller connection, whatever carries it. The call session is the only consumer; it never needs to know
 * whether it talks to Twilio or a browser.
 */
export interface CallTransport extends Listenable<TransportEvents> {
  readonly channel: 'phone' | 'browser';
  /** Sends agent audio (already in the transport's format) followed by a playback mark. */
  sendAudio(itemId: string, audio: Uint8Array): void;
  /** Drops queued agent audio on the far end now; returns the item that was playing and how much was heard. */
  clearPlayback(): { itemId: string; heardMs: number } | undefined;
  /** Sent audio that has not been confirmed played. */
  readonly isPlaying: boolean;
  /** Shows transcript / tool activity where the far end can display it; a no-op on the phone. */
  notify(notice: TransportNotice): void;
  /** Closes the connection (idempotent). */
  close(code?: number, reason?: string): void;
  readonly closed: boolean;
}
