/**
 * Runtime configuration. Every choice the spec leaves open (partner-center-api.md §8) is a switch here, so tests can
 * exercise each reading; the defaults are the emulator's best guess and are listed in the README.
 */

import type { ErrorShape } from './errors.ts';

export interface EmulatorConfig {
    /** HTTP status of a successful create: the docs do not say whether it is 200 or 201 (§8 item 6). */
    createStatus: 200 | 201;
    /** Error body shape (§8 item 5). */
    errorShape: ErrorShape;
    /** Also send the eTag as an `ETag` response header (§8 item 6; the body always carries it). */
    etagHeader: boolean;
    /** `@odata.nextLink` as an absolute URL or as a host-relative path; the docs show both forms. */
    nextLinkStyle: 'absolute' | 'relative';
    /** Origin used in absolute next links; defaults to the origin the request was sent to. */
    nextLinkBaseUrl: string | null;
    /** Origin written into `links.self` / `links.relatedReferrals` of stored referrals. */
    linkBaseUrl: string;
    /** Prefix of `ResourceUri` in webhook events (the documented pattern, not the referrals API URL). */
    resourceUriBase: string;
    /** Origin of the webhook registration API, used in the test event's `ResourceUri`. */
    webhookApiBaseUrl: string;
    /** `x-ms-certificate-url` sent with deliveries; defaults to the emulator's own certificate endpoint. */
    certificateUrl: string | null;
    /** Page size when `$top` is absent. */
    defaultPageSize: number;
    /** Largest page; a bigger `$top` is clamped and the rest is reachable through `@odata.nextLink`. */
    maxPageSize: number;
    /** `@odata.count` = all matching referrals (`total`) or the items on this page (`page`). */
    countMode: 'total' | 'page';
    /** Date-time comparisons in `$filter` are undocumented (§1.2, §8 item 4): allow them, or answer 400. */
    dateFilters: 'allow' | 'reject';
    /** Send webhooks at all. */
    webhookDelivery: boolean;
    /** Also send `referral-created` / `referral-updated` for writes made through the partner API (POST/PATCH/PUT). */
    webhookOnApiWrites: boolean;
    /** Delivery attempts before an event goes to the offline queue (10 per SDK-WH). */
    maxDeliveryAttempts: number;
    /** First retry delay; doubles on each attempt (the real schedule is undocumented). */
    retryBaseMs: number;
    /** Upper bound of a retry delay. */
    retryMaxMs: number;
    /** Timeout of one delivery attempt. */
    deliveryTimeoutMs: number;
    /** Treat a repeated `MS-RequestId` on POST as a retry of the same create (unconfirmed for this host). */
    idempotentRequestIds: boolean;
    /** Let JSON Patch create missing parent objects (a lenient server); otherwise the parent must exist. */
    patchCreatesParents: boolean;
    /** Answer 409 to a POST registration when one exists (instead of overwriting it). */
    registrationPostConflict: boolean;
    /** Test events allowed per rolling minute (2 per L-WHE). */
    testEventsPerMinute: number;
    /** The partner organization that owns the referrals. */
    partner: { organizationId: string; organizationName: string; mpnId: string };
    /** Most requests kept in the request log. */
    requestLogLimit: number;
}

/** The defaults (see the README's "Assumptions" table). */
export function defaultConfig(): EmulatorConfig {
    return {
        createStatus: 201,
        errorShape: 'partnerCenter',
        etagHeader: false,
        nextLinkStyle: 'absolute',
        nextLinkBaseUrl: null,
        linkBaseUrl: 'https://api.partner.microsoft.com',
        resourceUriBase: 'https://api.partnercenter.microsoft.com/engagements/v1/referrals/',
        webhookApiBaseUrl: 'https://api.partnercenter.microsoft.com',
        certificateUrl: null,
        defaultPageSize: 100,
        maxPageSize: 100,
        countMode: 'total',
        dateFilters: 'allow',
        webhookDelivery: true,
        webhookOnApiWrites: true,
        maxDeliveryAttempts: 10,
        retryBaseMs: 1000,
        retryMaxMs: 60_000,
        deliveryTimeoutMs: 10_000,
        idempotentRequestIds: false,
        patchCreatesParents: false,
        registrationPostConflict: false,
        testEventsPerMinute: 2,
        partner: {
            organizationId: '355e66da-9f6c-43bb-a13a-0885ebaabd5c',
            organizationName: 'Contoso Partner Ltd',
            mpnId: '6193175'
        },
        requestLogLimit: 5000
    };
}

const KEYS = Object.keys(defaultConfig()) as (keyof EmulatorConfig)[];

/** Applies a partial update, rejecting unknown keys and values of the wrong type. */
export function mergeConfig(current: EmulatorConfig, patch: Record<string, unknown>): EmulatorConfig {
    const next: EmulatorConfig = { ...current, partner: { ...current.partner } };
    const defaults = defaultConfig();
    for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) {
            continue;
        }
        if (!KEYS.includes(key as keyof EmulatorConfig)) {
            throw new Error(`Unknown config key '${key}'`);
        }
        const typedKey = key as keyof EmulatorConfig;
        const expected = defaults[typedKey];
        if (typedKey === 'nextLinkBaseUrl' || typedKey === 'certificateUrl') {
            if (value !== null && typeof value !== 'string') {
                throw new Error(`Config '${key}' must be a string or null`);
            }
        } else if (typedKey === 'partner') {
            if (value === null || typeof value !== 'object') {
                throw new Error(`Config 'partner' must be an object`);
            }
            next.partner = { ...next.partner, ...(value as Partial<EmulatorConfig['partner']>) };
            continue;
        } else if (typeof value !== typeof expected) {
            throw new Error(`Config '${key}' must be a ${typeof expected}`);
        }
        (next as unknown as Record<string, unknown>)[key] = value;
    }
    if (next.createStatus !== 200 && next.createStatus !== 201) {
        throw new Error("Config 'createStatus' must be 200 or 201");
    }
    if (!['partnerCenter', 'odata'].includes(next.errorShape)) {
        throw new Error("Config 'errorShape' must be 'partnerCenter' or 'odata'");
    }
    if (!['absolute', 'relative'].includes(next.nextLinkStyle)) {
        throw new Error("Config 'nextLinkStyle' must be 'absolute' or 'relative'");
    }
    if (!['total', 'page'].includes(next.countMode)) {
        throw new Error("Config 'countMode' must be 'total' or 'page'");
    }
    if (!['allow', 'reject'].includes(next.dateFilters)) {
        throw new Error("Config 'dateFilters' must be 'allow' or 'reject'");
    }
    if (next.maxPageSize < 1 || next.defaultPageSize < 1) {
        throw new Error('Page sizes must be positive');
    }
    return next;
}
