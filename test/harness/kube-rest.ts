/**
 * A small Kubernetes REST client for test code: JSON over HTTPS with the
 * test cluster's client certificate. The tests' own watchers and the provider
 * simulator use it; @kubernetes/client-node 2.x is an ES module that Jest's
 * CommonJS runtime cannot load, and kubectl per call costs a process start.
 */
import * as https from 'https';

import { ApiServer } from './apiserver';

export type KubeObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
};

/** The metadata fields test code reads and writes. */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  deletionTimestamp?: string;
  ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }>;
  creationTimestamp?: string;
}

/** Where a kind is served. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  /** @default true */
  readonly namespaced?: boolean;
}

/** A non-2xx answer; `status` is the HTTP status, `message` the API server's Status message. */
export class KubeApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export type PatchType = 'merge' | 'json' | 'strategic';

const CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/** A watch event as the API server streams it. */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: KubeObject;
}

export class KubeRest {
  private readonly agent: https.Agent;
  private readonly base: URL;

  constructor(api: Pick<ApiServer, 'url' | 'caPem' | 'clientCertPem' | 'clientKeyPem'>) {
    this.base = new URL(api.url);
    this.agent = new https.Agent({ ca: api.caPem, cert: api.clientCertPem, key: api.clientKeyPem, keepAlive: true, maxSockets: 8 });
  }

  /** The collection path of a type, or of one object (and its subresource). */
  static path(t: ResourceType, namespace?: string, name?: string, subresource?: string): string {
    const root = t.group === '' ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`;
    const ns = t.namespaced !== false && namespace ? `/namespaces/${namespace}` : '';
    return `${root}${ns}/${t.plural}${name ? `/${name}` : ''}${subresource ? `/${subresource}` : ''}`;
  }

  request<T = KubeObject>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise<T>((resolve, reject) => {
      const req = https.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path,
          method,
          agent: this.agent,
          timeout: 30_000,
          headers: { Accept: 'application/json', ...(payload ? { 'Content-Type': contentType, 'Content-Length': payload.length } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            const status = res.statusCode ?? 0;
            if (status < 200 || status > 299) {
              let message = text;
              try {
                message = (JSON.parse(text) as { message?: string }).message ?? text;
              } catch {
                // not a Status object; keep the raw text
              }
              reject(new KubeApiError(status, `${method} ${path}: ${status} ${message}`));
              return;
            }
            resolve((text ? JSON.parse(text) : {}) as T);
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  get(t: ResourceType, namespace: string | undefined, name: string): Promise<KubeObject> {
    return this.request('GET', KubeRest.path(t, namespace, name));
  }

  /** The object, or undefined when it does not exist. */
  async find(t: ResourceType, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    try {
      return await this.get(t, namespace, name);
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  async list(t: ResourceType, namespace?: string): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    const l = await this.request<{ items: KubeObject[]; metadata: { resourceVersion: string } }>('GET', KubeRest.path(t, namespace));
    return { items: l.items, resourceVersion: l.metadata.resourceVersion };
  }

  create(t: ResourceType, namespace: string | undefined, obj: KubeObject): Promise<KubeObject> {
    return this.request('POST', KubeRest.path(t, namespace), obj);
  }

  /** PUT of a whole object (optimistic concurrency through metadata.resourceVersion). */
  replace(t: ResourceType, obj: KubeObject, subresource?: string): Promise<KubeObject> {
    return this.request('PUT', KubeRest.path(t, obj.metadata?.namespace, obj.metadata?.name, subresource), obj);
  }

  patch(t: ResourceType, namespace: string | undefined, name: string, patch: unknown, type: PatchType = 'merge', subresource?: string): Promise<KubeObject> {
    return this.request('PATCH', KubeRest.path(t, namespace, name, subresource), patch, CONTENT_TYPES[type]);
  }

  async delete(t: ResourceType, namespace: string | undefined, name: string): Promise<void> {
    await this.request('DELETE', KubeRest.path(t, namespace, name));
  }

  /**
   * Watches a collection from resourceVersion. onEvent sees every event;
   * onEnd runs once when the stream ends for any reason. Returns a stop function.
   */
  watch(t: ResourceType, namespace: string | undefined, resourceVersion: string, onEvent: (e: WatchEvent) => void, onEnd: (err?: Error) => void): () => void {
    let ended = false;
    const end = (err?: Error): void => {
      if (ended) return;
      ended = true;
      onEnd(err);
    };
    const req = https.request(
      {
        host: this.base.hostname,
        port: this.base.port,
        path: `${KubeRest.path(t, namespace)}?watch=1&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(resourceVersion)}`,
        method: 'GET',
        agent: false,
        ca: (this.agent.options as https.AgentOptions).ca,
        cert: (this.agent.options as https.AgentOptions).cert,
        key: (this.agent.options as https.AgentOptions).key,
        headers: { Accept: 'application/json' },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          end(new KubeApiError(res.statusCode ?? 0, `watch ${t.plural}: HTTP ${res.statusCode}`));
          return;
        }
        let buffered = '';
        res.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          let nl: number;
          while ((nl = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, nl).trim();
            buffered = buffered.slice(nl + 1);
            if (line) onEvent(JSON.parse(line) as WatchEvent);
          }
        });
        res.on('end', () => end());
        res.on('error', (e) => end(e));
      },
    );
    req.on('error', (e) => end(e));
    req.end();
    return () => {
      req.destroy();
      end();
    };
  }

  /** Closes idle keep-alive sockets so the test process can exit. */
  close(): void {
    this.agent.destroy();
  }
}
