/**
 * The referral store: what Partner Center keeps for one partner tenant, plus the operations the partner API and the
 * admin API perform on it. HTTP concerns live in server.ts; this module throws {@link ApiError}s.
 */

import { addDays, Clock, formatTicks, parseTicks } from './clock.ts';
import type { EmulatorConfig } from './config.ts';
import { ApiError, preconditionFailed } from './errors.ts';
import {
    compileFilter,
    filterPaths,
    ODataError,
    parseFilter,
    parseOrderBy,
    parseSelect,
    project,
    usesDateTimeLiteral,
    type OrderKey
} from './odata.ts';
import {
    applyPatch,
    applyStatusSideEffects,
    assertWritable,
    checkStateChange,
    clone,
    coerceDealValue,
    isMicrosoftSide,
    MICROSOFT_ORGANIZATION_ID,
    newETag,
    newGuid,
    normaliseReferral,
    READ_ONLY_FIELDS,
    targetsMicrosoft,
    validateCreate,
    validateUpdate,
    type Referral
} from './referrals.ts';

/** Fields `$orderby` accepts [DOC-LIST20]. */
export const ORDERABLE_FIELDS = ['createdDateTime', 'updatedDateTime'] as const;

/** Who caused a change: the partner through the API, or the emulator's admin / Microsoft-seller side. */
export type ChangeSource = 'api' | 'admin';

/** A change notification raised by the store (the webhook layer decides whether to deliver it). */
export interface ChangeEvent {
    eventName: string;
    referral: Referral;
    source: ChangeSource;
}

/** The list query after URL decoding. */
export interface ListQuery {
    filter?: string;
    orderby?: string;
    top?: string;
    skip?: string;
    select?: string;
    count?: string;
    skiptoken?: string;
}

/** One page of results. */
export interface ListPage {
    items: Record<string, unknown>[];
    /** Number of referrals matching the filter (all pages). */
    total: number;
    /** Token for the next page, when there is one. */
    nextToken?: string;
}

interface Cursor {
    keys: string[];
    id: string;
    order: string;
}

const sortKeyCache = new WeakMap<object, Map<string, string>>();

/**
 * A sortable key for a timestamp field: the canonical 7-digit UTC form (fixed width, so string order is time
 * order), or '' when missing. Cached per stored object; objects are replaced, never mutated, on write.
 */
function sortKey(referral: Referral, field: string): string {
    let cache = sortKeyCache.get(referral);
    if (!cache) {
        cache = new Map();
        sortKeyCache.set(referral, cache);
    }
    let key = cache.get(field);
    if (key === undefined) {
        const value = referral[field];
        const ticks = typeof value === 'string' ? parseTicks(value) : undefined;
        key = ticks === undefined || ticks < 0n ? '' : formatTicks(ticks);
        cache.set(field, key);
    }
    return key;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Deep merge for admin updates: objects merge, everything else (arrays included) replaces. */
export function deepMerge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
    for (const [key, value] of Object.entries(patch)) {
        const existing = target[key];
        if (isObject(value) && isObject(existing)) {
            deepMerge(existing, value);
        } else {
            target[key] = clone(value);
        }
    }
    return target;
}

export class ReferralStore {
    private referrals = new Map<string, Referral>();
    private requestIds = new Map<string, string>();
    private expiring = new Set<string>();
    private listeners: ((event: ChangeEvent) => void)[] = [];
    /** Bumped on every mutation; invalidates the list cache. */
    private version = 0;
    private listCache: { key: string; items: Referral[] } | null = null;

    constructor(
        readonly clock: Clock,
        private readonly config: () => EmulatorConfig
    ) {}

    /** Subscribes to change events. */
    onChange(listener: (event: ChangeEvent) => void): void {
        this.listeners.push(listener);
    }

    /** Called after every mutation (persistence hooks in here). */
    onMutation: () => void = () => {};

    private mutated(): void {
        this.version++;
        this.listCache = null;
        this.onMutation();
    }

    get size(): number {
        return this.referrals.size;
    }

    /** Every referral, in insertion order (live objects: do not mutate). */
    all(): Referral[] {
        return [...this.referrals.values()];
    }

    /** A copy of one referral, or 404. */
    get(id: string): Referral {
        return clone(this.require(id));
    }

    private require(id: string): Referral {
        const referral = this.referrals.get(id) ?? this.referrals.get(id.toLowerCase());
        if (!referral) {
            throw new ApiError(404, 'notFound', `Referral '${id}' was not found.`);
        }
        return referral;
    }

