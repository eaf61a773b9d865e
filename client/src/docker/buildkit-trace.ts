// BuildKit progress as the engine streams it through the build API: `{"id":"moby.buildkit.trace",
// "aux":"<base64 protobuf moby.buildkit.v1.StatusResponse>"}`. A small wire-format reader for the
// fields we show (no .proto files to load at run time, which a bundled extension could not find),
// and a renderer that prints what `docker buildx build --progress=plain` prints.

export interface TraceVertex {
  digest: string;
  name: string;
  cached: boolean;
  started: boolean;
  completed: boolean;
  error: string;
}

export interface TraceLog {
  vertex: string;
  msg: Buffer;
}

export interface TraceStatus {
  vertexes: TraceVertex[];
  logs: TraceLog[];
}

/** Iterate the fields of one protobuf message: [fieldNumber, wireType, value]. */
function* fields(buf: Buffer): Generator<[number, number, Buffer | bigint]> {
  let i = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (i >= buf.length) throw new Error('truncated varint');
      const b = buf[i++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const field = key >>> 3;
    const wire = key & 7;
    if (wire === 0) yield [field, wire, varint()];
    else if (wire === 2) {
      const len = Number(varint());
      yield [field, wire, buf.subarray(i, i + len)];
      i += len;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

function vertex(buf: Buffer): TraceVertex {
  const v: TraceVertex = { digest: '', name: '', cached: false, started: false, completed: false, error: '' };
  for (const [f, , val] of fields(buf)) {
    if (f === 1) v.digest = (val as Buffer).toString('utf8');
    else if (f === 3) v.name = (val as Buffer).toString('utf8');
    else if (f === 4) v.cached = (val as bigint) !== 0n;
    else if (f === 5) v.started = true;
    else if (f === 6) v.completed = true;
    else if (f === 7) v.error = (val as Buffer).toString('utf8');
  }
  return v;
}

function log(buf: Buffer): TraceLog {
  const l: TraceLog = { vertex: '', msg: Buffer.alloc(0) };
  for (const [f, , val] of fields(buf)) {
    if (f === 1) l.vertex = (val as Buffer).toString('utf8');
    else if (f === 4) l.msg = val as Buffer;
  }
  return l;
}

export function decodeTrace(base64: string): TraceStatus {
  const out: TraceStatus = { vertexes: [], logs: [] };
  for (const [f, wire, val] of fields(Buffer.from(base64, 'base64'))) {
    if (wire !== 2) continue;
    if (f === 1) out.vertexes.push(vertex(val as Buffer));
    else if (f === 3) out.logs.push(log(val as Buffer));
  }
  return out;
}

/**
 * Turns trace updates into plain progress text ("#3 [stage-0 2/3] RUN make", "#3 0.412 output",
 * "#3 DONE 1.2s", "#3 ERROR: ...") and remembers which step failed.
 */
export class TraceRenderer {
  private readonly numbers = new Map<string, number>();
  private readonly startedAt = new Map<string, number>();
  private readonly done = new Set<string>();
  private readonly names = new Map<string, string>();
  /** name of the first step that failed ("[stage-0 2/3] RUN false") and its error */
  failed: { name: string; error: string } | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  private num(digest: string): number {
    let n = this.numbers.get(digest);
    if (n === undefined) this.numbers.set(digest, (n = this.numbers.size + 1));
    return n;
  }

  render(status: TraceStatus): string {
    let out = '';
    for (const v of status.vertexes) {
      const n = this.num(v.digest);
      if (v.name) this.names.set(v.digest, v.name);
      if (!this.startedAt.has(v.digest) && (v.started || v.cached || v.completed)) {
        this.startedAt.set(v.digest, this.now());
        out += `#${n} ${v.name}\n`;
      }
      if (this.done.has(v.digest)) continue;
      if (v.error) {
        this.done.add(v.digest);
        out += `#${n} ERROR: ${v.error}\n`;
        this.failed ??= { name: v.name, error: v.error };
      } else if (v.cached && v.completed) {
        this.done.add(v.digest);
        out += `#${n} CACHED\n`;
      } else if (v.completed) {
        this.done.add(v.digest);
        out += `#${n} DONE ${((this.now() - (this.startedAt.get(v.digest) ?? this.now())) / 1000).toFixed(1)}s\n`;
      }
    }
    for (const l of status.logs) {
      const n = this.num(l.vertex);
      const secs = ((this.now() - (this.startedAt.get(l.vertex) ?? this.now())) / 1000).toFixed(3);
      for (const line of l.msg.toString('utf8').replace(/\n$/, '').split('\n')) out += `#${n} ${secs} ${line}\n`;
    }
    return out;
  }
}
