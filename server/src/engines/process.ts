// The client of the engine process (engines/ in Go): started on first use, one JSON line per request
// and response, answers matched by id in any order. A request has a time limit and can be cancelled;
// a crash or a runaway request ends the process and the next request starts a new one. Callers get
// promises: nothing here blocks the thread that handles keystrokes.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface EngineOptions {
  /** The engine binary (see locate.ts). */
  binary: string;
  /** Live heap at which the engine stops itself (its --max-heap-mb). */
  maxHeapMb?: number;
  /** Time limit of a request that names none. */
  defaultTimeoutMs?: number;
  /** Where the engine's stderr lines go (the server's log). */
  log?: (line: string) => void;
}

export interface RequestOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A failure with the engine's code: cancelled, timeout, memory_limit, engine_restart, invalid_params, … */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  cleanup: () => void;
  /** The process the request went to: its exit fails only its own requests. */
  child: ChildProcessWithoutNullStreams;
}

// A request gets this long past its own limit before the client stops waiting for the engine's
// answer and ends the process itself.
const GRACE_MS = 2_000;
// Errors after which the engine exits by itself (protocol/server.go's abort): the next request goes to a new one.
const EXITING_CODES = new Set(['timeout', 'memory_limit']);
// Restarts allowed in a minute before requests fail fast (a binary that dies at once, every time).
const MAX_RESTARTS_PER_MINUTE = 5;

export class EngineProcess {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = '';
  private starts: number[] = [];
  private disposed = false;

  constructor(private readonly options: EngineOptions) {}

  /** The running engine's pid, if one runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  request<T>(method: string, params: unknown, options: RequestOptions = {}): Promise<T> {
    if (this.disposed) return Promise.reject(new EngineError('disposed', 'the engine client was disposed'));
    if (options.signal?.aborted) return Promise.reject(new EngineError('cancelled', 'cancelled'));
    let child: ChildProcessWithoutNullStreams;
    try {
      child = this.ensureStarted();
    } catch (error) {
      return Promise.reject(error);
    }
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs ?? 10_000;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.has(id)) return;
        this.send({ method: 'cancel', params: { id } });
        this.settle(id, new EngineError('cancelled', 'cancelled'));
      };
      const timer = setTimeout(() => {
        // The engine stops a late request itself; silence past the grace means it is stuck.
        this.settle(id, new EngineError('timeout', `the engine did not answer ${method} within ${timeoutMs + GRACE_MS} ms; it was stopped`));
        child.kill('SIGKILL');
      }, timeoutMs + GRACE_MS);
      timer.unref?.();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        timer,
        cleanup: () => options.signal?.removeEventListener('abort', onAbort),
        child,
      });
      if (child.stdin.writable) this.send({ id, method, params, timeoutMs });
    });
  }

  /** Stops the engine; the next request starts a new one. */
  kill(): void {
    this.child?.kill('SIGKILL');
  }

  dispose(): void {
    this.disposed = true;
    const child = this.child;
    this.child = undefined;
    this.failAll(new EngineError('disposed', 'the engine client was disposed'));
    if (child) {
      child.stdin.end();
      child.kill();
    }
  }

  private ensureStarted(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const now = Date.now();
    this.starts = this.starts.filter((t) => now - t < 60_000);
    if (this.starts.length >= MAX_RESTARTS_PER_MINUTE) {
      throw new EngineError('crash_loop', `the engine (${this.options.binary}) stopped ${this.starts.length} times in a minute; last words: ${this.stderrTail.trim() || '(none)'}`);
    }
    this.starts.push(now);
    const args = ['--max-heap-mb', String(this.options.maxHeapMb ?? 1024)];
    const child = spawn(this.options.binary, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    this.child = child;
    this.stderrTail = '';
    child.on('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ENOENT'
          ? `Shipshape's engine is missing: ${this.options.binary} does not exist`
          : error.code === 'EACCES'
            ? `Shipshape's engine cannot be run: ${this.options.binary} is not executable`
            : `Shipshape's engine did not start (${this.options.binary}): ${error.message}`;
      this.exited(child, new EngineError('unavailable', reason));
    });
    child.on('exit', (code, signal) => {
      const why = code === 3 ? 'it stopped a runaway request' : signal ? `killed by ${signal}` : `exit code ${code}`;
      this.exited(child, new EngineError('engine_exited', `the engine exited (${why})${this.stderrTail ? ': ' + this.stderrTail.trim().split('\n').pop() : ''}`));
    });
    child.stdin.on('error', () => undefined); // a write to a dead engine; its exit rejects the request
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => this.receive(child, line));
    createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => {
      this.stderrTail = (this.stderrTail + line + '\n').slice(-4096);
      this.options.log?.(`engine: ${line}`);
    });
    return child;
  }

  private exited(child: ChildProcessWithoutNullStreams, error: EngineError): void {
    this.retire(child);
    for (const [id, pending] of [...this.pending]) if (pending.child === child) this.settle(id, error);
  }

  /** New requests no longer go to this process (it exited, or is about to). */
  private retire(child: ChildProcessWithoutNullStreams): void {
    if (this.child === child) this.child = undefined;
  }

  private failAll(error: EngineError): void {
    for (const id of [...this.pending.keys()]) this.settle(id, error);
  }

  private send(message: object): void {
    this.child?.stdin.write(JSON.stringify(message) + '\n');
  }

  private receive(child: ChildProcessWithoutNullStreams, line: string): void {
    let message: { id?: unknown; result?: unknown; error?: { code: string; message: string } };
    try {
      message = JSON.parse(line);
    } catch {
      this.options.log?.(`engine: not a response: ${line.slice(0, 200)}`);
      return;
    }
    if (typeof message.id !== 'number') {
      if (message.error) this.options.log?.(`engine: ${message.error.code}: ${message.error.message}`);
      return;
    }
    if (message.error && EXITING_CODES.has(message.error.code)) this.retire(child);
    if (message.error) this.settle(message.id, new EngineError(message.error.code, message.error.message));
    else this.settle(message.id, undefined, message.result);
  }

  private settle(id: number, error: Error | undefined, result?: unknown): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.cleanup();
    if (error) pending.reject(error);
    else pending.resolve(result);
  }
}