    private links(id: string, engagementId: unknown): Record<string, unknown> {
        const base = this.config().linkBaseUrl.replace(/\/$/, '');
        return {
            relatedReferrals: {
                uri: `${base}/v1.0/engagements/referrals?$filter=engagementId eq '${String(engagementId)}'`,
                method: 'GET'
            },
            self: { uri: `${base}/v1.0/engagements/referrals/${id}`, method: 'GET' }
        };
    }

    private save(referral: Referral, eventName: string | null, source: ChangeSource): Referral {
        this.referrals.set(referral.id, referral);
        if (referral.status === 'New' && typeof referral.expirationDateTime === 'string') {
            this.expiring.add(referral.id);
        } else {
            this.expiring.delete(referral.id);
        }
        this.mutated();
        if (eventName) {
            const copy = clone(referral);
            for (const listener of this.listeners) {
                listener({ eventName, referral: copy, source });
            }
        }
        return clone(referral);
    }

    private stamp(referral: Record<string, unknown>): string {
        const now = this.clock.nextTimestamp();
        referral.updatedDateTime = now;
        referral.eTag = newETag(this.clock.nowMs());
        return now;
    }

    /** Fills the server-owned fields and the model's nullable defaults of a new referral. */
    private complete(body: Record<string, unknown>, direction: 'Outgoing' | 'Incoming', now: string): Referral {
        const partner = this.config().partner;
        const id = newGuid();
        const referral: Record<string, unknown> = {
            id,
            engagementId: typeof body.engagementId === 'string' && body.engagementId ? body.engagementId : newGuid(),
            name: null,
            organizationId: partner.organizationId,
            organizationName: partner.organizationName,
            lastModifiedVia: null,
            lastRunId: null,
            externalReferenceId: null,
            createdDateTime: now,
            updatedDateTime: now,
            expirationDateTime: null,
            status: null,
            substatus: null,
            statusReason: null,
            qualification: null,
            type: null,
            referralSource: null,
            callToAction: null,
            eTag: '',
            favorite: false,
            campaignId: null,
            salesStage: null,
            quality: 'Unknown',
            isSpam: false,
            direction,
            mpnId: partner.mpnId,
            referralProgram: null,
            dealSensitivity: 'None',
            createdVia: null,
            tags: [],
            acceptedDateTime: null,
            closedDateTime: null,
            registrationStatus: 'None',
            target: []
        };
        for (const [key, value] of Object.entries(body)) {
            if (!READ_ONLY_FIELDS.has(key)) {
                referral[key] = clone(value);
            }
        }
        referral.id = id;
        referral.createdDateTime = now;
        referral.updatedDateTime = now;
        referral.direction = direction;
        referral.eTag = newETag(this.clock.nowMs());
        referral.links = this.links(id, referral.engagementId);
        referral.trackingInfo = {
            microsoftMsxId: null,
            microsoftUSFedOpportunityId: null,
            microsoftUSFedLeadId: null,
            migratedPSCDealId: null,
            migratedPSCPartnerDealId: null
        };
        if (!Array.isArray(referral.registrations)) {
            referral.registrations = [];
        }
        if (isObject(referral.customerProfile) && referral.customerProfile.isMatchingComplete === undefined) {
            referral.customerProfile.isMatchingComplete = false;
        }
        return referral as Referral;
    }

    /** POST by the partner. Outgoing referrals start as Active / Accepted [DOC-CREATE20, MCO21]. */
    create(body: unknown, requestId?: string): { referral: Referral; replayed: boolean } {
        if (!isObject(body)) {
            throw new ApiError(400, 'badRequest', 'The request body must be a referral object.');
        }
        if (requestId && this.config().idempotentRequestIds) {
            const existing = this.requestIds.get(requestId);
            if (existing && this.referrals.has(existing)) {
                return { referral: this.get(existing), replayed: true };
            }
        }
        const input = clone(body);
        normaliseReferral(input);
        const engagementId = this.requireEngagement(input.engagementId);
        validateCreate(input);
        const now = this.clock.nextTimestamp();
        if (engagementId !== undefined && targetsMicrosoft(input)) {
            const referral = this.connectMicrosoft(input, now);
            if (requestId) {
                this.requestIds.set(requestId, referral.id);
            }
            return { referral, replayed: false };
        }
        const referral = this.complete(input, 'Outgoing', now);
        referral.status = 'Active';
        referral.substatus = 'Accepted';
        referral.acceptedDateTime = now;
        if (requestId) {
            this.requestIds.set(requestId, referral.id);
        }
        return { referral: this.save(referral, 'referral-created', 'api'), replayed: false };
    }

