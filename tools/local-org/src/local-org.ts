/**
 * The local org: the package's Apex running in an org session of the local runtime, the Partner Center emulator in
 * a child process, and a small HTTP front that plays the Salesforce side of the wire:
 *
 *   POST /services/apexrest/<path>   Apex REST as the Site guest user (the emulator's webhooks land here)
 *   POST /apex/<Class>.<method>      an @AuraEnabled method as the seller (card) or the admin (setup), JSON params
 *   POST /ui-api/record              { recordId } → a minimal UI API record (Name, LastModifiedDate) for getRecord
 *   GET  /_org/status                users, counts, pending/delayed jobs, emulator URL
 *   GET  /_org/transactions?since=N  the transaction log with governor counters
 *   POST /_org/drain                 run due async work now
 *
 * The package's certificate pin is overridden in this session only: a `CoSellTrustedCertificate__mdt` record with
 * the emulator's test-certificate thumbprint, never written to force-app or test-fixtures.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApexTransactionError, OrgSession, type AsyncMode, type TxRecord } from '@cosell-tools/apex-runtime/src/org/session.ts';
import { EmulatorProcess, CERTIFICATE_URL } from './emulator-process.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../../..');
const FIXTURES = JSON.parse(readFileSync(resolve(here, '../../partner-center-emulator/certs/fixtures.json'), 'utf8')) as {
    certificate: { sha256ThumbprintHex: string };
};
/** Thumbprint of the emulator's TEST certificate (tools/partner-center-emulator/certs). */
export const EMULATOR_THUMBPRINT = FIXTURES.certificate.sha256ThumbprintHex;
export const WEBHOOK_PATH = '/services/apexrest/cosell/v1/webhook';
/** The token the org's authenticated External Credential principal presents (the emulator accepts any). */
export const LOCAL_TOKEN = 'local-org-integration-token';

export interface LocalOrgUsers {
    admin: string;
    seller: string;
    integration: string;
    guest: string;
}

export interface LocalOrgOptions {
    projectDir?: string;
    /** Port of the HTTP front (0 = any). */
    port?: number;
    /** Folder for `state.json` (the org) and `partner-center.json` (the emulator); null = in memory only. */
    stateDir?: string | null;
    asyncMode?: AsyncMode;
    emulatorConfig?: Record<string, unknown>;
    /** Use an emulator that is already running instead of starting one. */
    emulatorUrl?: string;
    /** Multi-currency on/off (default: the project's scratch definition). */
    multiCurrency?: boolean;
    debug?: boolean;
    verbose?: boolean;
}

type Json = Record<string, unknown>;

export class LocalOrg {
    readonly session: OrgSession;
    readonly emulator: EmulatorProcess;
    readonly users: LocalOrgUsers;
    url = '';
    private server: Server | null = null;
    private ticker: NodeJS.Timeout | null = null;
    readonly statusEvents: Json[] = [];
    /** Host data kept in the state file with the org (e.g. the demo record ids). */
    meta: Json = {};

    private constructor(session: OrgSession, emulator: EmulatorProcess, users: LocalOrgUsers) {
        this.session = session;
        this.emulator = emulator;
        this.users = users;
    }

