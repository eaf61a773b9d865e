// Live engine state: one subscription to the engine's event stream, plus "down with a reason" when
// the engine is unreachable and automatic recovery when it comes back (retry with backoff).
// The explorer refreshes on these events instead of polling.
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { engineDownReason, describeEngineError, type Engine } from './engine';

export interface DockerEvent {
  Type: string; // container | image | volume | network | ...
  Action: string; // start | die | destroy | pull | tag | create | ...
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano?: number;
}

export type EngineState = { up: true; version: string } | { up: false; reason: string };

export interface WatcherOptions {
  /** first retry delay after the engine goes away; doubles up to maxRetryMs */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Emits 'state' (EngineState, only on change), 'event' (DockerEvent) and 'dropped' (why the event stream ended; it reconnects).
 * `connect` is called on every (re)connection so a context switch takes effect on restart().
 */
export class EngineWatcher extends EventEmitter {
  private stream: Readable | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private delay: number;
  private last: EngineState | undefined;
  private generation = 0;
  engine: Engine | undefined;

  constructor(
    private readonly connect: () => Engine,
    private readonly opts: WatcherOptions = {},
  ) {
    super();
    this.delay = opts.retryMs ?? 1000;
  }

  get state(): EngineState | undefined {
    return this.last;
  }

  /** The state, waiting up to `ms` for the first one after a (re)start (undefined if none came). */
  settled(ms: number): Promise<EngineState | undefined> {
    if (this.last) return Promise.resolve(this.last);
    return new Promise((resolve) => {
      const done = (s?: EngineState) => {
        clearTimeout(timer);
        this.off('state', done);
        resolve(s ?? this.last);
      };
      const timer = setTimeout(done, ms);
      this.on('state', done);
    });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.attempt(this.generation);
  }

  /** Drop the connection and connect again (after a context switch). */
  restart(): void {
    this.stop();
    this.last = undefined;
    this.start();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.stream?.destroy();
    this.stream = undefined;
  }

  private setState(s: EngineState): void {
    const same = this.last && this.last.up === s.up && (s.up ? (this.last as { version: string }).version === s.version : (this.last as { reason: string }).reason === s.reason);
    this.last = s;
    if (!same) this.emit('state', s);
  }

  private async attempt(gen: number): Promise<void> {
    if (this.stopped || gen !== this.generation) return;
    let engine: Engine;
    try {
      engine = this.connect();
    } catch (err) {
      this.setState({ up: false, reason: err instanceof Error ? err.message : String(err) });
      return this.retry(gen);
    }
    this.engine = engine;
    const reason = await engineDownReason(engine);
    if (this.stopped || gen !== this.generation) return;
    if (reason) {
      this.setState({ up: false, reason });
      return this.retry(gen);
    }
    let stream: Readable;
    let version = '';
    try {
      version = (await engine.docker.version()).Version;
      // `since` = now: we only want changes after the snapshot the tree is about to load
      stream = (await engine.docker.getEvents({ since: Math.floor(Date.now() / 1000) })) as unknown as Readable;
    } catch (err) {
      this.setState({ up: false, reason: describeEngineError(err, engine.target) });
      return this.retry(gen);
    }
    if (this.stopped || gen !== this.generation) {
      stream.destroy();
      return;
    }
    this.stream = stream;
    this.delay = this.opts.retryMs ?? 1000;
    this.setState({ up: true, version });
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buf += chunk;
      // An event is a few hundred bytes: a megabyte without a newline is not one, and must not pile up.
      if (buf.length > 1024 * 1024 && buf.lastIndexOf('\n') < 0) buf = '';
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        try {
          this.emit('event', JSON.parse(line) as DockerEvent);
        } catch {
          /* a partial or non-JSON line is not an event */
        }
      }
    });
    const lost = async (err?: unknown) => {
      if (this.stream !== stream) return; // already handled, or superseded
      this.stream = undefined;
      if (this.stopped || gen !== this.generation) return;
      const why = (await engineDownReason(engine, 2000)) ?? (err ? describeEngineError(err, engine.target) : null);
      if (this.stopped || gen !== this.generation) return;
      this.emit('dropped', why ?? (err ? String((err as Error).message ?? err) : 'the engine closed it'));
      if (why) this.setState({ up: false, reason: why });
      // even if the ping works again already, re-subscribe: events in between may be lost, so callers
      // get a fresh 'state' (up) and reload
      else this.last = undefined;
      this.retry(gen, why ? undefined : 0);
    };
    stream.on('end', () => void lost());
    stream.on('close', () => void lost());
    stream.on('error', (e) => void lost(e));
  }

  private retry(gen: number, delay?: number): void {
    if (this.stopped || gen !== this.generation) return;
    const d = delay ?? this.delay;
    this.delay = Math.min(this.delay * 2, this.opts.maxRetryMs ?? 10_000);
    this.timer = setTimeout(() => void this.attempt(gen), d);
  }
}
