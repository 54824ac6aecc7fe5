/**
 * `npm start` (`local-org [--port N] [--preview-port N] [--state-dir DIR] [--reset] [--debug]`): starts the Partner
 * Center emulator, the local org and the LWC preview in proxy mode against the real Apex controllers, seeds demo
 * data on a fresh org, prints the URLs and keeps running until Ctrl+C (the state is saved on exit).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LocalOrg, REPO_ROOT } from './local-org.ts';
import { seedDemo, type DemoData } from './demo.ts';

export interface AppOptions {
    port?: number;
    previewPort?: number;
    stateDir?: string | null;
    reset?: boolean;
    debug?: boolean;
    /** Build the preview bundle when it is missing (default true). */
    build?: boolean;
    log?: (line: string) => void;
}

export interface App {
    org: LocalOrg;
    stateDir: string | null;
    previewUrl: string;
    demo: DemoData;
    close(): Promise<void>;
}

const PREVIEW_DIR = resolve(REPO_ROOT, 'tools/lwc-preview');

function ensurePreviewBuilt(log: (l: string) => void): void {
    if (existsSync(join(PREVIEW_DIR, 'dist/preview.js'))) return;
    log('Building the LWC preview bundle (first run)...');
    const r = spawnSync('npm', ['run', 'build', '-w', 'tools/lwc-preview'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build -w tools/lwc-preview failed');
}

export async function startApp(opts: AppOptions = {}): Promise<App> {
    const log = opts.log ?? ((l: string) => console.log(l));
    const stateDir = opts.stateDir === undefined ? resolve(REPO_ROOT, '.local-org') : opts.stateDir;
    if (opts.reset && stateDir) rmSync(stateDir, { recursive: true, force: true });
    if (opts.build !== false) ensurePreviewBuilt(log);
    const org = await LocalOrg.start({ port: opts.port ?? 0, stateDir, asyncMode: 'deferred', debug: opts.debug });
    if (!org.session.restored && org.session.stateSkipped && org.session.stateSkipped !== 'no state file') {
        log(`Starting a fresh org: ${org.session.stateSkipped}.`);
    }
    let demo = org.meta.demo as DemoData | undefined;
    let preview: { url: string; publish: (c: string, p: unknown) => void; close: () => Promise<void> };
    try {
        if (!demo) {
            demo = await seedDemo(org);
            org.meta.demo = demo;
            if (stateDir) org.session.save({ users: org.users, meta: org.meta });
        }
        preview = await startPreview(org.url, opts.previewPort ?? 0);
    } catch (e) {
        await org.close({ save: false });
        throw e;
    }
    org.eventForwarders.push((type, payload) => {
        if (type === 'CoSellStatusChange__e') preview.publish('/event/CoSellStatusChange__e', payload);
    });
    // the scheduled reconciliation, hourly as the package schedules it
    const hourly = setInterval(() => {
        try {
            org.session.fireScheduled('CoSellReconciliationJob');
        } catch (e) {
            log(`reconciliation failed: ${(e as Error).message}`);
        }
    }, 60 * 60_000);
    hourly.unref();
    let closed = false;
    return {
        org,
        stateDir,
        previewUrl: preview.url,
        demo: demo!,
        close: async () => {
            if (closed) return;
            closed = true;
            clearInterval(hourly);
            await preview.close();
            await org.close();
        },
    };
}

async function startPreview(target: string, port: number) {
    const { startPreviewServer } = (await import(resolve(PREVIEW_DIR, 'server/server.mjs'))) as {
        startPreviewServer: (o: { port?: number; mode: string; target: string }) => Promise<{ url: string; publish: (c: string, p: unknown) => void; close: () => Promise<void> }>;
    };
    return startPreviewServer({ port, mode: 'proxy', target: target + '/' });
}

function parseArgs(argv: string[]): AppOptions {
    const o: AppOptions = {};
    for (let i = 0; i < argv.length; i++) {
        const [k, inline] = argv[i].split('=');
        const value = (): string => inline ?? argv[++i];
        if (k === '--port') o.port = Number(value());
        else if (k === '--preview-port') o.previewPort = Number(value());
        else if (k === '--state-dir') o.stateDir = resolve(value());
        else if (k === '--reset') o.reset = true;
        else if (k === '--debug') o.debug = true;
        else if (k === '--help') {
            console.log('usage: npm start -- [--port N] [--preview-port N] [--state-dir DIR] [--reset] [--debug]');
            process.exit(0);
        } else throw new Error(`Unknown option ${k}`);
    }
    return o;
}

export async function main(argv: string[]): Promise<void> {
    const opts = parseArgs(argv);
    const app = await startApp({ previewPort: 4173, ...opts });
    const u = app.previewUrl;
    const { org, demo } = app;
    console.log(`
Local org is running (state: ${app.stateDir ?? 'in memory'}${org.session.restored ? ', restored' : ', fresh'})

  Co-sell card, ready to share:   ${u}?view=card&recordId=${demo.readyToShare}
  Co-sell card, shared:           ${u}?view=card&recordId=${demo.shared}
  Co-sell card, incoming referral: ${demo.incoming ? `${u}?view=card&recordId=${demo.incoming}` : '(not created yet)'}
  Setup page (admin):             ${u}?view=setup

  Org front (Apex REST, /apex proxy, /_org/status): ${org.url}
  Partner Center emulator:        ${org.emulator.url}
    act as a Microsoft seller:    curl -X POST ${org.emulator.url}/_admin/seller/referrals -H 'content-type: application/json' -d '{"name":"Tailspin - Azure AI"}'

Press Ctrl+C to stop (the org and the emulator state are saved).`);
    const stop = (): void => {
        app.close().then(
            () => process.exit(0),
            (e) => {
                console.error(e);
                process.exit(1);
            },
        );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
}
