/**
 * The emulator: a loopback HTTP server that answers like Partner Center's referrals API
 * (`/v1.0/engagements/referrals`) and webhook registration API (`/webhooks/v1/registration`), serves the test
 * signing certificate (`/cert/...`), delivers signed webhooks, and exposes an admin API (`/_admin/...`) for seeding,
 * Microsoft-seller actions, fault injection, the request log and resets.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Clock } from './clock.ts';
import { defaultConfig, mergeConfig, type EmulatorConfig } from './config.ts';
import { ApiError, errorBody, preconditionFailed } from './errors.ts';
import { FaultInjector, type RequestFault } from './faults.ts';
import { ODataError } from './odata.ts';
import { clone, type Referral } from './referrals.ts';
import { certificateDer, certificateThumbprint, publicKeySpkiDer, signBody, CERTIFICATE_FILE_NAME } from './signing.ts';
import { ReferralStore, type ListQuery } from './store.ts';
import { generateReferrals } from './bulk.ts';
import { SUPPORTED_EVENTS, WebhookService, type Delivery, type DeliveryFault, type Registration } from './webhooks.ts';

/** Options of {@link startEmulator}: listening address, persistence, and any {@link EmulatorConfig} key. */
export interface EmulatorOptions extends Partial<EmulatorConfig> {
    /** TCP port; 0 (default) picks a free one. */
    port?: number;
    /** Interface; loopback only by default. */
    host?: string;
    /** JSON file that keeps referrals, the registration and the offline queue across restarts. */
    stateFile?: string;
}

/** One logged request. */
export interface LoggedRequest {
    seq: number;
    at: string;
    method: string;
    path: string;
    headers: Record<string, string>;
    body: string;
    status: number | null;
    durationMs: number | null;
    fault: string | null;
}

interface PersistedState {
    version: 1;
    savedAt: string;
    referrals: Referral[];
    registration: Registration | null;
    offline: Delivery[];
    clockOffsetMs: number;
}

const REFERRALS_PREFIX = '/v1.0/engagements/referrals';
const WEBHOOKS_PREFIX = '/webhooks/v1/registration';
const SUPPORTED_QUERY_OPTIONS = new Set(['$filter', '$orderby', '$top', '$skip', '$select', '$count', '$skiptoken']);

/** A running emulator. */
export class Emulator {
    readonly clock = new Clock();
    readonly store: ReferralStore;
    readonly webhooks: WebhookService;
    readonly faults = new FaultInjector();
    readonly admin: AdminHelpers;
    config: EmulatorConfig;
    tokenExpired = false;
    requestLog: LoggedRequest[] = [];

    /** The configuration given at start; reset() returns to it. */
    readonly initialConfig: EmulatorConfig;
    private server: Server | null = null;
    private port = 0;
    private seq = 0;
    private saveTimer: NodeJS.Timeout | null = null;
    private dirty = false;
    private loading = false;
    private readonly sockets = new Set<import('node:net').Socket>();

    constructor(private readonly options: EmulatorOptions = {}) {
        const { port: _port, host: _host, stateFile: _stateFile, ...configOverrides } = options;
        void _port;
        void _host;
        void _stateFile;
        this.config = mergeConfig(defaultConfig(), configOverrides as Record<string, unknown>);
        this.initialConfig = clone(this.config);
        this.store = new ReferralStore(this.clock, () => this.config);
        this.webhooks = new WebhookService(
            this.clock,
            () => this.config,
            () => this.url,
            () => this.markDirty()
        );
        this.store.onMutation = () => this.markDirty();
        this.store.onChange((event) => {
            if (event.source === 'api' && !this.config.webhookOnApiWrites) {
                return;
            }
            this.webhooks.notifyReferral(event.eventName, event.referral.id, String(event.referral.updatedDateTime));
        });
        this.admin = new AdminHelpers(this);
    }

    /** `http://127.0.0.1:PORT` once listening. */
    get url(): string {
        return `http://${this.options.host ?? '127.0.0.1'}:${this.port}`;
    }