    static async start(opts: LocalOrgOptions = {}): Promise<LocalOrg> {
        const stateDir = opts.stateDir ? resolve(opts.stateDir) : null;
        if (stateDir) mkdirSync(stateDir, { recursive: true });
        const emulator = await EmulatorProcess.start({
            port: 0,
            stateFile: stateDir ? join(stateDir, 'partner-center.json') : null,
            config: opts.emulatorConfig,
            verbose: opts.verbose,
        });
        let session: OrgSession;
        try {
            session = new OrgSession({
                projectDir: opts.projectDir ?? REPO_ROOT,
                stateFile: stateDir ? join(stateDir, 'state.json') : null,
                asyncMode: opts.asyncMode ?? 'deferred',
                multiCurrency: opts.multiCurrency,
                debug: opts.debug,
                callouts: {
                    CoSellPartnerCenter: { baseUrl: emulator.url, token: LOCAL_TOKEN },
                    CoSellPartnerCenterWebhooks: { baseUrl: emulator.url, token: LOCAL_TOKEN },
                    // the pinned https host of the signing certificate, served by the emulator at /cert/...
                    CoSellCertificateHost: { baseUrl: emulator.url, token: null },
                },
                customMetadata: {
                    CoSellTrustedCertificate__mdt: [
                        {
                            DeveloperName: 'LocalOrgEmulator',
                            MasterLabel: 'Local org: Partner Center emulator TEST certificate',
                            Thumbprint__c: EMULATOR_THUMBPRINT,
                            UrlPrefix__c: CERTIFICATE_URL.slice(0, CERTIFICATE_URL.lastIndexOf('/') + 1),
                            IsActive__c: true,
                        },
                    ],
                },
            });
        } catch (e) {
            await emulator.stop();
            throw e;
        }
        const restored = session.restoredExtra as { users?: LocalOrgUsers; meta?: Json } | null;
        const users = restored?.users ?? createUsers(session);
        const org = new LocalOrg(session, emulator, users);
        org.meta = restored?.meta ?? {};
        try {
            await org.listen(opts.port ?? 0);
            org.configureSite();
            org.registerWebhooks();
            org.scheduleReconciliation();
            await org.settle();
        } catch (e) {
            await org.close({ save: false });
            throw e;
        }
        return org;
    }

    /** The webhook URL registered with Partner Center (the front's Apex REST path). */
    get webhookUrl(): string {
        return this.url + WEBHOOK_PATH;
    }

    // ------------------------------------------------------------------ Apex entry points

    /** Calls an `@AuraEnabled` method as a user alias (seller by default), as the LWC would. */
    apex<T = unknown>(classAndMethod: string, params: Json = {}, as: keyof LocalOrgUsers = 'seller'): T {
        const [cls, method] = classAndMethod.split('.');
        this.assertAuraEnabled(cls, method);
        return this.session.callStatic(cls, method, params, { userId: this.users[as] }).result as T;
    }

    /** Runs anonymous Apex as a user alias (seller by default). */
    anonymous(code: string, as: keyof LocalOrgUsers = 'seller'): string[] {
        return this.session.runAnonymous(code, { userId: this.users[as] }).debug;
    }

    /** Rows in system mode (assertions). */
    query(soql: string): Json[] {
        return this.session.query(soql);
    }

    /** Waits until the emulator has delivered its webhooks and the org has processed all due async work. */
    async settle(timeoutMs = 30_000): Promise<void> {
        const end = Date.now() + timeoutMs;
        let quietRounds = 0;
        while (quietRounds < 2) {
            if (Date.now() > end) throw new Error('the local org did not settle in time');
            const before = this.session.transactions.length;
            await this.emulator.waitForDeliveries(Math.max(1000, end - Date.now()));
            await new Promise((r) => setImmediate(r));
            if (this.session.asyncMode === 'manual') this.session.drain();
            else await this.session.idle();
            quietRounds = this.session.transactions.length === before && this.session.isIdle ? quietRounds + 1 : 0;
            if (quietRounds < 2) await new Promise((r) => setTimeout(r, 20));
        }
    }

    async close(opts: { save?: boolean } = {}): Promise<void> {
        if (this.ticker) clearInterval(this.ticker);
        this.ticker = null;
        if (this.server) {
            const s = this.server;
            this.server = null;
            await new Promise<void>((r) => {
                s.close(() => r());
                s.closeAllConnections?.();
            });
        }
        if (opts.save !== false && this.session.hasStateFile) this.session.save({ users: this.users, meta: this.meta });
        await this.session.close();
        await this.emulator.stop();
    }

    // ------------------------------------------------------------------ setup

    /** The public Site whose guest user runs the webhook resource; its URL follows the front's port. */
    private configureSite(): void {
        const db = this.session.db;
        let siteId: string | null = null;
        for (const s of db.rows('Site')) if (s.get('GuestUserId') === this.users.guest) siteId = String(s.get('Id'));
        if (!siteId) {
            siteId = db.systemInsert('Site', {
                Name: 'CoSellWebhooks',
                MasterLabel: 'Co-sell webhooks',
                Subdomain: 'local',
                UrlPathPrefix: null,
                Status: 'Active',
                SiteType: 'Visualforce',
                GuestUserId: this.users.guest,
            });
        }
        let detailId: string | null = null;
        for (const d of db.rows('SiteDetail')) if (d.get('DurableId') === siteId) detailId = String(d.get('Id'));
        if (detailId) db.systemUpdate(detailId, { SecureUrl: this.url });
        else db.systemInsert('SiteDetail', { DurableId: siteId, SecureUrl: this.url, IsRegistrationEnabled: false, IsActive: true });
    }

