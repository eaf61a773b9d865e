// A fixed-capacity line buffer: the oldest lines are dropped so a log view that follows for days
// keeps a bounded memory footprint (shipshape.logs.maxLines).
export class RingBuffer<T = string> {
  private readonly slots: (T | undefined)[];
  private start = 0;
  private count = 0;
  /** Lines pushed out since creation. */
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.slots = new Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const end = (this.start + this.count) % this.capacity;
    this.slots[end] = item;
    if (this.count < this.capacity) this.count++;
    else {
      this.start = (this.start + 1) % this.capacity;
      this.dropped++;
    }
  }

  toArray(): T[] {
    const out: T[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.slots[(this.start + i) % this.capacity] as T;
    return out;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.start = 0;
    this.count = 0;
  }
}

/** Lines matching a filter: plain text (case-insensitive) or /regex/flags. */
export function filterLines(lines: readonly string[], filter: string): string[] {
  if (!filter) return [...lines];
  const m = /^\/(.+)\/([a-z]*)$/.exec(filter);
  if (m) {
    const re = new RegExp(m[1]!, m[2]!.replace('g', ''));
    return lines.filter((l) => re.test(l));
  }
  const needle = filter.toLowerCase();
  return lines.filter((l) => l.toLowerCase().includes(needle));
}