    /** Starts listening (and loads the state file when there is one). */
    async listen(): Promise<this> {
        this.loadState();
        const server = createServer((req, res) => {
            this.handle(req, res).catch((error: unknown) => {
                // A client that hangs up mid-request must not take the emulator down.
                if (!res.headersSent && !res.destroyed) {
                    res.writeHead(500, { 'Content-Type': 'text/plain' });
                }
                res.end(`Emulator error: ${(error as Error).message}`);
            });
        });
        server.on('connection', (socket) => {
            this.sockets.add(socket);
            socket.on('close', () => this.sockets.delete(socket));
        });
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
        });
        this.server = server;
        this.port = (server.address() as AddressInfo).port;
        return this;
    }

    /** Stops deliveries, writes the state file and closes the server. */
    async close(): Promise<void> {
        this.webhooks.close();
        this.saveNow();
        const server = this.server;
        this.server = null;
        if (!server) {
            return;
        }
        for (const socket of this.sockets) {
            socket.destroy();
        }
        await new Promise<void>((resolve) => server.close(() => resolve()));
    }

    // ----- persistence -----------------------------------------------------------------------------------------

    private markDirty(): void {
        if (!this.options.stateFile || this.loading) {
            return;
        }
        this.dirty = true;
        if (!this.saveTimer) {
            this.saveTimer = setTimeout(() => {
                this.saveTimer = null;
                this.saveNow();
            }, 200);
        }
    }

    /** Writes the state file now (atomically). */
    saveNow(): void {
        if (this.saveTimer) {
            clearTimeout(this.saveTimer);
            this.saveTimer = null;
        }
        const file = this.options.stateFile;
        if (!file || !this.dirty) {
            return;
        }
        const state: PersistedState = {
            version: 1,
            savedAt: new Date().toISOString(),
            referrals: this.store.snapshot(),
            registration: this.webhooks.registration,
            offline: this.webhooks.offline,
            clockOffsetMs: this.clock.getOffsetMs()
        };
        mkdirSync(dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, JSON.stringify(state));
        renameSync(temp, file);
        this.dirty = false;
    }

    private loadState(): void {
        const file = this.options.stateFile;
        if (!file || !existsSync(file)) {
            return;
        }
        const state = JSON.parse(readFileSync(file, 'utf8')) as PersistedState;
        if (state.version !== 1) {
            throw new Error(`Unsupported state file version ${String(state.version)} in ${file}`);
        }
        this.loading = true;
        try {
            this.clock.setOffsetMs(state.clockOffsetMs ?? 0);
            this.store.load(state.referrals ?? []);
            this.webhooks.registration = state.registration ?? null;
            this.webhooks.offline.push(...(state.offline ?? []));
        } finally {
            this.loading = false;
        }
    }

    // ----- HTTP ------------------------------------------------------------------------------------------------

    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const started = Date.now();
        const chunks: Buffer[] = [];
        for await (const chunk of req) {
            chunks.push(chunk as Buffer);
        }
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://localhost');
        const method = (req.method ?? 'GET').toUpperCase();

        if (url.pathname.startsWith('/_admin')) {
            await this.respond(res, () => this.handleAdmin(method, url, rawBody), null);
            return;
        }

        const entry: LoggedRequest = {
            seq: ++this.seq,
            at: new Date().toISOString(),
            method,
            path: url.pathname + url.search,
            headers: flattenHeaders(req.headers),
            body: rawBody.length > 65_536 ? rawBody.slice(0, 65_536) : rawBody,
            status: null,
            durationMs: null,
            fault: null
        };
        this.requestLog.push(entry);
        if (this.requestLog.length > this.config.requestLogLimit) {
            this.requestLog.splice(0, this.requestLog.length - this.config.requestLogLimit);
        }
        res.on('finish', () => {
            entry.status = res.statusCode;
            entry.durationMs = Date.now() - started;
        });
        res.on('close', () => {
            entry.durationMs ??= Date.now() - started;
        });

        const fault = this.faults.take(method, url.pathname + url.search);
        if (fault) {
            entry.fault = fault.id;
            if (fault.delayMs) {
                await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
            }
            if (fault.drop) {
                req.socket.destroy();
                return;
            }
            if (fault.status !== undefined) {
                this.sendFault(req, res, fault);
                return;
            }
        }
        const origin = `http://${req.headers.host ?? `127.0.0.1:${this.port}`}`;
        await this.respond(res, () => this.route(req, method, url, rawBody, origin), req);
    }

    private async respond(
        res: ServerResponse,
        handler: () => Promise<Reply> | Reply,
        req: IncomingMessage | null
    ): Promise<void> {
        let reply: Reply;
        try {
            reply = await handler();
        } catch (error) {
            reply = this.errorReply(error);
        }
        if (res.destroyed) {
            return;
        }
        const headers: Record<string, string> = { ...(reply.headers ?? {}) };
        if (req) {
            const correlation = header(req, 'ms-correlationid');
            const requestId = header(req, 'ms-requestid');
            headers['MS-CorrelationId'] = correlation ?? randomUUID();
            if (requestId) {
                headers['MS-RequestId'] = requestId;
            }
        }
        if (reply.raw !== undefined) {
            res.writeHead(reply.status, { 'Content-Length': String(reply.raw.length), ...headers });
            res.end(reply.raw);
            return;
        }
        if (reply.body === undefined) {
            res.writeHead(reply.status, headers);
            res.end();
            return;
        }
        const text = JSON.stringify(reply.body);
        res.writeHead(reply.status, {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Length': String(Buffer.byteLength(text)),
            ...headers
        });
        res.end(text);
    }

    private errorReply(error: unknown): Reply {
        if (error instanceof ApiError) {
            return { status: error.status, body: errorBody(error, this.config.errorShape), headers: error.headers };
        }
        if (error instanceof ODataError) {
            const apiError = new ApiError(400, 'badRequest', error.message);
            return { status: 400, body: errorBody(apiError, this.config.errorShape) };
        }
        const apiError = new ApiError(500, 'internalServerError', `Emulator error: ${(error as Error).message}`);
        return { status: 500, body: errorBody(apiError, this.config.errorShape) };
    }

    private sendFault(req: IncomingMessage, res: ServerResponse, fault: RequestFault): void {
        const status = fault.status as number;
        const headers: Record<string, string> = { ...(fault.headers ?? {}) };
        if ((status === 429 || status === 503) && fault.retryAfter !== undefined) {
            headers['Retry-After'] = String(fault.retryAfter);
        } else if (status === 429) {
            headers['Retry-After'] = '1';
        }
        if (status === 401) {
            headers['WWW-Authenticate'] =
                'Bearer error="invalid_token", error_description="The access token is expired"';
        }
        let body = fault.body;
        if (body === undefined && status !== 401 && status !== 204) {
            if (status === 412) {
                body = errorBody(preconditionFailed(), this.config.errorShape);
            } else {
                const codes: Record<number, string> = {
                    400: 'badRequest',
                    403: 'forbidden',
                    404: 'notFound',
                    409: 'conflict',
                    429: 'tooManyRequests',
                    500: 'internalServerError',
                    502: 'badGateway',
                    503: 'serviceUnavailable',
                    504: 'gatewayTimeout'
                };
                const apiError = new ApiError(
                    status,
                    codes[status] ?? 'error',
                    `Injected fault (HTTP ${status}).`,
                    [],
                    headers
                );
                body = errorBody(apiError, this.config.errorShape);
            }
        }
        void this.respond(res, () => ({ status, body, headers }), req);
    }

    private checkAuth(req: IncomingMessage): void {
        const authorization = header(req, 'authorization');
        const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
        if (!match) {
            throw new ApiError(401, 'unauthorized', 'Authorization: Bearer <token> is required.', [], {
                'WWW-Authenticate': 'Bearer'
            });
        }
        if (this.tokenExpired) {
            throw new ApiError(401, 'unauthorized', 'The access token is expired.', [], {
                'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The access token is expired"'
            });
        }
    }

    private parseJson(req: IncomingMessage, rawBody: string): unknown {
        const contentType = header(req, 'content-type');
        if (contentType && !/json/i.test(contentType)) {
            throw new ApiError(
                415,
                'unsupportedMediaType',
                `Content-Type '${contentType}' is not supported; send application/json.`
            );
        }
        if (rawBody.trim() === '') {
            throw new ApiError(400, 'badRequest', 'The request body is empty.');
        }
        try {
            return JSON.parse(rawBody) as unknown;
        } catch (error) {
            throw new ApiError(400, 'badRequest', `The request body is not valid JSON: ${(error as Error).message}`);
        }
    }

    private route(req: IncomingMessage, method: string, url: URL, rawBody: string, origin: string): Reply {
        const path = url.pathname.replace(/\/+$/, '') || '/';
        if (path.startsWith('/cert/')) {
            return this.routeCertificate(method, path);
        }
        if (path === REFERRALS_PREFIX || path.startsWith(`${REFERRALS_PREFIX}/`)) {
            this.checkAuth(req);
            this.store.sweepExpired();
            return this.routeReferrals(req, method, path, url, rawBody, origin);
        }
        if (path === WEBHOOKS_PREFIX || path.startsWith(`${WEBHOOKS_PREFIX}/`)) {
            this.checkAuth(req);
            return this.routeWebhooks(req, method, path, rawBody);
        }
        throw new ApiError(404, 'notFound', `No resource at ${url.pathname}.`);
    }

    private routeCertificate(method: string, path: string): Reply {
        if (method !== 'GET' && method !== 'HEAD') {
            throw new ApiError(405, 'methodNotAllowed', 'Method not allowed.');
        }
        const name = path.slice('/cert/'.length);
        const signer = name === CERTIFICATE_FILE_NAME ? 'test' : name === 'forged.cer' ? 'forged' : null;
        if (!signer) {
            throw new ApiError(404, 'notFound', `No certificate '${name}'.`);
        }
        const der = certificateDer(signer);
        return {
            status: 200,
            raw: method === 'HEAD' ? Buffer.alloc(0) : der,
            headers: { 'Content-Type': 'application/pkix-cert' }
        };
    }

    private routeReferrals(
        req: IncomingMessage,
        method: string,
        path: string,
        url: URL,
        rawBody: string,
        origin: string
    ): Reply {
        const rest = path.slice(REFERRALS_PREFIX.length).replace(/^\//, '');
        if (rest === '') {
            if (method === 'GET') {
                return this.listReferrals(url, origin);
            }
            if (method === 'POST') {
                const { referral, replayed } = this.store.create(
                    this.parseJson(req, rawBody),
                    header(req, 'ms-requestid')
                );
                return {
                    status: replayed ? 200 : this.config.createStatus,
                    body: referral,
                    headers: { ...this.etagHeaders(referral), Location: `${origin}${REFERRALS_PREFIX}/${referral.id}` }
                };
            }
            throw new ApiError(405, 'methodNotAllowed', `${method} is not supported on the referrals collection.`);
        }
        if (rest.includes('/')) {
            throw new ApiError(404, 'notFound', `No resource at ${path}.`);
        }
        const id = decodeURIComponent(rest);
        switch (method) {
            case 'GET': {
                const referral = this.store.get(id);
                return { status: 200, body: referral, headers: this.etagHeaders(referral) };
            }
            case 'PATCH': {
                const referral = this.store.patch(id, this.parseJson(req, rawBody), header(req, 'if-match'));
                const prefer = header(req, 'prefer') ?? '';
                if (/return\s*=\s*representation/i.test(prefer)) {
                    return {
                        status: 200,
                        body: referral,
                        headers: { ...this.etagHeaders(referral), 'Preference-Applied': 'return=representation' }
                    };
                }
                return { status: 204, headers: this.etagHeaders(referral) };
            }
            case 'PUT': {
                const ifMatch = header(req, 'if-match');
                // Check the precondition before parsing, as a real server would.
                const referral = this.store.put(
                    id,
                    ifMatch === undefined ? undefined : this.parseJson(req, rawBody),
                    ifMatch
                );
                return { status: 200, body: referral, headers: this.etagHeaders(referral) };
            }
            default:
                throw new ApiError(405, 'methodNotAllowed', `${method} is not supported on a referral.`);
        }
    }

    private etagHeaders(referral: Referral): Record<string, string> {
        return this.config.etagHeader && typeof referral.eTag === 'string' ? { ETag: referral.eTag } : {};
    }

    private listReferrals(url: URL, origin: string): Reply {
        const query: ListQuery = {};
        const passThrough: [string, string][] = [];
        for (const [rawName, value] of url.searchParams) {
            const name = rawName.toLowerCase();
            if (name.startsWith('$')) {
                if (!SUPPORTED_QUERY_OPTIONS.has(name)) {
                    throw new ApiError(400, 'badRequest', `The query option '${rawName}' is not supported.`);
                }
                const key = name.slice(1) as keyof ListQuery;
                if (query[key] !== undefined) {
                    throw new ApiError(400, 'badRequest', `The query option '${rawName}' appears more than once.`);
                }
                query[key] = value;
                if (name !== '$skip' && name !== '$skiptoken') {
                    passThrough.push([rawName, value]);
                }
            }
        }
        const page = this.store.list(query);
        const base = this.config.nextLinkBaseUrl?.replace(/\/$/, '') ?? origin;
        const body: Record<string, unknown> = {
            '@odata.context': `${this.config.linkBaseUrl.replace(/\/$/, '')}/v1.0/$metadata#Referrals`,
            '@odata.count': this.config.countMode === 'page' ? page.items.length : page.total,
            value: page.items
        };
        if (page.nextToken) {
            const params = [...passThrough, ['$skiptoken', page.nextToken]]
                .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
                .join('&');
            const link = `${REFERRALS_PREFIX}?${params}`;
            body['@odata.nextLink'] = this.config.nextLinkStyle === 'absolute' ? `${base}${link}` : link;
        }
        return { status: 200, body };
    }

    private routeWebhooks(req: IncomingMessage, method: string, path: string, rawBody: string): Reply {
        const rest = path.slice(WEBHOOKS_PREFIX.length).replace(/^\//, '');
        if (rest === '') {
            switch (method) {
                case 'GET':
                    return { status: 200, body: this.webhooks.getRegistration() };
                case 'POST':
                case 'PUT':
                    return { status: 200, body: this.webhooks.register(this.parseJson(req, rawBody), method) };
                case 'DELETE':
                    this.webhooks.unregister();
                    return { status: 204 };
                default:
                    throw new ApiError(405, 'methodNotAllowed', `${method} is not supported on the registration.`);
            }
        }
        if (rest === 'events') {
            if (method !== 'GET') {
                throw new ApiError(405, 'methodNotAllowed', 'Only GET is supported.');
            }
            return { status: 200, body: [...SUPPORTED_EVENTS] };
        }
        if (rest === 'validationEvents') {
            if (method !== 'POST') {
                throw new ApiError(405, 'methodNotAllowed', 'Only POST is supported.');
            }
            return { status: 200, body: this.webhooks.sendTestEvent() };
        }
        const match = /^validationEvents\/([^/]+)$/.exec(rest);
        if (match) {
            if (method !== 'GET') {
                throw new ApiError(405, 'methodNotAllowed', 'Only GET is supported.');
            }
            return { status: 200, body: this.webhooks.getTestEvent(decodeURIComponent(match[1])) };
        }
        throw new ApiError(404, 'notFound', `No resource at ${path}.`);
    }

    // ----- admin API -------------------------------------------------------------------------------------------

    private async handleAdmin(method: string, url: URL, rawBody: string): Promise<Reply> {
        const path = url.pathname.replace(/\/+$/, '');
        const segments = path.split('/').slice(2).map(decodeURIComponent);
        const body = (): Record<string, unknown> => {
            // Typed loosely: POST /referrals also takes an array.
            if (rawBody.trim() === '') {
                return {};
            }
            try {
                return JSON.parse(rawBody) as Record<string, unknown>;
            } catch (error) {
                throw new ApiError(400, 'badRequest', `Invalid JSON: ${(error as Error).message}`);
            }
        };
        const anyBody = (): unknown => (rawBody.trim() === '' ? {} : body());
        const route = `${method} /${segments.map((segment, index) => (isVariable(segments, index) ? ':id' : segment)).join('/')}`;
        const id = segments.find((_, index) => isVariable(segments, index)) ?? '';
        const a = this.admin;
        switch (route) {
            case 'GET /health':
                return ok({
                    ok: true,
                    url: this.url,
                    referrals: this.store.size,
                    pendingDeliveries: this.webhooks.pending
                });
            case 'GET /config':
                return ok(this.config);
            case 'PATCH /config':
            case 'POST /config':
                return ok(a.setConfig(body()));
            case 'POST /reset':
                a.reset();
                return ok({ reset: true });
            case 'GET /state':
                return ok({
                    referrals: this.store.size,
                    registration: this.webhooks.registration,
                    offline: this.webhooks.offline.length,
                    tokenExpired: this.tokenExpired,
                    clockOffsetMs: this.clock.getOffsetMs()
                });
            case 'GET /referrals':
                return ok(a.listReferrals());
            case 'POST /referrals': {
                const input = anyBody();
                const items = Array.isArray(input) ? input : ((input as Record<string, unknown>).referrals ?? [input]);
                const notify = !Array.isArray(input) && (input as Record<string, unknown>).notify === true;
                return ok(a.seedReferrals(items as unknown[], { notify }), 201);
            }
            case 'POST /referrals/bulk': {
                const input = body();
                const count = Number(input.count ?? 10_000);
                return ok(a.seedBulk(count, typeof input.seed === 'number' ? input.seed : undefined), 201);
            }
            case 'GET /referrals/:id':
                return ok(this.store.get(id));
            case 'PATCH /referrals/:id': {
                const event = url.searchParams.get('event');
                return ok(a.updateReferral(id, body(), event === 'none' ? null : (event ?? 'referral-updated')));
            }
            case 'DELETE /referrals/:id':
                this.store.remove(id);
                return { status: 204 };
            case 'POST /referrals/:id/expire':
                return ok(a.expireReferral(id));
            case 'POST /seller/referrals':
                return ok(a.createIncomingReferral(body()), 201);
            case 'POST /seller/referrals/:id/deal':
                return ok(a.updateDeal(id, body()));
            case 'POST /seller/referrals/:id/close': {
                const input = body();
                if (typeof input.substatus !== 'string') {
                    throw new ApiError(400, 'badRequest', 'substatus (Won, Lost, Declined or Expired) is required.');
                }
                return ok(a.closeReferral(id, input.substatus, input.statusReason as string | null | undefined));
            }
            case 'POST /faults':
                return ok(a.injectFault(body()), 201);
            case 'GET /faults':
                return ok(this.faults.rules);
            case 'DELETE /faults':
                this.faults.clear();
                return { status: 204 };
            case 'POST /webhooks/faults':
                return ok(a.injectDeliveryFault(body() as unknown as DeliveryFaultInput), 201);
            case 'GET /webhooks/faults':
                return ok(this.webhooks.faults);
            case 'DELETE /webhooks/faults':
                this.webhooks.faults = [];
                return { status: 204 };
            case 'GET /webhooks/registration':
                return ok(this.webhooks.registration);
            case 'DELETE /webhooks/registration':
                this.webhooks.registration = null;
                return { status: 204 };
            case 'GET /webhooks/deliveries': {
                const state = url.searchParams.get('state');
                return ok(a.deliveries().filter((delivery) => !state || delivery.state === state));
            }
            case 'GET /webhooks/offline':
                return ok(a.offlineQueue());
            case 'POST /webhooks/offline/redeliver':
                return ok(a.redeliverOffline());
            case 'POST /webhooks/send': {
                const input = body();
                if (typeof input.referralId !== 'string') {
                    throw new ApiError(400, 'badRequest', 'referralId is required.');
                }
                return ok(
                    a.sendEvent(
                        input.referralId,
                        typeof input.eventName === 'string' ? input.eventName : 'referral-updated'
                    )
                );
            }
            case 'POST /webhooks/idle': {
                const timeoutMs = Number(url.searchParams.get('timeoutMs') ?? body().timeoutMs ?? 10_000);
                const idle = await a.waitForDeliveries(timeoutMs);
                return ok({ idle, pending: this.webhooks.pending });
            }
            case 'GET /token':
                return ok({ expired: this.tokenExpired });
            case 'POST /token/expire':
                a.expireToken();
                return ok({ expired: true });
            case 'POST /token/reset':
                a.resetToken();
                return ok({ expired: false });
            case 'GET /requests':
                return ok(
                    a.requests({
                        method: url.searchParams.get('method') ?? undefined,
                        path: url.searchParams.get('path') ?? undefined,
                        since: url.searchParams.has('since') ? Number(url.searchParams.get('since')) : undefined
                    })
                );
            case 'DELETE /requests':
                a.clearRequests();
                return { status: 204 };
            case 'GET /clock':
                return ok({ offsetMs: this.clock.getOffsetMs(), now: new Date(this.clock.nowMs()).toISOString() });
            case 'POST /clock': {
                const input = body();
                if (typeof input.advanceMs === 'number') {
                    a.advanceClock(input.advanceMs);
                } else if (typeof input.offsetMs === 'number') {
                    this.clock.setOffsetMs(input.offsetMs);
                    this.store.sweepExpired();
                } else {
                    throw new ApiError(400, 'badRequest', 'Send advanceMs or offsetMs.');
                }
                return ok({ offsetMs: this.clock.getOffsetMs(), now: new Date(this.clock.nowMs()).toISOString() });
            }
            case 'GET /signing':
                return ok(a.signingInfo());
            case 'POST /sign': {
                const input = body();
                if (typeof input.body !== 'string') {
                    throw new ApiError(400, 'badRequest', 'body (the exact string to sign) is required.');
                }
                return ok({ signature: signBody(input.body, input.forged === true ? 'forged' : 'test') });
            }
            default:
                throw new ApiError(404, 'notFound', `No admin route ${method} ${path}.`);
        }
    }
}

/** Segments after a collection name are ids: /referrals/:id, /seller/referrals/:id. */
function isVariable(segments: string[], index: number): boolean {
    if (index === 0) {
        return false;
    }
    const previous = segments[index - 1];
    return previous === 'referrals' && segments[index] !== 'bulk';
}

interface Reply {
    status: number;
    body?: unknown;
    raw?: Buffer;
    headers?: Record<string, string>;
}

function ok(body: unknown, status = 200): Reply {
    return { status, body: body ?? null };
}

function header(req: IncomingMessage, name: string): string | undefined {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined) {
            result[name] = Array.isArray(value) ? value.join(', ') : value;
        }
    }
    return result;
}

