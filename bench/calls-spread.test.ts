import { describe, expect, it } from 'vitest';
import { relaysForRun, spreadOf, spreadOverRuns } from './calls-spread.ts';

describe('the call benchmark over several runs', () => {
  it('orders the relays as asked, run by run', () => {
    const all = ['ours', 'peer', 'floor'] as const;
    expect(relaysForRun(all, 'ours-first', 0)).toEqual(['ours', 'peer', 'floor']);
    expect(relaysForRun(all, 'sdk-first', 0)).toEqual(['peer', 'ours', 'floor']);
    expect(relaysForRun(['peer', 'ours'], 'ours-first', 3)).toEqual(['ours', 'peer']);
    expect([0, 1, 2].map((run) => relaysForRun(all, 'alternate', run).join(','))).toEqual([
      'ours,peer,floor',
      'peer,ours,floor',
      'ours,peer,floor',
    ]);
    expect(relaysForRun(['ours'], 'sdk-first', 0)).toEqual(['ours']);
  });

  it('reports min, median and max, leaving out runs without the figure', () => {
    expect(spreadOf([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(spreadOf([4, 1, null, 2, 3])).toEqual({ min: 1, median: 2.5, max: 4 });
    expect(spreadOf([undefined, Number.NaN])).toBeNull();
  });

  it('spreads each relay figure and each ratio over the runs', () => {
    const run = (oursP99: number, peerP99: number) => ({
      order: ['ours', 'peer'] as Array<'ours' | 'peer'>,
      loadAverage: [1, 1, 1],
      reports: { ours: { latencyInMs: { p99: oursP99 } }, peer: { latencyInMs: { p99: peerP99 } } },
      ratiosOursOverPeer: { latencyInP99: oursP99 / peerP99 },
    });
    const spread = spreadOverRuns([run(10, 20), run(30, 20), run(20, 40)]);
    expect(spread.ours?.latencyInP99Ms).toEqual({ min: 10, median: 20, max: 30 });
    expect(spread.peer?.latencyInP99Ms).toEqual({ min: 20, median: 20, max: 40 });
    expect(spread.ours?.cpuSecondsRun).toBeNull();
    expect(spread.ratiosOursOverPeer.latencyInP99).toEqual({ min: 0.5, median: 0.5, max: 1.5 });
    expect(spread.runs).toBe(3);
  });
});