    /**
     * A create that names an `engagementId` joins that engagement (the "connected" second referral of spec §2.5),
     * so the engagement must exist: one of the stored referrals carries it. [INF: the status code is a guess]
     */
    private requireEngagement(value: unknown): string | undefined {
        if (value === undefined || value === null || value === '') {
            return undefined;
        }
        const wanted = typeof value === 'string' ? value.trim().toLowerCase() : '';
        const exists =
            wanted !== '' &&
            this.all().some((referral) => String(referral.engagementId ?? '').toLowerCase() === wanted);
        if (!exists) {
            throw new ApiError(400, 'badRequest', `The engagementId '${String(value)}' is not an existing engagement.`, [
                { field: 'engagementId', message: 'Send the engagementId Partner Center returned for the first referral.' }
            ]);
        }
        return wanted;
    }

    /**
     * The partner's connected referral for Microsoft (spec §2.5): stored as Microsoft's side of the engagement, a
     * referral owned by `msft` and invited by the partner, waiting for a Microsoft seller (New / Pending). It belongs
     * to Microsoft, so the partner gets no webhook for it and its unfiltered lists leave it out; GET by id and the
     * engagement's related-referrals query (`$filter=engagementId eq '…'`) show it. [INF: spec §8 item 1]
     */
    private connectMicrosoft(input: Record<string, unknown>, now: string): Referral {
        const partner = this.config().partner;
        const referral = this.complete(input, 'Incoming', now);
        referral.organizationId = MICROSOFT_ORGANIZATION_ID;
        referral.organizationName = 'Microsoft';
        referral.mpnId = null;
        referral.status = 'New';
        referral.substatus = 'Pending';
        referral.inviteContext = {
            ...(isObject(referral.inviteContext) ? referral.inviteContext : {}),
            invitedBy: { organizationId: partner.organizationId, organizationName: partner.organizationName }
        };
        return this.save(referral, null, 'api');
    }

    private checkIfMatch(referral: Referral, ifMatch: string | undefined): void {
        if (ifMatch === undefined || ifMatch.trim() === '*') {
            return;
        }
        // Compared verbatim, inner quotes included: the docs say to send the eTag back exactly as returned.
        if (ifMatch !== referral.eTag) {
            throw preconditionFailed();
        }
    }

    /** PATCH by the partner. */
    patch(id: string, operations: unknown, ifMatch?: string): Referral {
        const current = this.require(id);
        this.checkIfMatch(current, ifMatch);
        assertWritable(current);
        const next = applyPatch(current, operations, { createParents: this.config().patchCreatesParents }) as Referral;
        next.id = current.id;
        validateUpdate(current, next);
        const now = this.stamp(next);
        applyStatusSideEffects(current, next, now);
        return this.save(next, 'referral-updated', 'api');
    }

    /** PUT by the partner: the full referral; server-owned fields keep their stored values. */
    put(id: string, body: unknown, ifMatch: string | undefined): Referral {
        const current = this.require(id);
        if (ifMatch === undefined || ifMatch.trim() === '') {
            throw new ApiError(400, 'badRequest', 'The If-Match header is required for PUT.', [
                { field: 'If-Match', message: 'Send the eTag returned by the last GET.' }
            ]);
        }
        this.checkIfMatch(current, ifMatch);
        assertWritable(current);
        if (!isObject(body)) {
            throw new ApiError(400, 'badRequest', 'The request body must be a referral object.');
        }
        const next: Record<string, unknown> = clone(body);
        normaliseReferral(next);
        for (const key of READ_ONLY_FIELDS) {
            if (key in current) {
                next[key] = clone(current[key]);
            } else {
                delete next[key];
            }
        }
        validateUpdate(current, next);
        const now = this.stamp(next);
        applyStatusSideEffects(current, next, now);
        return this.save(next as Referral, 'referral-updated', 'api');
    }

