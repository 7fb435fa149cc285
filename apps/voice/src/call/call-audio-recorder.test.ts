import { mulawDecode, mulawEncode, readWav, TypedEmitter } from '@receptionist/audio';
import type { CallTransport, TransportEvents } from '@receptionist/telephony';
import { describe, expect, it } from 'vitest';
import { CallAudioRecorder } from './call-audio-recorder.ts';

/** 8 samples a millisecond at 8 kHz. */
const ms = (value: number) => value * 8;

/** Stands in for a transport's wire side: the test says what the caller sent. */
class TestTransportEvents extends TypedEmitter<TransportEvents> {
  fire<K extends keyof TransportEvents>(event: K, payload: TransportEvents[K]): void {
    this.emit(event, payload);
  }
}

function fakeTransport(channel: 'phone' | 'browser' = 'phone') {
  const sent: string[] = [];
  const events = new TestTransportEvents();
  const transport = Object.assign(events, {
    channel,
    isPlaying: false,
    closed: false,
    sendAudio: (itemId: string) => void sent.push(itemId),
    clearPlayback: () => ({ itemId: 'item_1', heardMs: 0 }),
    notify: () => undefined,
    close: () => undefined,
  }) as unknown as CallTransport;
  const fire = events.fire.bind(events) as TestTransportEvents['fire'];
  return { transport, sent, fire };
}

/** μ-law for `durationMs` of a constant level (what it decodes to is what the track must hold). */
function level(value: number, durationMs: number): Uint8Array {
  return mulawEncode(new Int16Array(ms(durationMs)).fill(value));
}
const decoded = (value: number) => mulawDecode(mulawEncode(new Int16Array([value])))[0] ?? 0;

describe('CallAudioRecorder', () => {
  it('lays agent audio at the call’s clock, drops what a barge-in cut, and mixes both sides', () => {
    const { transport, sent, fire } = fakeTransport();
    const recorder = new CallAudioRecorder(transport);
    fire('audio', level(0, 10)); // before start: not kept
    recorder.start(60_000);
    fire('audio', level(1000, 100)); // caller: 0–100 ms
    transport.sendAudio('item_1', level(-2000, 300)); // agent burst: plays 100–400 ms
    expect(sent).toEqual(['item_1']); // still sent to the caller
    fire('audio', level(0, 50)); // caller silent 100–150 ms
    transport.clearPlayback(); // barge-in at 150 ms: 150–400 ms was never heard
    fire('audio', level(500, 50)); // caller 150–200 ms
    const recording = recorder.finish();
    expect(recording?.durationMs).toBe(200);
    const samples = readWav(recording?.wav ?? new Uint8Array()).samples;
    expect(samples.length).toBe(ms(200));
    expect(samples[ms(50)]).toBe(decoded(1000));
    expect(samples[ms(120)]).toBe(decoded(0) + decoded(-2000));
    expect(samples[ms(175)]).toBe(decoded(500));
    // Nothing more after finish.
    fire('audio', level(1000, 100));
    expect(recorder.finish()).toBeUndefined();
  });

  it('queues agent replies one after another when they arrive faster than they play', () => {
    const { transport } = fakeTransport();
    const recorder = new CallAudioRecorder(transport);
    recorder.start(60_000);
    transport.sendAudio('a', level(1000, 100));
    transport.sendAudio('b', level(-1000, 100));
    const samples = readWav(recorder.finish()?.wav ?? new Uint8Array()).samples;
    expect(samples.length).toBe(ms(200));
    expect(samples[ms(50)]).toBe(decoded(1000));
    expect(samples[ms(150)]).toBe(decoded(-1000));
  });

  it('keeps nothing unless started, records no browser calls, and stops at its cap', () => {
    const { transport, fire } = fakeTransport();
    const idle = new CallAudioRecorder(transport);
    fire('audio', level(1000, 100));
    expect(idle.finish()).toBeUndefined();

    const browser = new CallAudioRecorder(fakeTransport('browser').transport);
    browser.start(60_000);
    expect(browser.recording).toBe(false);

    const capped = fakeTransport();
    const recorder = new CallAudioRecorder(capped.transport);
    recorder.start(100);
    capped.fire('audio', level(1000, 300));
    expect(recorder.finish()?.durationMs).toBe(100);
  });
});
