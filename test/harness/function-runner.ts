/**
 * Runs function-patch-and-transform locally as a plain gRPC server, the way
 * `crossplane render`'s Development runtime expects to find a function.
 */
import { freePort, ManagedProcess } from './proc';
import { toolPath } from './tools';

export interface RunningFunction {
  /** host:port the function listens on (plaintext gRPC), e.g. 127.0.0.1:40123. */
  address: string;
  /** Kills the function process; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartFunctionOptions {
  /** Defaults to the installed function-patch-and-transform. */
  binary?: string;
  /** Pass --debug to the function. */
  debug?: boolean;
  /** How long to wait for the port to accept connections. Default 20s. */
  readyTimeoutMs?: number;
}

/**
 * Starts function-patch-and-transform with `--insecure --address=127.0.0.1:PORT`
 * on a random free port and resolves once the port accepts TCP connections.
 * The process is killed by stop() and, as a safety net, when this process exits.
 */
export async function startFunction(opts: StartFunctionOptions = {}): Promise<RunningFunction> {
  const binary = opts.binary ?? toolPath('function-patch-and-transform');
  let lastError: unknown;
  // The free-port probe races with other processes; retry a couple of times.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = ['--insecure', `--address=127.0.0.1:${port}`];
    if (opts.debug) args.push('--debug');
    const proc = new ManagedProcess('function-patch-and-transform', binary, args);
    try {
      await proc.waitForPort('127.0.0.1', port, opts.readyTimeoutMs ?? 20_000);
      return { address: `127.0.0.1:${port}`, stop: () => proc.stop() };
    } catch (err) {
      lastError = err;
      await proc.stop();
      if (!/address already in use/i.test(proc.logs)) break;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