    /** One page of the list operation. */
    list(query: ListQuery): ListPage {
        const config = this.config();
        let predicate: (item: unknown) => boolean = () => true;
        // Microsoft's side of an engagement is not the partner's referral: only the related-referrals query shows it.
        let showMicrosoftSide = false;
        if (query.filter !== undefined) {
            const tree = parseFilter(query.filter);
            if (config.dateFilters === 'reject' && usesDateTimeLiteral(tree)) {
                throw new ODataError('Date-time comparisons are not supported in $filter');
            }
            predicate = compileFilter(query.filter);
            showMicrosoftSide = filterPaths(tree).some((path) => path[0].toLowerCase() === 'engagementid');
        }
        const order: OrderKey[] =
            query.orderby !== undefined && query.orderby.trim() !== ''
                ? parseOrderBy(query.orderby, ORDERABLE_FIELDS)
                : [{ field: 'createdDateTime', descending: false }];
        const orderSignature = order.map((key) => `${key.field}:${key.descending ? 'd' : 'a'}`).join(',');
        const select = query.select !== undefined ? parseSelect(query.select) : undefined;
        const pageSize = this.pageSize(query.top);
        const skip = query.skip === undefined ? 0 : nonNegativeInteger(query.skip, '$skip');
        if (query.count !== undefined && !/^(true|false)$/i.test(query.count)) {
            throw new ODataError("$count must be 'true' or 'false'");
        }

        const compare = (a: Referral, b: Referral): number => {
            for (const key of order) {
                const ka = sortKey(a, key.field);
                const kb = sortKey(b, key.field);
                if (ka !== kb) {
                    return (ka < kb ? -1 : 1) * (key.descending ? -1 : 1);
                }
            }
            return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
        };
        // Following next links over unchanged data reuses the filtered, sorted list (a 10,000-referral backfill
        // would otherwise filter and sort everything once per page).
        const cacheKey = `${this.version}|${orderSignature}|${query.filter ?? ''}`;
        let matching: Referral[];
        if (this.listCache?.key === cacheKey) {
            matching = this.listCache.items;
        } else {
            matching = this.all().filter(
                (referral) => (showMicrosoftSide || !isMicrosoftSide(referral)) && predicate(referral)
            );
            matching.sort(compare);
            this.listCache = { key: cacheKey, items: matching };
        }

        let start = skip;
        if (query.skiptoken !== undefined) {
            const cursor = decodeToken(query.skiptoken);
            if (cursor.order !== orderSignature || cursor.keys.length !== order.length) {
                throw new ApiError(400, 'badRequest', 'The $skiptoken does not belong to this query.');
            }
            const probe = { id: cursor.id } as Referral;
            sortKeyCache.set(probe, new Map(order.map((key, index) => [key.field, cursor.keys[index]])));
            // First item after the cursor (binary search: the list is sorted by `compare`).
            let low = 0;
            let high = matching.length;
            while (low < high) {
                const middle = (low + high) >>> 1;
                if (compare(matching[middle], probe) > 0) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            start = low;
        }
        const page = matching.slice(start, start + pageSize);
        const hasMore = pageSize > 0 && start + pageSize < matching.length;
        const last = page[page.length - 1];
        const nextToken =
            hasMore && last
                ? encodeToken({
                      keys: order.map((key) => sortKey(last, key.field)),
                      id: last.id,
                      order: orderSignature
                  })
                : undefined;
        return {
            items: page.map((referral) => (select ? project(clone(referral), select) : clone(referral))),
            total: matching.length,
            nextToken
        };
    }

    private pageSize(top: string | undefined): number {
        const config = this.config();
        if (top === undefined) {
            return Math.min(config.defaultPageSize, config.maxPageSize);
        }
        return Math.min(nonNegativeInteger(top, '$top'), config.maxPageSize);
    }

    // ----- admin and Microsoft-seller operations -------------------------------------------------------------

    /**
     * Stores referrals as given (no validation, so tests can plant legacy or odd data). Missing server fields
     * (id, engagementId, eTag, timestamps, links) are filled in.
     */
    seed(items: unknown[], notify = false): Referral[] {
        return items.map((item) => {
            if (!isObject(item)) {
                throw new ApiError(400, 'badRequest', 'Each seeded referral must be an object.');
            }
            const referral = clone(item) as Record<string, unknown>;
            const now = this.clock.nextTimestamp();
            referral.id = typeof referral.id === 'string' && referral.id ? referral.id : newGuid();
            referral.engagementId = referral.engagementId ?? newGuid();
            referral.createdDateTime = referral.createdDateTime ?? now;
            referral.updatedDateTime = referral.updatedDateTime ?? referral.createdDateTime;
            referral.eTag = referral.eTag ?? newETag(this.clock.nowMs());
            referral.links = referral.links ?? this.links(referral.id as string, referral.engagementId);
            this.clock.observe(referral.updatedDateTime);
            this.clock.observe(referral.createdDateTime);
            const exists = this.referrals.has(referral.id as string);
            return this.save(
                referral as Referral,
                notify ? (exists ? 'referral-updated' : 'referral-created') : null,
                'admin'
            );
        });
    }

    /**
     * A Microsoft seller shares a co-sell referral with the partner: Incoming, New / Pending, expiring 14 days after
     * creation [MCO21]. `overrides` deep-merge onto a realistic template.
     */
    createIncoming(overrides: Record<string, unknown> = {}): Referral {
        const now = this.clock.nextTimestamp();
        const template = incomingTemplate();
        deepMerge(template, overrides);
        const referral = this.complete(template, 'Incoming', now);
        referral.status = overrides.status ?? 'New';
        referral.substatus = overrides.substatus ?? 'Pending';
        referral.expirationDateTime =
            overrides.expirationDateTime !== undefined ? overrides.expirationDateTime : addDays(now, 14);
        if (referral.status === 'Active' || referral.status === 'Closed') {
            referral.acceptedDateTime = now;
        }
        if (referral.status === 'Closed') {
            referral.closedDateTime = now;
        }
        if (isObject(overrides.trackingInfo)) {
            deepMerge(referral.trackingInfo as Record<string, unknown>, overrides.trackingInfo);
        }
        return this.save(referral, 'referral-created', 'admin');
    }

    /**
     * A change made on Partner Center's side (Microsoft seller, another user): deep-merges `changes` without the
     * partner API's validation, but a closed referral stays closed. Raises `eventName` (default referral-updated).
     */
    adminUpdate(id: string, changes: Record<string, unknown>, eventName: string | null = 'referral-updated'): Referral {
        const current = this.require(id);
        const next = deepMerge(clone(current), changes) as Referral;
        next.id = current.id;
        coerceDealValue(next);
        if (changes.status !== undefined || changes.substatus !== undefined) {
            if (current.status === 'Closed') {
                assertWritable(current);
            }
            checkStateChange(current, next, 'microsoft');
        }
        const now = this.stamp(next);
        applyStatusSideEffects(current, next, now);
        return this.save(next, eventName, 'admin');
    }

    /** The Microsoft seller changes the deal (value, currency, close date, notes). */
    updateDeal(
        id: string,
        deal: { dealValue?: number; currency?: string; closingDateTime?: string; notes?: string }
    ): Referral {
        const details: Record<string, unknown> = {};
        for (const key of ['dealValue', 'currency', 'closingDateTime', 'notes'] as const) {
            if (deal[key] !== undefined) {
                details[key] = deal[key];
            }
        }
        if (Object.keys(details).length === 0) {
            throw new ApiError(
                400,
                'badRequest',
                'Nothing to change: send dealValue, currency, closingDateTime or notes.'
            );
        }
        return this.adminUpdate(id, { details });
    }

    /** The Microsoft side closes the referral (Won, Lost, Declined or Expired). */
    close(id: string, substatus: string, statusReason?: string | null): Referral {
        const current = this.require(id);
        assertWritable(current);
        const changes: Record<string, unknown> = { status: 'Closed', substatus };
        if (statusReason !== undefined) {
            changes.statusReason = statusReason;
        }
        return this.adminUpdate(id, changes);
    }

    /**
     * Expires every New referral whose `expirationDateTime` has passed (Partner Center does this after 14 days
     * [MCO21]). Returns the expired referrals.
     */
    sweepExpired(): Referral[] {
        if (this.expiring.size === 0) {
            return [];
        }
        const nowTicks = BigInt(this.clock.nowMs()) * 10_000n;
        const expired: Referral[] = [];
        for (const id of [...this.expiring]) {
            const referral = this.referrals.get(id);
            const at =
                typeof referral?.expirationDateTime === 'string' ? parseTicks(referral.expirationDateTime) : undefined;
            if (!referral || referral.status !== 'New' || at === undefined) {
                this.expiring.delete(id);
                continue;
            }
            if (at <= nowTicks) {
                expired.push(this.adminUpdate(id, { status: 'Closed', substatus: 'Expired' }));
            }
        }
        return expired;
    }

    /** Removes one referral (admin only; Partner Center has no DELETE). */
    remove(id: string): void {
        this.require(id);
        this.referrals.delete(id);
        this.expiring.delete(id);
        this.mutated();
    }

    /** Drops every referral. */
    clear(): void {
        this.referrals.clear();
        this.requestIds.clear();
        this.expiring.clear();
        this.mutated();
    }

    /** Referrals for persistence. */
    snapshot(): Referral[] {
        return this.all();
    }

    /** Loads persisted referrals (replacing the current ones) without raising events. */
    load(referrals: Referral[]): void {
        this.version++;
        this.listCache = null;
        this.referrals.clear();
        this.expiring.clear();
        for (const referral of referrals) {
            this.clock.observe(referral.updatedDateTime);
            this.clock.observe(referral.createdDateTime);
            this.referrals.set(referral.id, referral);
            if (referral.status === 'New' && typeof referral.expirationDateTime === 'string') {
                this.expiring.add(referral.id);
            }
        }
    }

    /** Inserts pre-built referrals quickly (bulk seeding for benchmarks): no events, no per-item cloning. */
    insertBulk(referrals: Referral[]): void {
        for (const referral of referrals) {
            this.clock.observe(referral.updatedDateTime);
            this.referrals.set(referral.id, referral);
        }
        this.mutated();
    }
}

function nonNegativeInteger(value: string, name: string): number {
    if (!/^\d+$/.test(value.trim())) {
        throw new ODataError(`${name} must be a non-negative integer`);
    }
    return Number(value);
}

function encodeToken(cursor: Cursor): string {
    return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeToken(token: string): Cursor {
    try {
        const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;
        if (!Array.isArray(cursor.keys) || typeof cursor.id !== 'string' || typeof cursor.order !== 'string') {
            throw new Error('shape');
        }
        if (cursor.keys.some((key) => typeof key !== 'string')) {
            throw new Error('shape');
        }
        return cursor;
    } catch {
        throw new ApiError(400, 'badRequest', 'The $skiptoken is not valid.');
    }
}

/** A co-sell referral as a Microsoft seller would share it (values invented, shape from referral-get.json). */
export function incomingTemplate(): Record<string, unknown> {
    return {
        name: 'Fabrikam - Azure migration',
        qualification: 'SalesQualified',
        type: 'Shared',
        statusReason: null,
        target: [{ type: 'SolutionProfile', id: 'SOL-15974-MQF' }],
        customerProfile: {
            name: 'Fabrikam Inc',
            size: '251to1000employees',
            isMatchingComplete: true,
            address: {
                addressLine1: '1 Main Street',
                addressLine2: '',
                city: 'Seattle',
                state: 'WA',
                postalCode: '98101',
                country: 'US',
                region: null
            },
            team: [
                {
                    firstName: 'Sue',
                    lastName: 'Smith',
                    phoneNumber: '2065550100',
                    email: 'sue.smith@fabrikam.example',
                    title: null,
                    contactPreference: { locale: 'en-US', disableNotifications: false }
                }
            ],
            ids: [{ profileType: 'Duns', id: '123456789' }]
        },
        consent: {
            consentToToShareInfoWithOthers: true,
            consentToContact: true,
            consentToShareReferralWithMicrosoftSellers: true
        },
        details: {
            notes: 'Customer wants to migrate 40 VMs to Azure.',
            dealValue: 120000,
            currency: 'USD',
            closingDateTime: '2026-09-30T00:00:00Z',
            customerRequestedContact: null,
            customerAction: null,
            incentiveLevel: null,
            requirements: {
                industries: [],
                products: [],
                services: [],
                solutions: [
                    {
                        id: 'SOL-15974-MQF',
                        name: 'Contoso Cloud Migration Factory',
                        type: 'Name',
                        price: null,
                        quantity: null,
                        currency: null,
                        publisherName: 'Contoso Partner Ltd',
                        solutionType: '3P',
                        closingDateTime: null
                    }
                ],
                offers: [],
                salesPlays: [],
                additionalRequirements: {
                    iot: {
                        customerLicenseAgreementNumber: null,
                        deviceCategory: null,
                        siliconType: null,
                        azureCertifiedDevice: false,
                        attachServices: false
                    },
                    attributes: [{ type: 'CustomerMarketplaceIntent', id: 'HaveNotDecided' }]
                }
            }
        },
        team: [
            {
                firstName: 'Alex',
                lastName: 'Wu',
                phoneNumber: '4255550123',
                email: 'alex.wu@microsoft.example',
                title: null,
                contactPreference: { locale: 'en-US', disableNotifications: null }
            }
        ],
        inviteContext: {
            notes: 'Customer asked for a migration assessment; please engage.',
            assistanceRequestCode: 'CustomerTechnicalArchitecture',
            invitedMpnId: '6193175',
            invitedBy: { organizationId: 'msft', organizationName: 'Microsoft' }
        },
        trackingInfo: null,
        registrations: []
    };
}