/** Input of {@link AdminHelpers.injectDeliveryFault}. */
export type DeliveryFaultInput = Omit<DeliveryFault, 'id' | 'remaining'> & { count?: number };

/** In-process admin helpers (the same operations as the `/_admin` HTTP API). */
export class AdminHelpers {
    constructor(private readonly emulator: Emulator) {}

    /** Stores referrals as given (missing id, eTag, timestamps and links are filled in). */
    seedReferrals(referrals: unknown[], options: { notify?: boolean } = {}): Referral[] {
        return this.emulator.store.seed(referrals, options.notify ?? false);
    }

    /** Adds `count` generated referrals quickly (benchmarks); returns the count and the time taken. */
    seedBulk(count: number, seed?: number): { count: number; ms: number } {
        if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
            throw new ApiError(400, 'badRequest', 'count must be an integer between 1 and 1,000,000.');
        }
        const started = performance.now();
        const referrals = generateReferrals(count, {
            seed: seed ?? this.emulator.store.size + 1,
            nowMs: this.emulator.clock.nowMs(),
            partner: this.emulator.config.partner,
            linkBaseUrl: this.emulator.config.linkBaseUrl
        });
        this.emulator.store.insertBulk(referrals);
        return { count, ms: Math.round(performance.now() - started) };
    }

    /** Every stored referral (copies). */
    listReferrals(): Referral[] {
        return this.emulator.store.all().map((referral) => clone(referral));
    }

    getReferral(id: string): Referral {
        return this.emulator.store.get(id);
    }

    /** A Microsoft seller shares a referral: Incoming, New / Pending, expires in 14 days; raises referral-created. */
    createIncomingReferral(overrides: Record<string, unknown> = {}): Referral {
        return this.emulator.store.createIncoming(overrides);
    }

    /** The Microsoft seller changes the deal value / currency / close date / notes; raises referral-updated. */
    updateDeal(
        id: string,
        deal: { dealValue?: number; currency?: string; closingDateTime?: string; notes?: string }
    ): Referral {
        return this.emulator.store.updateDeal(id, deal);
    }

    /** The Microsoft side closes a referral (Won, Lost, Declined, Expired); raises referral-updated. */
    closeReferral(id: string, substatus: string, statusReason?: string | null): Referral {
        return this.emulator.store.close(id, substatus, statusReason);
    }

    /** Any change on Partner Center's side (deep merge); raises `eventName` unless null. */
    updateReferral(
        id: string,
        changes: Record<string, unknown>,
        eventName: string | null = 'referral-updated'
    ): Referral {
        return this.emulator.store.adminUpdate(id, changes, eventName);
    }

    /** Expires a New referral now, as Partner Center does after 14 days. */
    expireReferral(id: string): Referral {
        const referral = this.emulator.store.get(id);
        if (referral.status !== 'New') {
            throw new ApiError(409, 'conflict', `Only New referrals expire; this one is ${String(referral.status)}.`);
        }
        return this.emulator.store.adminUpdate(id, { status: 'Closed', substatus: 'Expired' });
    }

    /** Moves the emulator's clock forward and expires overdue referrals. */
    advanceClock(ms: number): Referral[] {
        this.emulator.clock.setOffsetMs(this.emulator.clock.getOffsetMs() + ms);
        return this.emulator.store.sweepExpired();
    }

    /** Arms a request fault (see README: status, retryAfter, delayMs, drop, method, path, count, body, headers). */
    injectFault(rule: Record<string, unknown>): RequestFault {
        return this.emulator.faults.add(rule);
    }

    clearFaults(): void {
        this.emulator.faults.clear();
    }

    /** Arms a webhook delivery fault. */
    injectDeliveryFault(rule: DeliveryFaultInput): DeliveryFault {
        return this.emulator.webhooks.addFault(rule);
    }

    clearDeliveryFaults(): void {
        this.emulator.webhooks.faults = [];
    }

    /** Every bearer token is rejected with 401 until {@link resetToken}. */
    expireToken(): void {
        this.emulator.tokenExpired = true;
    }

    resetToken(): void {
        this.emulator.tokenExpired = false;
    }

    /** The request log (admin calls excluded), optionally filtered. */
    requests(filter: { method?: string; path?: string; since?: number } = {}): LoggedRequest[] {
        const pattern = filter.path ? new RegExp(filter.path) : undefined;
        return this.emulator.requestLog.filter(
            (entry) =>
                (!filter.method || entry.method === filter.method.toUpperCase()) &&
                (!pattern || pattern.test(entry.path)) &&
                (filter.since === undefined || entry.seq > filter.since)
        );
    }

    clearRequests(): void {
        this.emulator.requestLog = [];
    }

    /** Every webhook delivery with its attempts. */
    deliveries(): Delivery[] {
        return this.emulator.webhooks.deliveries;
    }

    /** Events that failed 10 attempts. */
    offlineQueue(): Delivery[] {
        return this.emulator.webhooks.offline;
    }

    redeliverOffline(): Delivery[] {
        return this.emulator.webhooks.redeliverOffline();
    }

    /** Sends an event for a referral now (e.g. related-referral-updated), subject to the registration. */
    sendEvent(referralId: string, eventName = 'referral-updated'): Delivery[] {
        const referral = this.emulator.store.get(referralId);
        return this.emulator.webhooks.notifyReferral(eventName, referral.id, String(referral.updatedDateTime));
    }

    /** Resolves true once no delivery is pending, or false after `timeoutMs`. */
    async waitForDeliveries(timeoutMs = 10_000): Promise<boolean> {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), timeoutMs);
        });
        const result = await Promise.race([this.emulator.webhooks.idle().then(() => true), timeout]);
        clearTimeout(timer);
        return result;
    }

    registration(): Registration | null {
        return this.emulator.webhooks.registration;
    }

    config(): EmulatorConfig {
        return this.emulator.config;
    }

    /** Changes configuration at runtime (unknown keys are rejected). */
    setConfig(patch: Record<string, unknown>): EmulatorConfig {
        try {
            this.emulator.config = mergeConfig(this.emulator.config, patch);
        } catch (error) {
            throw new ApiError(400, 'badRequest', (error as Error).message);
        }
        return this.emulator.config;
    }

    /** Back to a fresh emulator: no referrals, registration, deliveries, faults, log; token valid; clock real. */
    reset(): void {
        const emulator = this.emulator;
        emulator.store.clear();
        emulator.webhooks.reset();
        emulator.faults.clear();
        emulator.requestLog = [];
        emulator.tokenExpired = false;
        emulator.clock.setOffsetMs(0);
        emulator.config = clone(emulator.initialConfig);
    }

    /** What the package needs to trust the emulator's signatures. */
    signingInfo(): {
        certificateUrl: string;
        thumbprintSha256: string;
        publicKeySpkiBase64: string;
        certificateDerBase64: string;
    } {
        return {
            certificateUrl: this.emulator.config.certificateUrl ?? `${this.emulator.url}/cert/${CERTIFICATE_FILE_NAME}`,
            thumbprintSha256: certificateThumbprint('test'),
            publicKeySpkiBase64: publicKeySpkiDer('test').toString('base64'),
            certificateDerBase64: certificateDer('test').toString('base64')
        };
    }
}

/** Starts an emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    return new Emulator(options).listen();
}
