/**
 * Partner Center webhooks: the registration API (one registration per tenant, one URL per event, overwrite
 * semantics [SDK-WH, CONN-SF23]), test events (2 per minute [L-WHE]) and signed delivery with up to 10 attempts,
 * after which an event goes to an offline queue and is not retried [SDK-WH §4.5]. Delivery faults (duplicates,
 * out-of-order, forged signatures, wrong certificate URL, drops) are injected here.
 */

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { randomUUID } from 'node:crypto';
import { formatTicks, toOffsetForm, type Clock } from './clock.ts';
import type { EmulatorConfig } from './config.ts';
import { ApiError } from './errors.ts';
import { signBody } from './signing.ts';

/** Events Partner Center lists for registration (the subset we know of; `GET /registration/events`). */
export const SUPPORTED_EVENTS = [
    'referral-created',
    'referral-updated',
    'related-referral-created',
    'related-referral-updated',
    'test-created',
    'subscription-updated',
    'invoice-ready',
    'customer-created',
    'customer-updated'
] as const;

/** The stored registration (PascalCase like the API). */
export interface Registration {
    SubscriberId: string;
    WebhookUrl: string;
    WebhookEvents: string[];
    SignatureTokenToMsSignatureHeader: boolean;
    LastModifiedTimestamp: string;
}

/** The thin notification body [SDK-WH]. */
export interface WebhookEventBody {
    EventName: string;
    ResourceUri: string;
    ResourceName: string;
    AuditUri: string | null;
    ResourceChangeUtcDate: string;
}

/** Delivery fault kinds. */
export type DeliveryFaultKind =
    'duplicate' | 'outOfOrder' | 'forgedSignature' | 'wrongCertificateUrl' | 'missingSignature' | 'drop';

/** A delivery fault rule, consumed one event at a time. */
export interface DeliveryFault {
    id: string;
    kind: DeliveryFaultKind;
    /** Events still affected. For outOfOrder: how many events are held and then sent in reverse order. */
    remaining: number;
    /** duplicate: total copies sent (default 2). */
    copies?: number;
    /** wrongCertificateUrl: the URL to send (default a foreign host). */
    certificateUrl?: string;
    /** outOfOrder: release held events after this long even if fewer than `remaining` arrived (default 500 ms). */
    holdMs?: number;
}

/** One attempt to POST an event. */
export interface DeliveryAttempt {
    at: string;
    status: number | null;
    error: string | null;
    durationMs: number;
    /** Wait before the next attempt, when one was scheduled. */
    retryDelayMs: number | null;
    responseBody: string;
}

/** One event on its way to the subscriber. */
export interface Delivery {
    id: string;
    eventName: string;
    referralId: string | null;
    url: string;
    body: string;
    headers: Record<string, string>;
    state: 'pending' | 'held' | 'delivered' | 'offline' | 'dropped' | 'cancelled';
    attempts: DeliveryAttempt[];
    faults: DeliveryFaultKind[];
    createdAt: string;
    correlationId: string | null;
}

/** A test event sent through validationEvents. */
export interface ValidationEvent {
    correlationId: string;
    partnerId: string;
    status: 'pending' | 'completed';
    callbackUrl: string;
    deliveryIds: string[];
    createdAt: string;
}

const HTTP_REASONS: Record<number, string> = {
    200: 'OK',
    201: 'Created',
    202: 'Accepted',
    204: 'NoContent',
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    405: 'MethodNotAllowed',
    409: 'Conflict',
    429: 'TooManyRequests',
    500: 'InternalServerError',
    502: 'BadGateway',
    503: 'ServiceUnavailable',
    504: 'GatewayTimeout'
};

export class WebhookService {
    registration: Registration | null = null;
    readonly deliveries: Delivery[] = [];
    readonly offline: Delivery[] = [];
    readonly validationEvents = new Map<string, ValidationEvent>();
    faults: DeliveryFault[] = [];

    private testEventTimes: number[] = [];
    private held: { delivery: Delivery; fault: DeliveryFault }[] = [];
    private heldTimer: NodeJS.Timeout | null = null;
    private timers = new Set<NodeJS.Timeout>();
    private inFlight = new Set<{ abort: () => void }>();
    private active = 0;
    private idleWaiters: (() => void)[] = [];
    private closed = false;
    private generation = 0;

    constructor(
        private readonly clock: Clock,
        private readonly config: () => EmulatorConfig,
        /** The emulator's own origin, for the default certificate URL. */
        private readonly ownUrl: () => string,
        private readonly onMutation: () => void = () => {}
    ) {}

    // ----- registration ----------------------------------------------------------------------------------------

