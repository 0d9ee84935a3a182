/**
 * Waiting on a condition in the live cluster instead of sleeping: poll a
 * probe until it returns a value, and on timeout say what was last seen and
 * show the components' logs.
 */
import { sleep } from '../harness/proc';

export interface WaitOptions {
  /** Give up after this long. */
  readonly timeoutMs: number;
  /**
   * Time between probes.
   * @default 250
   */
  readonly intervalMs?: number;
  /**
   * Appended to the timeout error (e.g. the components' log tails).
   * @default nothing
   */
  readonly diagnostics?: () => string;
}

/** What a probe saw: `done` with a value, or not yet, with a description of the current state. */
export type Probe<T> = { readonly done: true; readonly value: T } | { readonly done: false; readonly seen: string };

export const done = <T>(value: T): Probe<T> => ({ done: true, value });
export const notYet = (seen: string): Probe<never> => ({ done: false, seen });

/** Polls probe until it is done; rejects after timeoutMs with the last state seen. */
export async function waitUntil<T>(what: string, probe: () => Promise<Probe<T>>, opts: WaitOptions): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let seen = 'nothing yet';
  for (;;) {
    try {
      const p = await probe();
      if (p.done) return p.value;
      seen = p.seen;
    } catch (e) {
      seen = `probe error: ${(e as Error).message}`;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${Math.round(opts.timeoutMs / 1000)}s waiting for ${what}\nlast seen: ${seen}${opts.diagnostics ? `\n${opts.diagnostics()}` : ''}`);
    }
    await sleep(opts.intervalMs ?? 250);
  }
}