    /** Registers this org's webhook URL through the package's own setup flow (as the admin). */
    private registerWebhooks(): void {
        // the admin's "test connection" after signing the principal in (setup step 1)
        const c = this.apex<{ ok: boolean; message: string }>('CoSellSetupController.testConnection', {}, 'admin');
        if (!c.ok) throw new Error(`connection test failed: ${c.message}`);
        const r = this.apex<{ registered: boolean; message: string }>('CoSellSetupController.registerWebhooks', { overwrite: true }, 'admin');
        if (!r.registered) throw new Error(`webhook registration failed: ${r.message}`);
    }

    /**
     * Schedules the package's reconciliation afresh as the admin would. Registering the webhooks already schedules it
     * in a new org, but the session keeps scheduled jobs in memory: a restored org has the CronTrigger rows without
     * the jobs, so the schedule is replaced (the aborted jobs are forgotten). Fired by `fireScheduled` in tests and
     * hourly by the running local org.
     */
    private scheduleReconciliation(): void {
        this.session.runAnonymous(
            `Set<Id> details = new Set<Id>();
            for (CronJobDetail d : [SELECT Id FROM CronJobDetail WHERE Name LIKE 'CoSell reconciliation%']) { details.add(d.Id); }
            for (CronTrigger t : [SELECT Id FROM CronTrigger WHERE CronJobDetailId IN :details]) { System.abortJob(t.Id); }
            CoSellReconciliationJob.scheduleAll();`,
            { userId: this.users.admin },
        );
    }

    private assertAuraEnabled(cls: string, method: string): void {
        const ci = this.session.ip.classes.get(cls.toLowerCase());
        const ms = ci?.methods.get(method.toLowerCase()) ?? [];
        if (!ms.some((m) => m.isStatic && m.decl.annos.some((a) => a.name === 'auraenabled'))) {
            throw new NotFoundError(`No @AuraEnabled method ${cls}.${method}`);
        }
    }

    // ------------------------------------------------------------------ HTTP front

    private async listen(port: number): Promise<void> {
        const server = createServer((req, res) => {
            this.handle(req, res).catch((e) => send(res, 500, { message: `local org error: ${(e as Error).message}` }));
        });
        await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
        const addr = server.address() as { port: number };
        this.url = `http://127.0.0.1:${addr.port}`;
        this.server = server;
        this.session.eventListeners.push((type, payload) => {
            if (type === 'CoSellStatusChange__e') this.statusEvents.push(payload);
            for (const l of this.eventForwarders) l(type, payload);
        });
        // delayed jobs (MinimumQueueableDelayInMinutes) start when their time has come, as on the platform
        this.ticker = setInterval(() => this.session.tick(), 1000);
        this.ticker.unref();
    }