    /** GET: the registration, or 404 when none exists [INF]. */
    getRegistration(): Registration {
        if (!this.registration) {
            throw new ApiError(404, 'notFound', 'No webhook registration exists for this partner.');
        }
        return { ...this.registration, WebhookEvents: [...this.registration.WebhookEvents] };
    }

    /** POST (create) or PUT (update). One registration per tenant; registering again overwrites it. */
    register(body: unknown, method: 'POST' | 'PUT'): Registration {
        if (method === 'PUT' && !this.registration) {
            throw new ApiError(404, 'notFound', 'No webhook registration exists to update; use POST.');
        }
        if (method === 'POST' && this.registration && this.config().registrationPostConflict) {
            throw new ApiError(409, 'conflict', 'A webhook registration already exists; use PUT to overwrite it.');
        }
        if (body === null || typeof body !== 'object' || Array.isArray(body)) {
            throw new ApiError(400, 'badRequest', 'The body must be a registration object.');
        }
        const record = body as Record<string, unknown>;
        const pick = (name: string): unknown => {
            const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
            return key === undefined ? undefined : record[key];
        };
        const url = pick('WebhookUrl');
        const events = pick('WebhookEvents');
        const flag = pick('SignatureTokenToMsSignatureHeader');
        const problems: { field: string; message: string }[] = [];
        let parsed: URL | undefined;
        try {
            parsed = typeof url === 'string' ? new URL(url) : undefined;
        } catch {
            parsed = undefined;
        }
        if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
            problems.push({ field: 'WebhookUrl', message: 'WebhookUrl must be an absolute http(s) URL.' });
        }
        if (!Array.isArray(events) || events.length === 0 || events.some((event) => typeof event !== 'string')) {
            problems.push({
                field: 'WebhookEvents',
                message: 'WebhookEvents must be a non-empty array of event names.'
            });
        } else {
            const unknown = events.filter(
                (event) => !(SUPPORTED_EVENTS as readonly string[]).includes(event as string)
            );
            if (unknown.length > 0) {
                problems.push({ field: 'WebhookEvents', message: `Unsupported events: ${unknown.join(', ')}.` });
            }
        }
        if (flag !== undefined && typeof flag !== 'boolean') {
            problems.push({ field: 'SignatureTokenToMsSignatureHeader', message: 'Must be a boolean.' });
        }
        if (problems.length > 0) {
            throw new ApiError(400, 'badRequest', problems.map((problem) => problem.message).join(' '), problems);
        }
        this.registration = {
            SubscriberId: this.registration?.SubscriberId ?? randomUUID(),
            WebhookUrl: url as string,
            WebhookEvents: [...new Set(events as string[])],
            SignatureTokenToMsSignatureHeader: flag === true,
            LastModifiedTimestamp: this.clock.nextTimestamp()
        };
        this.onMutation();
        return this.getRegistration();
    }

    /** DELETE: removes the registration. */
    unregister(): void {
        if (!this.registration) {
            throw new ApiError(404, 'notFound', 'No webhook registration exists for this partner.');
        }
        this.registration = null;
        this.onMutation();
    }

    /** POST validationEvents: sends a `test-created` event; at most `testEventsPerMinute` per rolling minute. */
    sendTestEvent(): { correlationId: string } {
        const registration = this.getRegistration();
        if (!registration.WebhookEvents.includes('test-created')) {
            throw new ApiError(400, 'badRequest', "The registration does not include the 'test-created' event.");
        }
        const now = this.clock.nowMs();
        this.testEventTimes = this.testEventTimes.filter((at) => now - at < 60_000);
        if (this.testEventTimes.length >= this.config().testEventsPerMinute) {
            const retryAfter = Math.max(1, Math.ceil((this.testEventTimes[0] + 60_000 - now) / 1000));
            throw new ApiError(429, 'tooManyRequests', 'Too many test events.', [], {
                'Retry-After': String(retryAfter)
            });
        }
        this.testEventTimes.push(now);
        const correlationId = randomUUID();
        const base = this.config().webhookApiBaseUrl.replace(/\/$/, '');
        const event: WebhookEventBody = {
            EventName: 'test-created',
            ResourceUri: `${base}/webhooks/v1/registration/validationEvents/${correlationId}`,
            ResourceName: 'test',
            AuditUri: null,
            ResourceChangeUtcDate: formatTicks(this.clock.nextTicks(), true)
        };
        const validation: ValidationEvent = {
            correlationId,
            partnerId: this.config().partner.organizationId,
            status: 'pending',
            callbackUrl: registration.WebhookUrl,
            deliveryIds: [],
            createdAt: this.clock.nextTimestamp()
        };
        this.validationEvents.set(correlationId, validation);
        validation.deliveryIds = this.enqueueBody(event, null, correlationId, true).map((delivery) => delivery.id);
        if (validation.deliveryIds.length === 0) {
            validation.status = 'completed';
        }
        return { correlationId };
    }

    /** GET validationEvents/{correlationId}. */
    getTestEvent(correlationId: string): Record<string, unknown> {
        const validation = this.validationEvents.get(correlationId);
        if (!validation) {
            throw new ApiError(404, 'notFound', `No validation event '${correlationId}'.`);
        }
        const deliveries = this.deliveries.filter((delivery) => validation.deliveryIds.includes(delivery.id));
        const done = deliveries.every((delivery) => delivery.state !== 'pending' && delivery.state !== 'held');
        validation.status = done ? 'completed' : 'pending';
        return {
            correlationId,
            partnerId: validation.partnerId,
            status: validation.status,
            callbackUrl: validation.callbackUrl,
            results: deliveries.flatMap((delivery) =>
                delivery.attempts.map((attempt) => ({
                    responseCode:
                        attempt.status === null ? null : (HTTP_REASONS[attempt.status] ?? String(attempt.status)),
                    responseMessage: attempt.responseBody.slice(0, 500),
                    systemError: attempt.error,
                    dateTimeUtc: attempt.at
                }))
            )
        };
    }

    // ----- delivery --------------------------------------------------------------------------------------------

    /**
     * Queues the notification for a referral change when a registration includes the event. Returns the deliveries
     * created (several with a duplicate fault; none when not registered or delivery is off).
     */
    notifyReferral(eventName: string, referralId: string, updatedDateTime: string): Delivery[] {
        const base = this.config().resourceUriBase;
        const event: WebhookEventBody = {
            EventName: eventName,
            ResourceUri: `${base}${base.endsWith('/') ? '' : '/'}${referralId}`,
            ResourceName: 'referral',
            AuditUri: null,
            ResourceChangeUtcDate: toOffsetForm(updatedDateTime)
        };
        return this.enqueueBody(event, referralId, null, false);
    }

    private enqueueBody(
        event: WebhookEventBody,
        referralId: string | null,
        correlationId: string | null,
        force: boolean
    ): Delivery[] {
        const registration = this.registration;
        if (!registration || this.closed || (!force && !this.config().webhookDelivery)) {
            return [];
        }
        if (!registration.WebhookEvents.includes(event.EventName)) {
            return [];
        }
        const body = JSON.stringify(event);
        const applied = this.takeFaults();
        const kinds = applied.map((fault) => fault.kind);
        let certificateUrl =
            this.config().certificateUrl ?? `${this.ownUrl()}/cert/pcnotifications-dispatch.microsoft.com.cer`;
        const wrongUrl = applied.find((fault) => fault.kind === 'wrongCertificateUrl');
        if (wrongUrl) {
            certificateUrl =
                wrongUrl.certificateUrl ??
                'https://certificates.attacker.example/cert/pcnotifications-dispatch.microsoft.com.cer';
        }
        const headers: Record<string, string> = {
            'content-type': 'application/json',
            'x-ms-certificate-url': certificateUrl,
            'x-ms-signature-algorithm': 'rsa-sha256'
        };
        if (!kinds.includes('missingSignature')) {
            const signature = `Signature ${signBody(body, kinds.includes('forgedSignature') ? 'forged' : 'test')}`;
            headers[registration.SignatureTokenToMsSignatureHeader ? 'x-ms-signature' : 'authorization'] = signature;
        }
        const duplicate = applied.find((fault) => fault.kind === 'duplicate');
        const copies = duplicate ? Math.max(2, duplicate.copies ?? 2) : 1;
        const created: Delivery[] = [];
        for (let copy = 0; copy < copies; copy++) {
            const delivery: Delivery = {
                id: randomUUID(),
                eventName: event.EventName,
                referralId,
                url: registration.WebhookUrl,
                body,
                headers: { ...headers },
                state: 'pending',
                attempts: [],
                faults: kinds,
                createdAt: this.clock.nextTimestamp(),
                correlationId
            };
            this.record(delivery);
            created.push(delivery);
            if (kinds.includes('drop')) {
                delivery.state = 'dropped';
                continue;
            }
            const outOfOrder = applied.find((fault) => fault.kind === 'outOfOrder');
            if (outOfOrder) {
                this.hold(delivery, outOfOrder);
            } else {
                this.startAttempt(delivery);
            }
        }
        return created;
    }

    /** Consumes one use of each fault kind that is armed (the oldest rule of each kind). */
    private takeFaults(): DeliveryFault[] {
        const applied: DeliveryFault[] = [];
        const seen = new Set<DeliveryFaultKind>();
        for (const fault of this.faults) {
            if (seen.has(fault.kind) || fault.remaining <= 0) {
                continue;
            }
            seen.add(fault.kind);
            applied.push(fault);
            if (fault.kind !== 'outOfOrder') {
                fault.remaining--;
            }
        }
        this.faults = this.faults.filter((fault) => fault.remaining > 0 || fault.kind === 'outOfOrder');
        return applied;
    }

    private hold(delivery: Delivery, fault: DeliveryFault): void {
        delivery.state = 'held';
        this.active++;
        this.held.push({ delivery, fault });
        fault.remaining--;
        if (fault.remaining <= 0) {
            this.releaseHeld();
            this.faults = this.faults.filter((candidate) => candidate !== fault);
        } else if (!this.heldTimer) {
            this.heldTimer = setTimeout(() => {
                this.heldTimer = null;
                this.faults = this.faults.filter((candidate) => candidate !== fault);
                this.releaseHeld();
            }, fault.holdMs ?? 500);
        }
    }

    /** Sends held events newest first. */
    private releaseHeld(): void {
        if (this.heldTimer) {
            clearTimeout(this.heldTimer);
            this.heldTimer = null;
        }
        const batch = this.held.reverse();
        this.held = [];
        for (const { delivery } of batch) {
            this.active--;
            delivery.state = 'pending';
            this.startAttempt(delivery);
        }
        this.checkIdle();
    }

    private record(delivery: Delivery): void {
        this.deliveries.push(delivery);
        if (this.deliveries.length > 10_000) {
            this.deliveries.splice(0, this.deliveries.length - 10_000);
        }
    }

    private startAttempt(delivery: Delivery): void {
        this.active++;
        const generation = this.generation;
        void this.attempt(delivery)
            .catch((error: unknown) => {
                delivery.state = 'offline';
                delivery.attempts.push({
                    at: this.clock.nextTimestamp(),
                    status: null,
                    error: `Emulator error: ${(error as Error).message}`,
                    durationMs: 0,
                    retryDelayMs: null,
                    responseBody: ''
                });
                this.offline.push(delivery);
            })
            .finally(() => {
                // After a reset the counter was zeroed; a late finisher from before must not drive it negative.
                if (generation === this.generation) {
                    this.active--;
                    this.checkIdle();
                }
            });
    }

    private async attempt(delivery: Delivery): Promise<void> {
        if (this.closed) {
            delivery.state = 'cancelled';
            return;
        }
        const generation = this.generation;
        const started = Date.now();
        const at = this.clock.nextTimestamp();
        let result: { status: number | null; error: string | null; responseBody: string };
        try {
            result = await this.post(delivery);
        } catch (error) {
            // e.g. a header value Node refuses: count it as a failed attempt rather than crash the emulator
            result = { status: null, error: (error as Error).message, responseBody: '' };
        }
        if (generation !== this.generation) {
            delivery.state = 'cancelled';
            return;
        }
        const attempt: DeliveryAttempt = { at, durationMs: Date.now() - started, retryDelayMs: null, ...result };
        delivery.attempts.push(attempt);
        if (result.status !== null && result.status >= 200 && result.status < 300) {
            delivery.state = 'delivered';
            return;
        }
        const config = this.config();
        if (delivery.attempts.length >= config.maxDeliveryAttempts) {
            delivery.state = 'offline';
            this.offline.push(delivery);
            this.onMutation();
            return;
        }
        if (this.closed) {
            delivery.state = 'cancelled';
            return;
        }
        const delay = Math.min(config.retryBaseMs * 2 ** (delivery.attempts.length - 1), config.retryMaxMs);
        attempt.retryDelayMs = delay;
        this.active++;
        const timer = setTimeout(() => {
            this.timers.delete(timer);
            this.active--;
            this.startAttempt(delivery);
        }, delay);
        this.timers.add(timer);
    }

    private post(delivery: Delivery): Promise<{ status: number | null; error: string | null; responseBody: string }> {
        return new Promise((resolve) => {
            let url: URL;
            try {
                url = new URL(delivery.url);
            } catch {
                resolve({ status: null, error: 'Invalid URL', responseBody: '' });
                return;
            }
            const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
            const body = Buffer.from(delivery.body, 'utf8');
            let settled = false;
            const finish = (value: { status: number | null; error: string | null; responseBody: string }): void => {
                if (!settled) {
                    settled = true;
                    this.inFlight.delete(handle);
                    resolve(value);
                }
            };
            const req = send(
                url,
                {
                    method: 'POST',
                    agent: false,
                    headers: { ...delivery.headers, 'content-length': String(body.length) },
                    timeout: this.config().deliveryTimeoutMs,
                    rejectUnauthorized: false
                },
                (res) => {
                    const chunks: Buffer[] = [];
                    let size = 0;
                    res.on('data', (chunk: Buffer) => {
                        if (size < 4096) {
                            chunks.push(chunk);
                        }
                        size += chunk.length;
                    });
                    res.on('end', () =>
                        finish({
                            status: res.statusCode ?? null,
                            error: null,
                            responseBody: Buffer.concat(chunks).toString('utf8').slice(0, 4096)
                        })
                    );
                    res.on('error', (error) =>
                        finish({ status: res.statusCode ?? null, error: error.message, responseBody: '' })
                    );
                }
            );
            const handle = { abort: () => req.destroy(new Error('Emulator closed')) };
            this.inFlight.add(handle);
            req.on('timeout', () => req.destroy(new Error(`Timed out after ${this.config().deliveryTimeoutMs} ms`)));
            req.on('error', (error) => finish({ status: null, error: error.message, responseBody: '' }));
            req.end(body);
        });
    }

    /** Re-queues every offline event with a fresh attempt budget (an emulator convenience, not a Partner Center feature). */
    redeliverOffline(): Delivery[] {
        const queued = this.offline.splice(0, this.offline.length);
        for (const delivery of queued) {
            delivery.state = 'pending';
            delivery.attempts = [];
            this.startAttempt(delivery);
        }
        this.onMutation();
        return queued;
    }

    /** Adds a delivery fault rule. */
    addFault(rule: Omit<DeliveryFault, 'id' | 'remaining'> & { count?: number }): DeliveryFault {
        const kinds: DeliveryFaultKind[] = [
            'duplicate',
            'outOfOrder',
            'forgedSignature',
            'wrongCertificateUrl',
            'missingSignature',
            'drop'
        ];
        if (!kinds.includes(rule.kind)) {
            throw new ApiError(
                400,
                'badRequest',
                `Unknown delivery fault '${String(rule.kind)}'; use one of ${kinds.join(', ')}.`
            );
        }
        const count = rule.count ?? (rule.kind === 'outOfOrder' ? 2 : 1);
        if (!Number.isInteger(count) || count < 1 || (rule.kind === 'outOfOrder' && count < 2)) {
            throw new ApiError(400, 'badRequest', 'count must be a positive integer (at least 2 for outOfOrder).');
        }
        const fault: DeliveryFault = {
            id: randomUUID(),
            kind: rule.kind,
            remaining: count,
            copies: rule.copies,
            certificateUrl: rule.certificateUrl,
            holdMs: rule.holdMs
        };
        this.faults.push(fault);
        return fault;
    }

    /** Resolves when no delivery is pending, held or waiting for a retry. */
    idle(): Promise<void> {
        if (this.active === 0) {
            return Promise.resolve();
        }
        return new Promise((resolve) => this.idleWaiters.push(resolve));
    }

    /** Number of deliveries in progress (sending, held or waiting for a retry). */
    get pending(): number {
        return this.active;
    }

    private checkIdle(): void {
        if (this.active === 0) {
            const waiters = this.idleWaiters.splice(0, this.idleWaiters.length);
            waiters.forEach((resolve) => resolve());
        }
    }

    /** Clears registration, deliveries, offline queue, faults and throttle state. */
    reset(): void {
        this.cancelAll();
        this.closed = false;
        this.registration = null;
        this.deliveries.length = 0;
        this.offline.length = 0;
        this.validationEvents.clear();
        this.faults = [];
        this.testEventTimes = [];
        this.onMutation();
    }

    private cancelAll(): void {
        this.closed = true;
        for (const timer of this.timers) {
            clearTimeout(timer);
        }
        this.timers.clear();
        if (this.heldTimer) {
            clearTimeout(this.heldTimer);
            this.heldTimer = null;
        }
        for (const { delivery } of this.held) {
            delivery.state = 'cancelled';
        }
        this.held = [];
        for (const request of this.inFlight) {
            request.abort();
        }
        this.inFlight.clear();
        for (const delivery of this.deliveries) {
            if (delivery.state === 'pending' || delivery.state === 'held') {
                delivery.state = 'cancelled';
            }
        }
        this.active = 0;
        this.generation++;
        this.checkIdle();
    }

    /** Stops all timers and in-flight requests (on shutdown). */
    close(): void {
        this.cancelAll();
    }
}
