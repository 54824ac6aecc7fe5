/**
 * Synchronous HTTP for the org session. The interpreter is synchronous, so a callout must block the calling thread
 * until the answer arrives: a worker thread performs the `fetch` and wakes the caller through `Atomics.wait` on a
 * shared buffer. About a millisecond per request on loopback (the runtime's fallback spawns a process per
 * callout). The servers called must not run on the blocked thread (the emulator runs in its own process).
 */
import { Worker } from 'node:worker_threads';

export interface SyncHttpRequest {
    url: string;
    method: string;
    headers: [string, string][];
    body: Buffer | null;
    timeoutMs: number;
}

export interface SyncHttpResponse {
    status: number;
    statusText: string;
    headers: [string, string][];
    body: Buffer;
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async (m) => {
  const { signal, data, req } = m;
  let out;
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body === null ? undefined : Buffer.from(req.body, 'base64'),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const buf = Buffer.from(await res.arrayBuffer());
    out = { status: res.status, statusText: res.statusText, headers: [...res.headers.entries()], body: buf.toString('base64') };
  } catch (e) {
    const cause = e && e.cause && e.cause.code ? ' (' + e.cause.code + ')' : '';
    out = { error: String((e && e.name === 'TimeoutError') ? 'Read timed out' : ((e && e.message) || e)) + cause };
  }
  const bytes = Buffer.from(JSON.stringify(out), 'utf8');
  const view = new Uint8Array(data);
  if (bytes.length > view.length) {
    const err = Buffer.from(JSON.stringify({ error: 'response too large for the callout buffer' }));
    view.set(err);
    Atomics.store(new Int32Array(signal), 1, err.length);
  } else {
    view.set(bytes);
    Atomics.store(new Int32Array(signal), 1, bytes.length);
  }
  Atomics.store(new Int32Array(signal), 0, 1);
  Atomics.notify(new Int32Array(signal), 0);
});
`;

/** One worker per client; `close()` terminates it. */
export class SyncHttpClient {
    private worker: Worker | null = null;
    private readonly signal = new SharedArrayBuffer(8);
    private readonly data: SharedArrayBuffer;

    constructor(maxResponseBytes = 48 * 1024 * 1024) {
        this.data = new SharedArrayBuffer(maxResponseBytes);
    }

    private ensureWorker(): Worker {
        if (!this.worker) {
            this.worker = new Worker(WORKER_SOURCE, { eval: true });
            // never keep the process alive only for this worker
            this.worker.unref();
        }
        return this.worker;
    }

    /** Sends a request and blocks until the answer (or a network error, thrown as an Error). */
    request(req: SyncHttpRequest): SyncHttpResponse {
        const worker = this.ensureWorker();
        const flags = new Int32Array(this.signal);
        Atomics.store(flags, 0, 0);
        worker.postMessage({
            signal: this.signal,
            data: this.data,
            req: { url: req.url, method: req.method, headers: req.headers, body: req.body ? req.body.toString('base64') : null, timeoutMs: req.timeoutMs },
        });
        const waited = Atomics.wait(flags, 0, 0, req.timeoutMs + 5000);
        if (waited === 'timed-out') throw new Error('Read timed out');
        const len = Atomics.load(flags, 1);
        const out = JSON.parse(Buffer.from(new Uint8Array(this.data, 0, len)).toString('utf8')) as
            | { error: string }
            | { status: number; statusText: string; headers: [string, string][]; body: string };
        if ('error' in out) throw new Error(out.error);
        return { status: out.status, statusText: out.statusText, headers: out.headers, body: Buffer.from(out.body, 'base64') };
    }

    async close(): Promise<void> {
        const w = this.worker;
        this.worker = null;
        if (w) await w.terminate();
    }
}
