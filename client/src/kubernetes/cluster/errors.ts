// Turns whatever client-node, https or a credential plugin threw into one shape the tree and the
// commands show: an HTTP status when there is one, a short reason, and a message saying what to do.

export interface KubeError {
  /** HTTP status (401, 403, 404, 409, 410, 422…) or undefined for transport errors. */
  status?: number;
  reason: 'BadRequest' | 'Forbidden' | 'Unauthorized' | 'NotFound' | 'Conflict' | 'Gone' | 'Invalid' | 'Unreachable' | 'CredentialPlugin' | 'Error';
  message: string;
}

export class KubeRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'KubeRequestError';
  }
}

export class CredentialPluginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialPluginError';
  }
}

const REASONS: Record<number, KubeError['reason']> = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 410: 'Gone', 422: 'Invalid' };
const TRANSPORT = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|EAI_AGAIN|socket hang up|certificate|self.signed|ERR_TLS/i;

function statusMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'message' in body && typeof (body as { message: unknown }).message === 'string') return (body as { message: string }).message;
  if (typeof body === 'string') {
    try {
      return statusMessage(JSON.parse(body));
    } catch {
      return body.trim() || undefined;
    }
  }
  return undefined;
}

/**
 * client-node's ApiException (thrown by its generated API clients), known by its shape: importing the class
 * would put @kubernetes/client-node into every bundle that formats an error (the Docker part's deploy).
 */
function isApiException(err: unknown): err is Error & { code: number; body: unknown } {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'number' && 'body' in err && 'headers' in err;
}

export function describeKubeError(err: unknown): KubeError {
  if (err instanceof CredentialPluginError) return { reason: 'CredentialPlugin', message: err.message };
  let status: number | undefined;
  let message: string | undefined;
  if (err instanceof KubeRequestError) {
    status = err.status;
    message = statusMessage(err.body) ?? err.message;
  } else if (isApiException(err)) {
    status = err.code;
    message = statusMessage(err.body) ?? err.message;
  } else if (err && typeof err === 'object' && 'statusCode' in err && typeof (err as { statusCode: unknown }).statusCode === 'number') {
    status = (err as { statusCode: number }).statusCode;
  }
  const text = err instanceof Error ? `${err.message}${(err as { code?: string }).code ? ` (${(err as { code?: string }).code})` : ''}` : String(err);
  if (status !== undefined) {
    const reason = REASONS[status] ?? 'Error';
    const hint = status === 401 ? ' Your credentials were rejected: log in again or refresh the token.' : '';
    return { status, reason, message: `${message ?? text}${hint}` };
  }
  if (TRANSPORT.test(text)) return { reason: 'Unreachable', message: `Cannot reach the cluster: ${text}` };
  return { reason: 'Error', message: text };
}

/** One line for a tree node's description or a notification. */
export function formatKubeError(err: unknown): string {
  const e = describeKubeError(err);
  return e.status ? `${e.status} ${e.reason}: ${e.message}` : e.message;
}
