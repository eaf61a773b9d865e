// One current engine run per slot (a chart, a kustomization), shared by everyone who asks with the same
// inputs (the key), so ten open files of one chart cost one render. New inputs supersede the current run:
// it is aborted and whoever waited for it gets the new run's outcome. An ask right after another waits
// `debounceMs` for the burst to end; the first after a pause runs at once.

export interface LatestRunsOptions<In, Out> {
  /** Starts a run; resolves to its outcome (failures included), never rejects. */
  start(input: In, signal: AbortSignal): Promise<Out>;
  /** Wait this long after an ask that follows another within it (0: never wait, the CLI). */
  debounceMs?: number;
  /** A run finished and is the slot's current one (not a cache hit). */
  settled?(slot: string, outcome: Out): void;
}

interface Entry<In, Out> {
  key: string;
  input: In;
  waiters: ((outcome: Out) => void)[];
  outcome?: Out;
  timer?: NodeJS.Timeout;
  abort?: AbortController;
  /** When this entry was asked for, to tell a burst of edits from a first edit. */
  asked: number;
}

export class LatestRuns<In, Out> {
  private readonly entries = new Map<string, Entry<In, Out>>();

  constructor(private readonly options: LatestRunsOptions<In, Out>) {}

  run(slot: string, key: string, input: In): Promise<Out> {
    const current = this.entries.get(slot);
    if (current?.key === key) {
      if (current.outcome !== undefined) return Promise.resolve(current.outcome);
      return new Promise((resolve) => current.waiters.push(resolve));
    }
    const now = Date.now();
    const entry: Entry<In, Out> = { key, input, waiters: [], asked: now };
    const promise = new Promise<Out>((resolve) => entry.waiters.push(resolve));
    const debounce = this.options.debounceMs ?? 0;
    let delay = 0;
    if (current) {
      // Superseded: the old run stops and its waiters take the new outcome.
      if (current.timer) clearTimeout(current.timer);
      current.abort?.abort();
      if (current.outcome === undefined) {
        entry.waiters.push(...current.waiters);
        delay = debounce;
      } else if (now - current.asked < debounce) {
        delay = debounce;
      }
    }
    this.entries.set(slot, entry);
    if (delay > 0) entry.timer = setTimeout(() => this.start(slot, entry), delay);
    else this.start(slot, entry);
    return promise;
  }

  /** The slot's last finished outcome. */
  outcome(slot: string): Out | undefined {
    return this.entries.get(slot)?.outcome;
  }

  /** Finished runs of the slots `stale` picks run again on the next ask, even with the same key. */
  invalidate(stale: (slot: string) => boolean): void {
    for (const [slot, entry] of this.entries) if (entry.outcome !== undefined && stale(slot)) this.entries.delete(slot);
  }

  private start(slot: string, entry: Entry<In, Out>): void {
    entry.timer = undefined;
    entry.abort = new AbortController();
    void this.options.start(entry.input, entry.abort.signal).then((outcome) => {
      // Superseded meanwhile: the new entry answers these waiters.
      if (this.entries.get(slot) !== entry) return;
      entry.outcome = outcome;
      entry.abort = undefined;
      for (const resolve of entry.waiters.splice(0)) resolve(outcome);
      this.options.settled?.(slot, outcome);
    });
  }
}
