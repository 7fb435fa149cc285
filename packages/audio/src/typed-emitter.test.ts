import { describe, expect, it } from 'vitest';
import { TypedEmitter } from './typed-emitter.ts';

class Counter extends TypedEmitter<{ tick: { n: number } }> {
  tick(n: number): void {
    this.emit('tick', { n });
  }
}

describe('TypedEmitter', () => {
  it('delivers payloads to listeners and honours once/off', () => {
    const counter = new Counter();
    const seen: number[] = [];
    const onceSeen: number[] = [];
    const listener = (e: { n: number }) => seen.push(e.n);
    counter.on('tick', listener);
    counter.once('tick', (e) => onceSeen.push(e.n));
    counter.tick(1);
    counter.tick(2);
    counter.off('tick', listener);
    counter.tick(3);
    expect(seen).toEqual([1, 2]);
    expect(onceSeen).toEqual([1]);
  });
});
