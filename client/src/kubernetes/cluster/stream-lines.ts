import { StringDecoder } from 'node:string_decoder';

/** A log line longer than this is cut into pieces of this size (a process that never prints a newline). */
export const MAX_LINE = 1024 * 1024;

export class LineTooLong extends Error {
  constructor(limit: number) {
    super(`a line of the response is longer than ${limit} characters`);
    this.name = 'LineTooLong';
  }
}

/**
 * The lines of a streamed response body (watch events, container logs). Decoded across chunk boundaries,
 * so a character split between two chunks stays whole. Text after the last newline is yielded at the
 * end only when `trailing` is set (a log's last line; a watch's cut-off event is not one). Memory stays
 * bounded: a line over `maxLine` is yielded in pieces (`split`, for logs) or ends the stream with
 * LineTooLong (`fail`, for watch events that must stay whole JSON).
 */
export async function* streamLines(body: AsyncIterable<Buffer | string>, opts: { trailing?: boolean; maxLine?: number; overlong?: 'split' | 'fail' } = {}): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  const limit = opts.maxLine ?? MAX_LINE;
  let rest = '';
  for await (const chunk of body) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      yield* pieces(text.slice(from, nl), limit, opts.overlong);
      from = nl + 1;
    }
    rest = text.slice(from);
    if (rest.length > limit) {
      if (opts.overlong === 'fail') throw new LineTooLong(limit);
      // Whole pieces now; the remainder waits for its newline.
      const cut = rest.length - (rest.length % limit);
      yield* pieces(rest.slice(0, cut), limit, 'split');
      rest = rest.slice(cut);
    }
  }
  rest += decoder.end();
  if (opts.trailing && rest) yield* pieces(rest, limit, opts.overlong);
}

function* pieces(line: string, limit: number, overlong: 'split' | 'fail' | undefined): Generator<string> {
  if (line.length <= limit) return void (yield line);
  if (overlong === 'fail') throw new LineTooLong(limit);
  for (let i = 0; i < line.length; i += limit) yield line.slice(i, i + limit);
}
