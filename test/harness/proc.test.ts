import * as net from 'net';
import { freePort, portRange } from './proc';

describe('portRange', () => {
  test.each<[string, number, number, { from: number; to: number } | undefined]>([
    ['Linux default range: worker 1 gets the lowest slice below 32768', 32768, 1, { from: 20767, to: 22266 }],
    ['worker 8 gets the top slice, which ends just below the ephemeral range', 32768, 8, { from: 31267, to: 32766 }],
    ['a ninth worker wraps around to the first slice rather than leaving the range', 32768, 9, { from: 20767, to: 22266 }],
    ['worker 0 (no JEST_WORKER_ID) is worker 1', 32768, 0, { from: 20767, to: 22266 }],
    ['an unreadable worker id (NaN) is worker 1, not a range of NaNs', 32768, Number.NaN, { from: 20767, to: 22266 }],
    ['an ephemeral range that starts too low leaves no room: the OS picks instead', 10500, 1, undefined],
  ])('%s', (_reason, low, worker, expected) => {
    expect(portRange(low, worker)).toEqual(expected);
  });

  test('the eight slices are disjoint and all lie below the ephemeral range', () => {
    const slices = [1, 2, 3, 4, 5, 6, 7, 8].map((w) => portRange(32768, w)!);
    for (let i = 1; i < slices.length; i++) expect(slices[i].from).toBe(slices[i - 1].to + 1);
    expect(slices[7].to).toBeLessThan(32768);
  });
});

describe('freePort', () => {
  test('never hands out the same port twice, and each one can be bound', async () => {
    // WHEN many ports are asked for in a row
    const ports: number[] = [];
    for (let i = 0; i < 20; i++) ports.push(await freePort());
    // THEN all differ, all lie below the ephemeral range, and the first binds
    expect(new Set(ports).size).toBe(20);
    expect(Math.max(...ports)).toBeLessThan(32768);
    const srv = net.createServer();
    await new Promise<void>((resolve, reject) => { srv.once('error', reject); srv.listen(ports[0], '127.0.0.1', () => resolve()); });
    await new Promise<void>((resolve) => srv.close(() => resolve()));
  });

  test('skips a port something else is listening on', async () => {
    // GIVEN the next candidate port taken by another listener
    const taken = await freePort();
    const candidate = taken + 1;
    const srv = net.createServer();
    await new Promise<void>((resolve) => { srv.once('error', () => resolve()); srv.listen(candidate, '127.0.0.1', () => resolve()); });
    // WHEN
    const next = await freePort();
    await new Promise<void>((resolve) => srv.close(() => resolve()));
    // THEN
    expect(next).not.toBe(candidate);
  });
});
