/**
 * Process helpers shared by the harness: free ports, waiting for a port, and
 * child processes that are always killed (on stop(), or by a watchdog once this
 * process is gone).
 */
import { ChildProcess, spawn, SpawnOptions } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';

/**
 * Safety net for children whose stop() was never called (a crashed test, a
 * forgotten afterAll): a detached `sh` watchdog per child polls this process
 * and the child once a second, and kills the child once this process is gone.
 * (A process 'exit' hook is not enough: inside Jest test environments it
 * never fires.) stop() kills the watchdog first.
 */
function startWatchdog(childPid: number, cleanupDir?: string): ChildProcess | undefined {
  const script = [
    'p=$1; c=$2; d=$3',
    'while kill -0 "$p" 2>/dev/null && kill -0 "$c" 2>/dev/null; do sleep 1; done',
    'kill -0 "$p" 2>/dev/null && exit 0', // parent alive: the child just exited
    'kill -TERM "$c" 2>/dev/null',
    'for i in 1 2 3 4 5 6; do kill -0 "$c" 2>/dev/null || break; sleep 0.5; done',
    'kill -KILL "$c" 2>/dev/null',
    'if [ -n "$d" ]; then rm -rf -- "$d"; fi',
  ].join('\n');
  try {
    const dog = spawn('sh', ['-c', script, 'watchdog', String(process.pid), String(childPid), cleanupDir ?? ''], {
      detached: true,
      stdio: 'ignore',
    });
    dog.on('error', () => undefined);
    dog.unref();
    return dog;
  } catch {
    return undefined;
  }
}

/**
 * Removes dir once this process is gone, if nothing removed it before (a
 * killed test run). Returns a function that cancels the watch.
 */
export function removeWhenGone(dir: string): () => void {
  const script = 'p=$1; d=$2; while kill -0 "$p" 2>/dev/null; do sleep 1; done; rm -rf -- "$d"';
  const dog = spawn('sh', ['-c', script, 'dir-watchdog', String(process.pid), dir], { detached: true, stdio: 'ignore' });
  dog.on('error', () => undefined);
  dog.unref();
  return () => {
    if (dog.exitCode === null) dog.kill('SIGKILL');
  };
}

/** Memory of a process as the kernel accounts it (MiB). */
export interface ProcessMemory {
  /** VmRSS: resident now. */
  readonly rssMiB: number;
  /** VmHWM: the peak resident size so far. */
  readonly peakMiB: number;
}

/** VmRSS and VmHWM of a live process, or undefined when it is gone. */
export function readMemory(pid: number): ProcessMemory | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

/**
 * The ports listeners are given: below the kernel's ephemeral range, split
 * between jest workers. A port the OS picks (listen on 0) comes from the
 * ephemeral range, which every outgoing loopback connection also draws its
 * source port from: with a cluster running in the next worker, such a port was
 * taken again before the server we gave it to could bind it ("address already
 * in use", seen in a cold .ci/run). Below that range only listeners take
 * ports, each worker has its own slice, and this process never hands a port
 * out twice.
 */
export function portRange(ephemeralLow: number, worker: number, workers = 8): { from: number; to: number } | undefined {
  const top = ephemeralLow - 1;
  const bottom = Math.max(10000, top - 12000);
  const size = Math.floor((top - bottom + 1) / workers);
  if (size < 100) return undefined;
  const slot = ((Number.isInteger(worker) && worker >= 1 ? worker : 1) - 1) % workers;
  return { from: bottom + slot * size, to: bottom + (slot + 1) * size - 1 };
}

function ephemeralLow(): number {
  try {
    return Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

const handedOut = new Set<number>();
let cursor: number | undefined;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function osPickedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A free TCP port on 127.0.0.1, from this worker's slice of the ports below the ephemeral range (see portRange). */
export async function freePort(): Promise<number> {
  const range = portRange(ephemeralLow(), Number(process.env.JEST_WORKER_ID ?? '1'));
  if (!range) return osPickedPort();
  const span = range.to - range.from + 1;
  // Start at a random place in the slice, so two runs side by side (two clones) rarely meet.
  cursor ??= Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = range.from + ((cursor + i) % span);
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      cursor = (cursor + i + 1) % span;
      return port;
    }
  }
  return osPickedPort();
}

function tryConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
    sock.setTimeout(1000, () => done(false));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A spawned child whose output is captured and which is killed at exit. */
export class ManagedProcess {
  readonly child: ChildProcess;
  private output = '';
  private exited = false;
  private exitInfo = '';
  private readonly exitPromise: Promise<void>;
  private readonly watchdog?: ChildProcess;
  /** Where the output is also written, if a log file was given. */
  readonly logFile?: string;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    opts: Pick<SpawnOptions, 'cwd' | 'env'> & {
      logFile?: string;
      /** Removed by the watchdog if this process dies without calling stop(). */
      cleanupDirOnOrphan?: string;
    } = {},
  ) {
    this.logFile = opts.logFile;
    const log = opts.logFile ? fs.createWriteStream(opts.logFile) : undefined;
    const spawnOpts: SpawnOptions = { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] };
    this.child = spawn(command, args, spawnOpts);
    if (this.child.pid !== undefined) this.watchdog = startWatchdog(this.child.pid, opts.cleanupDirOnOrphan);
    const capture = (d: Buffer): void => {
      log?.write(d);
      this.output += d.toString();
      if (this.output.length > 200_000) this.output = this.output.slice(-100_000);
    };
    this.child.stdout?.on('data', capture);
    this.child.stderr?.on('data', capture);
    // Don't let a forgotten child keep the test runner alive; the watchdog
    // kills it once this process has exited.
    this.child.unref();
    for (const s of [this.child.stdout, this.child.stderr]) {
      (s as unknown as { unref?: () => void } | null)?.unref?.();
    }
    this.exitPromise = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exited = true;
        this.exitInfo = signal ? `signal ${signal}` : `exit code ${code}`;
        log?.end();
        resolve();
      });
      this.child.once('error', (err) => {
        this.exited = true;
        this.exitInfo = `spawn error: ${err.message}`;
        log?.end();
        resolve();
      });
    });
  }

  get hasExited(): boolean {
    return this.exited;
  }

  /** Captured stdout+stderr (tail). */
  get logs(): string {
    return this.output;
  }

  /** The last `lines` lines of the captured output, for failure diagnostics. */
  tail(lines = 30): string {
    return this.output.split('\n').slice(-lines - 1).join('\n');
  }

  /** Resident and peak resident memory now, from /proc (undefined once exited). */
  memory(): ProcessMemory | undefined {
    if (this.exited || this.child.pid === undefined) return undefined;
    return readMemory(this.child.pid);
  }

  describeExit(): string {
    return `${this.name} exited (${this.exitInfo}). Output:\n${this.output.slice(-4000)}`;
  }

  /** Freezes the process (SIGSTOP) until resume(): a test can act inside a window the process would close. */
  pause(): void {
    if (!this.exited) this.child.kill('SIGSTOP');
  }

  /** Lets a paused process run again (SIGCONT). */
  resume(): void {
    if (!this.exited) this.child.kill('SIGCONT');
  }

  /** SIGTERM, then SIGKILL after graceMs. Resolves once the process is gone. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.watchdog?.exitCode === null) this.watchdog.kill('SIGKILL');
    if (this.exited) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!this.exited) this.child.kill('SIGKILL');
    }, graceMs);
    await this.exitPromise;
    clearTimeout(timer);
  }

  /** Polls until the TCP port accepts connections; throws if the process dies. */
  async waitForPort(host: string, port: number, timeoutMs: number): Promise<void> {
    await this.waitFor(() => tryConnect(host, port), timeoutMs, `${host}:${port} to accept connections`);
  }

  /** Polls check() every 100ms until true; throws on timeout or process exit. */
  async waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exited) throw new Error(`${this.describeExit()}\n(while waiting for ${what})`);
      if (await check()) return;
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}. ${this.name} output:\n${this.output.slice(-4000)}`);
      }
      await sleep(100);
    }
  }
}
