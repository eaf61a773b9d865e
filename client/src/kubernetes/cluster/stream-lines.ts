import { StringDecoder } from 'node:string_decoder';

/**
 * The lines of a streamed response body (watch events, container logs). Decoded across chunk boundaries,
 * so a character split between two chunks stays whole. Text after the last newline is yielded at the
 * end only when `trailing` is set (a log's last line; a watch's cut-off event is not one).
 */
export async function* streamLines(body: AsyncIterable<Buffer | string>, opts: { trailing?: boolean } = {}): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of body) {
    rest += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      yield rest.slice(0, nl);
      rest = rest.slice(nl + 1);
    }
  }
  rest += decoder.end();
  if (opts.trailing && rest) yield rest;
}
