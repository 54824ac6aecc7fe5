/**
 * Runs the Partner Center emulator in a child process and talks to its admin API over HTTP. It must not share the
 * org session's thread: Apex callouts block that thread until the emulator answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const EMULATOR_BIN = resolve(here, '../../partner-center-emulator/bin/partner-center-emulator.mjs');

/** The https certificate URL the package allows (its pinned prefix); routed to the emulator through the org. */
export const CERTIFICATE_URL = 'https://3psostorageacct.blob.core.windows.net/cert/pcnotifications-dispatch.microsoft.com.cer';

export interface EmulatorProcessOptions {
    port?: number;
    stateFile?: string | null;
    seedDemo?: boolean;
    /** Extra configuration keys (see the emulator README). */
    config?: Record<string, unknown>;
    /** Print the emulator's output. */
    verbose?: boolean;
}

export class EmulatorProcess {
    private constructor(
        readonly url: string,
        private readonly child: ChildProcess,
    ) {}

    static async start(opts: EmulatorProcessOptions = {}): Promise<EmulatorProcess> {
        const args = [EMULATOR_BIN, '--port', String(opts.port ?? 0), '--certificate-url', CERTIFICATE_URL];
        if (opts.stateFile) args.push('--state', opts.stateFile);
        if (opts.seedDemo) args.push('--seed-demo');
        args.push('--config', JSON.stringify({ retryBaseMs: 200, retryMaxMs: 5000, ...(opts.config ?? {}) }));
        const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        const url = await new Promise<string>((resolveUrl, reject) => {
            const timer = setTimeout(() => reject(new Error(`the emulator did not start in 30 s:\n${output}`)), 30_000);
            child.stdout!.on('data', (chunk: Buffer) => {
                output += chunk.toString('utf8');
                const m = /listening on (http:\/\/\S+)/.exec(output);
                if (m) {
                    clearTimeout(timer);
                    resolveUrl(m[1].replace(/\/$/, ''));
                }
            });
            child.stderr!.on('data', (chunk: Buffer) => {
                output += chunk.toString('utf8');
                if (opts.verbose) process.stderr.write(chunk);
            });
            child.on('exit', (code) => {
                clearTimeout(timer);
                reject(new Error(`the emulator exited (${code}) before listening:\n${output}`));
            });
        });
        if (opts.verbose) child.stdout!.on('data', (c: Buffer) => process.stdout.write(c));
        else child.stdout!.resume();
        return new EmulatorProcess(url, child);
    }

    /** Calls the emulator's admin API (`/_admin/...`); throws on a non-2xx answer. */
    async admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
        const send = (): Promise<Response> =>
            fetch(`${this.url}/_admin${path}`, {
                method,
                headers: body === undefined ? {} : { 'content-type': 'application/json' },
                body: body === undefined ? undefined : JSON.stringify(body),
            });
        let res: Response;
        try {
            res = await send();
        } catch (e) {
            // a kept-alive socket the server closed meanwhile: safe to repeat reads and the idle wait
            const safe = method === 'GET' || path.startsWith('/webhooks/idle');
            if (!safe) throw e;
            res = await send();
        }
        const text = await res.text();
        if (!res.ok) throw new Error(`emulator ${method} /_admin${path} → ${res.status}: ${text}`);
        return (text ? JSON.parse(text) : null) as T;
    }

    /** Waits until the emulator has no webhook delivery pending or waiting for a retry. */
    async waitForDeliveries(timeoutMs = 20_000): Promise<boolean> {
        const r = await this.admin<{ idle: boolean }>('POST', `/webhooks/idle?timeoutMs=${timeoutMs}`);
        return r.idle;
    }

    /** Stops the emulator (SIGTERM writes its state file). */
    async stop(): Promise<void> {
        if (this.child.exitCode !== null || this.child.signalCode !== null) return;
        await new Promise<void>((done) => {
            const t = setTimeout(() => {
                this.child.kill('SIGKILL');
            }, 5000);
            this.child.once('exit', () => {
                clearTimeout(t);
                done();
            });
            this.child.kill('SIGTERM');
        });
    }
}