    /** Receivers of committed platform events (the preview's empApi bridge). */
    readonly eventForwarders: ((type: string, payload: Json) => void)[] = [];

    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const path = url.pathname;
        const body = await readBody(req);
        if (req.method === 'GET' && path === '/_org/status') return send(res, 200, this.status());
        if (req.method === 'GET' && path === '/_org/transactions') {
            const since = Number(url.searchParams.get('since') ?? 0);
            return send(res, 200, this.session.transactions.filter((t) => t.seq > since));
        }
        if (req.method === 'POST' && path === '/_org/drain') return send(res, 200, this.session.drain().map(summary));
        if (path.startsWith('/services/apexrest/')) {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
            const r = this.session.invokeRestResource({
                method: req.method ?? 'GET',
                path: path.slice('/services/apexrest'.length) + url.search,
                headers,
                body,
                remoteAddress: req.socket.remoteAddress ?? '127.0.0.1',
                userId: this.users.guest,
            });
            res.writeHead(r.statusCode, { 'content-type': 'application/json', ...r.headers });
            res.end(r.body);
            return;
        }
        if (req.method === 'POST' && path.startsWith('/apex/')) {
            const [cls, method] = decodeURIComponent(path.slice('/apex/'.length)).split('.');
            const params = body.length ? (JSON.parse(body.toString('utf8')) as Json) : {};
            const as = (req.headers['x-local-org-user'] as keyof LocalOrgUsers | undefined) ?? (cls.toLowerCase() === 'cosellsetupcontroller' ? 'admin' : 'seller');
            if (!(as in this.users)) return send(res, 400, { message: `Unknown user alias ${as}` });
            try {
                return send(res, 200, this.apex(`${cls}.${method}`, params, as));
            } catch (e) {
                if (e instanceof NotFoundError) return send(res, 404, { message: e.message, exceptionType: 'System.NoSuchMethodException' });
                if (e instanceof ApexTransactionError) {
                    const handled = e.apexType === 'System.AuraHandledException';
                    return send(res, handled ? 400 : 500, { message: handled ? e.apexMessage : `${e.apexType}: ${e.apexMessage}`, exceptionType: e.apexType });
                }
                throw e;
            }
        }
        if (req.method === 'POST' && path === '/ui-api/record') {
            const { recordId } = JSON.parse(body.toString('utf8') || '{}') as { recordId?: string };
            const rows = recordId ? this.query(`SELECT Id, Name, LastModifiedDate FROM Opportunity WHERE Id = '${String(recordId).replace(/[^A-Za-z0-9]/g, '')}'`) : [];
            if (!rows.length) return send(res, 404, { message: 'The requested resource does not exist', exceptionType: 'NOT_FOUND' });
            const o = rows[0];
            return send(res, 200, {
                id: o.Id,
                apiName: 'Opportunity',
                fields: { Name: { value: o.Name, displayValue: null }, LastModifiedDate: { value: o.LastModifiedDate, displayValue: null } },
            });
        }
        if (req.method === 'POST' && path === '/ui-api/object-info') {
            const { objectApiName } = JSON.parse(body.toString('utf8') || '{}') as { objectApiName?: string };
            const def = objectApiName ? (this.session.db.schema as unknown as { getObject(n: string): ObjectInfoDef | null }).getObject(objectApiName) : null;
            if (!def) return send(res, 404, { message: `No object ${objectApiName}`, exceptionType: 'NOT_FOUND' });
            const fields: Json = {};
            for (const f of def.fields.values()) fields[f.name] = { apiName: f.name, label: f.label };
            return send(res, 200, { apiName: def.name, label: def.label, fields });
        }
        return send(res, 404, { message: `No route for ${req.method} ${path}` });
    }

    status(): Json {
        const count = (t: string): number => this.query(`SELECT Id FROM ${t}`).length;
        return {
            url: this.url,
            webhookUrl: this.webhookUrl,
            emulatorUrl: this.emulator.url,
            users: this.users,
            opportunities: count('Opportunity'),
            outbox: count('CoSellOutbox__c'),
            inbox: count('CoSellInbox__c'),
            transactions: this.session.transactions.length,
            pendingJobs: this.session.pendingJobs,
            delayedJobs: this.session.delayedJobs,
            scheduledJobs: this.session.scheduledJobs,
        };
    }
}

class NotFoundError extends Error {}

interface ObjectInfoDef {
    name: string;
    label: string;
    fields: Map<string, { name: string; label: string }>;
}

function createUsers(session: OrgSession): LocalOrgUsers {
    return {
        admin: session.createUser({ username: 'admin@local-org.test', firstName: 'Ada', lastName: 'Admin', profile: 'System Administrator', permissionSets: ['CoSellAdmin', 'CoSellSeller'] }),
        seller: session.createUser({ username: 'seller@local-org.test', firstName: 'Sam', lastName: 'Seller', permissionSets: ['CoSellSeller'] }),
        integration: session.createUser({ username: 'integration@local-org.test', firstName: 'Ivy', lastName: 'Integration', permissionSets: ['CoSellIntegration'] }),
        guest: session.createUser({ username: 'guest@local-org.test', firstName: 'Site', lastName: 'Guest', permissionSets: ['CoSellWebhookGuest'] }),
    };
}

function summary(t: TxRecord): Json {
    return { seq: t.seq, kind: t.kind, label: t.label, ok: t.ok, error: t.error, limits: t.limits };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body ?? null));
}
