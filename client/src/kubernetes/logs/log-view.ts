// What a log view holds: the last N formatted lines (bounded), the filter and the options that
// change how lines look. Pure: the VS Code document and the bench both drive it.
import { filterLines, RingBuffer } from './ring-buffer';
import type { LogLine } from './pod-logs';

export interface LogViewOptions {
  maxLines: number;
  timestamps?: boolean;
  /** Prefix lines with [pod/container] (merged workload logs). */
  prefix?: boolean;
}

export class LogView {
  readonly buffer: RingBuffer<string>;
  filter = '';
  received = 0;

  constructor(readonly opts: LogViewOptions) {
    this.buffer = new RingBuffer(Math.max(1, Math.floor(opts.maxLines)));
  }

  format(line: LogLine): string {
    const prefix = this.opts.prefix ? `[${line.pod}/${line.container}] ` : '';
    return `${prefix}${this.opts.timestamps && line.time ? `${line.time} ` : ''}${line.text}`;
  }

  add(line: LogLine): void {
    this.received++;
    this.buffer.push(this.format(line));
  }

  notice(text: string): void {
    this.buffer.push(`--- ${text} ---`);
  }

  text(): string {
    const lines = filterLines(this.buffer.toArray(), this.filter);
    const head = this.buffer.dropped ? `--- ${this.buffer.dropped} older lines dropped (shipshape.logs.maxLines = ${this.buffer.capacity}) ---\n` : '';
    return head + lines.join('\n') + (lines.length ? '\n' : '');
  }
}
