/** Shared helpers for the emulator tests: a started emulator, an HTTP client, and a webhook receiver. */

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type Emulator, type EmulatorOptions } from '../src/emulator.ts';

export const REFERRALS = '/v1.0/engagements/referrals';

/** Starts an emulator with fast retries. */
export function start(options: EmulatorOptions = {}): Promise<Emulator> {
    return startEmulator({ retryBaseMs: 5, retryMaxMs: 20, ...options });
}

export interface CallResult {
    status: number;
    headers: Headers;
    text: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    json: any;
}

/** Calls the emulator with a bearer token unless `token: null`. */
export async function call(
    emulator: Emulator,
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; token?: string | null; rawBody?: string } = {}
): Promise<CallResult> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token !== null) {
        headers.Authorization ??= `Bearer ${options.token ?? 'test-token'}`;
    }
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(path.startsWith('http') ? path : `${emulator.url}${path}`, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
        json = text ? JSON.parse(text) : undefined;
    } catch {
        json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
}

/** A valid co-sell create body (the shape of the shared example referral-create-cosell.json). */
export function coSellBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        name: 'Fabrikam - Azure migration',
        externalReferenceId: '006Hs00001AbCdEIAV',
        qualification: 'SalesQualified',
        type: 'Independent',
        customerProfile: {
            name: 'Fabrikam Inc',
            address: {
                addressLine1: '1 Main Street',
                city: 'Seattle',
                state: 'WA',
                postalCode: '98101',
                country: 'US'
            },
            size: '251to1000employees',
            team: [
                { firstName: 'Sue', lastName: 'Smith', phoneNumber: '2065550100', email: 'sue.smith@fabrikam.example' }
            ],
            ids: [{ profileType: 'External', id: '001Hs00002XyZabIAF' }]
        },
        consent: {
            consentToToShareInfoWithOthers: true,
            consentToContact: true,
            consentToMicrosoftToContactSpecificPartners: true,
            consentToShareReferralWithMicrosoftSellers: true
        },
        details: {
            notes: 'Customer wants to migrate 40 VMs to Azure in Q3.',
            dealValue: 120000,
            currency: 'USD',
            closingDateTime: '2025-09-30T00:00:00Z',
            requirements: {
                solutions: [
                    { type: 'Name', id: 'SOL-15974-MQF', name: 'Contoso Cloud Migration Factory', solutionType: '3P' }
                ]
            }
        },
        team: [
            { firstName: 'John', lastName: 'Doe', phoneNumber: '4255550199', email: 'john.doe@contoso-partner.example' }
        ],
        inviteContext: { notes: 'Architecture review', assistanceRequestCode: 'CustomerTechnicalArchitecture' },
        target: [],
        ...overrides
    };
}

/** A request received by the {@link Receiver}. */
export interface Received {
    headers: IncomingHttpHeaders;
    body: Buffer;
    at: number;
}

/** A webhook subscriber that records requests and answers with scripted statuses (then 200). */
export class Receiver {
    readonly received: Received[] = [];
    statuses: number[] = [];
    private server: Server | null = null;
    url = '';

    async start(): Promise<this> {
        this.server = createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on('data', (chunk: Buffer) => chunks.push(chunk));
            req.on('end', () => {
                this.received.push({ headers: req.headers, body: Buffer.concat(chunks), at: Date.now() });
                const status = this.statuses.shift() ?? 200;
                res.writeHead(status, { 'Content-Type': 'text/plain' });
                res.end(status === 200 ? 'ok' : 'nope');
            });
        });
        await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/services/apexrest/cosell/v1/webhook`;
        return this;
    }

    bodies(): Record<string, unknown>[] {
        return this.received.map((request) => JSON.parse(request.body.toString('utf8')) as Record<string, unknown>);
    }

    async close(): Promise<void> {
        const server = this.server;
        if (server) {
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
        }
    }
}

/** Registers `url` for the referral events (and test-created). */
export async function register(emulator: Emulator, url: string, msHeader = true): Promise<CallResult> {
    return call(emulator, 'POST', '/webhooks/v1/registration', {
        body: {
            WebhookUrl: url,
            WebhookEvents: [
                'referral-created',
                'referral-updated',
                'related-referral-created',
                'related-referral-updated',
                'test-created'
            ],
            SignatureTokenToMsSignatureHeader: msHeader
        }
    });
}
