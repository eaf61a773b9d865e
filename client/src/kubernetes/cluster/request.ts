// Raw API requests over node's http(s) with the kubeconfig's TLS and credentials applied, for what
// the generated clients do poorly: paged lists, streaming watches and logs, arbitrary resources.
import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeRequestError } from './errors';

export interface RequestOptions {
  method?: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * The request URL for an API path. The path must be an absolute path of the API server itself: text
 * from a server answer (the /openapi/v3 index) or a file could otherwise carry `@host` or `//host` and
 * send the authenticated request elsewhere, so the result must keep the server's origin and base path.
 */
export function buildUrl(kc: KubeConfig, path: string, query?: RequestOptions['query']): URL {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`Context "${kc.getCurrentContext()}" has no cluster`);
  if (!path.startsWith('/') || path.startsWith('//') || /[\\@\s]|%2e%2e|\/\.\.?(\/|$)/i.test(path.split('?')[0]!)) throw new Error(`Refused API path "${path.slice(0, 100)}": not a path of the API server`);
  const base = new URL(cluster.server);
  const url = new URL(cluster.server.replace(/\/+$/, '') + path);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname.replace(/\/+$/, ''))) throw new Error(`Refused API path "${path.slice(0, 100)}": it leaves ${base.origin}`);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

/** Opens a request and resolves with the response once headers arrive (non-2xx rejects with the body). */
export async function openStream(kc: KubeConfig, path: string, opts: RequestOptions = {}): Promise<http.IncomingMessage> {
  const url = buildUrl(kc, path, opts.query);
  const options: https.RequestOptions = { method: opts.method ?? 'GET', headers: { Accept: 'application/json', ...opts.headers } };
  await kc.applyToHTTPSOptions(options);
  const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  if (payload !== undefined) (options.headers as Record<string, string>)['Content-Type'] = opts.contentType ?? 'application/json';
  const lib = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { ...options, signal: opts.signal }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return resolve(res);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* plain text error */
        }
        const message = (body as { message?: string })?.message ?? (text || `HTTP ${status}`);
        reject(new KubeRequestError(status, message, body));
      });
      res.on('error', reject);
    });
    if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error(`request timed out after ${opts.timeoutMs} ms (ETIMEDOUT)`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** A whole JSON response. */
export async function requestJson<T = unknown>(kc: KubeConfig, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await openStream(kc, path, { timeoutMs: 30_000, ...opts });
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return (text ? JSON.parse(text) : undefined) as T;
}
