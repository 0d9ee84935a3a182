/**
 * Turning a failed request to the cluster into one plain line: which context,
 * which server, and why (connection refused, TLS, 401, 403, ...). Pure; works
 * on the shapes @kubernetes/client-node and undici produce:
 *  - ApiException: `code` is the HTTP status, `body` the Status (object or JSON text);
 *  - Watch: an Error with `statusCode`;
 *  - fetch: TypeError('fetch failed') whose `cause` carries a Node `code`
 *    (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, ...).
 */
import { UsageError } from '../diagnostics/usage-error';

/** Cannot reach or authenticate to the cluster: a usage error of the surroundings, exit 2, one line, no stack. */
export class ClusterError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterError';
  }
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED', 'CERT_REJECTED',
]);

const NET_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed by the server',
  EPROTO: 'TLS handshake failed (is the server really HTTPS?)',
};

interface ErrorLike {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly body?: unknown;
  readonly cause?: unknown;
  readonly name?: unknown;
}

function asErrorLike(e: unknown): ErrorLike {
  return typeof e === 'object' && e !== null ? (e as ErrorLike) : { message: String(e) };
}

/** The Status message in an API error body, if there is one. */
function statusMessage(body: unknown): string | undefined {
  let b: unknown = body;
  if (typeof body === 'string') {
    try {
      b = JSON.parse(body);
    } catch {
      return body.trim() ? body.trim().split('\n')[0] : undefined;
    }
  }
  if (typeof b === 'object' && b !== null && typeof (b as { message?: unknown }).message === 'string') {
    return (b as { message: string }).message;
  }
  return undefined;
}

/** The HTTP status of an API error, when it is one. */
export function httpStatusOf(err: unknown): number | undefined {
  const e = asErrorLike(err);
  if (typeof e.code === 'number') return e.code;
  if (typeof e.statusCode === 'number') return e.statusCode;
  return undefined;
}

/** Why a request failed, in a few words; `what` names the request for 404s. */
export function describeCause(err: unknown, what = 'the resource'): string {
  const e = asErrorLike(err);
  const status = httpStatusOf(err);
  if (status !== undefined) {
    const detail = statusMessage(e.body);
    if (status === 401) return `401 Unauthorized: the server rejected the credentials${detail ? ` (${detail})` : ''}`;
    if (status === 403) return `403 Forbidden${detail ? `: ${detail}` : ''}`;
    if (status === 404) return `404 Not Found: the server does not serve ${what} (is the platform installed?)`;
    return `HTTP ${status}${detail ? `: ${detail}` : ''}`;
  }
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'request timed out';
  const cause = asErrorLike(e.cause);
  const code = typeof cause.code === 'string' ? cause.code : typeof e.code === 'string' ? e.code : undefined;
  const causeMessage = typeof cause.message === 'string' ? cause.message : undefined;
  if (code && TLS_CODES.has(code)) return `TLS: ${causeMessage ?? code}`;
  if (code && code.startsWith('ERR_SSL_')) return `TLS: ${causeMessage ?? code}`;
  if (code && NET_CAUSES[code]) return NET_CAUSES[code];
  const message = causeMessage ?? (typeof e.message === 'string' ? e.message : String(err));
  return message.split('\n')[0];
}

/** The one-line message for a failed request to the cluster of `context`. */
export function clusterErrorLine(context: string, server: string, err: unknown, what?: string): string {
  return `cannot use the cluster of context "${context}" (${server}): ${describeCause(err, what)}`;
}
