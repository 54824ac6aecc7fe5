/**
 * The Referral resource's rules: create validation, the status / substatus state machine (spec §2.4), read-only
 * fields, and JSON Patch (RFC 6902, `add` and `replace` only, per L-PATCH).
 *
 * Referrals are kept as plain JSON objects so that unknown fields survive every round trip.
 */

import { randomUUID, randomBytes } from 'node:crypto';
import { parseTicks } from './clock.ts';
import { ApiError, type ErrorDetail } from './errors.ts';
import { getProperty } from './odata.ts';

/** A referral as stored and returned: a JSON object with at least `id`. */
export type Referral = Record<string, unknown> & { id: string };

/** Allowed substatus per status [DOC-PUT18, DOC-REF19]. */
export const SUBSTATUS_BY_STATUS: Readonly<Record<string, readonly string[]>> = {
    New: ['Pending', 'Received'],
    Active: ['Accepted'],
    Closed: ['Won', 'Lost', 'Declined', 'Expired']
};

/** Allowed status transitions [DOC-PUT18]. Closed is terminal. */
export const NEXT_STATUSES: Readonly<Record<string, readonly string[]>> = {
    New: ['New', 'Active', 'Closed'],
    Active: ['Active', 'Closed'],
    Closed: []
};

/** `inviteContext.assistanceRequestCode` values [LA-REF]. */
export const ASSISTANCE_REQUEST_CODES = [
    'Unknown',
    'GeneralOrOther',
    'CustomerTechnicalArchitecture',
    'ProofOfConceptOrDemo',
    'QuotesOrLicensing',
    'PostSalesCustomerSuccess',
    'WorkloadSpecificValueProposition'
] as const;

/**
 * Top-level fields the server owns. A PATCH that touches them is rejected (400) so that a client writing them fails
 * loudly; on POST and PUT they are ignored and replaced by the server's values. [INF: the spec says "ignored or
 * rejected"]
 */
export const READ_ONLY_FIELDS = new Set([
    'id',
    'engagementId',
    'organizationId',
    'organizationName',
    'createdDateTime',
    'updatedDateTime',
    'expirationDateTime',
    'acceptedDateTime',
    'closedDateTime',
    'eTag',
    'direction',
    'mpnId',
    'links',
    'trackingInfo',
    'createdVia',
    'lastRunId',
    'registrationStatus',
    'quality',
    'isSpam',
    'referralSource',
    'callToAction'
]);

/** Canonical camelCase spellings, so `/Substatus` or `StatusReason` (seen in doc samples) land on the right key. */
const CANONICAL_KEYS = new Map(
    [
        'id',
        'engagementId',
        'name',
        'organizationId',
        'organizationName',
        'externalReferenceId',
        'createdDateTime',
        'updatedDateTime',
        'expirationDateTime',
        'acceptedDateTime',
        'closedDateTime',
        'status',
        'substatus',
        'statusReason',
        'qualification',
        'type',
        'referralSource',
        'callToAction',
        'eTag',
        'favorite',
        'campaignId',
        'salesStage',
        'quality',
        'isSpam',
        'direction',
        'mpnId',
        'referralProgram',
        'dealSensitivity',
        'createdVia',
        'lastModifiedVia',
        'lastRunId',
        'tags',
        'registrationStatus',
        'target',
        'customerProfile',
        'consent',
        'details',
        'team',
        'inviteContext',
        'links',
        'trackingInfo',
        'registrations',
        'address',
        'size',
        'ids',
        'isMatchingComplete',
        'notes',
        'dealValue',
        'currency',
        'closingDateTime',
        'requirements',
        'solutions',
        'industries',
        'products',
        'services',
        'offers',
        'salesPlays',
        'additionalRequirements',
        'attributes',
        'assistanceRequestCode',
        'invitedBy',
        'firstName',
        'lastName',
        'phoneNumber',
        'email',
        'title',
        'contactPreference',
        'country',
        'city',
        'state',
        'postalCode',
        'addressLine1',
        'addressLine2',
        'region',
        'consentToToShareInfoWithOthers',
        'consentToContact',
        'consentToMicrosoftToContactSpecificPartners',
        'consentToShareReferralWithMicrosoftSellers'
    ].map((key) => [key.toLowerCase(), key])
);

/** ISO 3166-1 alpha-2 codes (officially assigned). */
const ISO_COUNTRIES = new Set(
    (
        'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
        'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
        'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
        'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
        'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
        'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
        'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
    ).split(' ')
);

/** Whether a value is an officially assigned ISO 3166-1 alpha-2 code (upper case). */
export function isIsoCountry(value: unknown): boolean {
    return typeof value === 'string' && ISO_COUNTRIES.has(value);
}

/** A new eTag in Partner Center's format: a quoted string with the quotes inside the value [REAL]. */
export function newETag(nowMs: number): string {
    const seconds = Math.floor(nowMs / 1000)
        .toString(16)
        .padStart(8, '0')
        .slice(-8);
    return `"${randomBytes(4).toString('hex')}-0000-0100-0000-${seconds}0000"`;
}

/** A new GUID. */
export function newGuid(): string {
    return randomUUID();
}

/** Reads a dotted path (`customerProfile.address.country`), case-insensitively. */
export function readPath(target: unknown, dotted: string): unknown {
    let current = target;
    for (const segment of dotted.split('.')) {
        current = getProperty(current, segment);
        if (current === undefined) {
            return undefined;
        }
    }
    return current;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Partner Center's organization id for Microsoft. */
export const MICROSOFT_ORGANIZATION_ID = 'msft';

/**
 * Whether a referral names Microsoft as its target (`target: [{ type: BusinessProfileLocation, id: msft }]`): the
 * second, "connected" referral of a Shared co-sell pair (spec §2.5).
 */
export function targetsMicrosoft(referral: Record<string, unknown>): boolean {
    const targets = getProperty(referral, 'target');
    return (
        Array.isArray(targets) &&
        targets.some(
            (target) =>
                String(getProperty(target, 'type') ?? '').toLowerCase() === 'businessprofilelocation' &&
                String(getProperty(target, 'id') ?? '').toLowerCase() === MICROSOFT_ORGANIZATION_ID
        )
    );
}

/** Whether a stored referral is Microsoft's side of an engagement (owned by `msft`, targeting Microsoft). */
export function isMicrosoftSide(referral: Record<string, unknown>): boolean {
    return referral.organizationId === MICROSOFT_ORGANIZATION_ID && targetsMicrosoft(referral);
}

/** Deep copy of JSON data. */
export function clone<T>(value: T): T {
    return structuredClone(value);
}

/**
 * Coerces `details.dealValue` sent as a numeric string (as in the doc's PATCH sample `"10000"`) to a number.
 * [INF: both forms are assumed to be accepted]
 */
export function normaliseReferral(referral: Record<string, unknown>): void {
    canonicaliseKeys(referral);
    coerceDealValue(referral);
}

/** Only the `dealValue` coercion (admin changes keep planted key spellings). */
export function coerceDealValue(referral: Record<string, unknown>): void {
    const details = getProperty(referral, 'details');
    if (isObject(details)) {
        const key = Object.keys(details).find((candidate) => candidate.toLowerCase() === 'dealvalue');
        if (key !== undefined) {
            const value = details[key];
            if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
                details[key] = Number(value);
            }
        }
    }
}

/**
 * Renames known members sent in another case (`Name`, `CustomerProfile`, `StatusReason`) to Partner Center's camelCase,
 * as a case-insensitive model binder would; unknown members keep their spelling. Mutates in place.
 */
export function canonicaliseKeys(value: unknown): void {
    if (Array.isArray(value)) {
        value.forEach(canonicaliseKeys);
        return;
    }
    if (!isObject(value)) {
        return;
    }
    for (const key of Object.keys(value)) {
        const canonical = CANONICAL_KEYS.get(key.toLowerCase());
        if (canonical !== undefined && canonical !== key) {
            const member = value[key];
            delete value[key];
            value[canonical] = member;
        }
    }
    Object.values(value).forEach(canonicaliseKeys);
}

interface Rule {
    /** Fields the rule reads; on update the rule runs only when one of them changed. */
    inputs: string[];
    check: (referral: Record<string, unknown>) => ErrorDetail | undefined;
}

function required(field: string, label: string): Rule {
    return {
        inputs: [field],
        check: (referral) => {
            const value = readPath(referral, field);
            const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
            return missing ? { field, message: `The ${label} field is required.` } : undefined;
        }
    };
}

function requiredObject(field: string): Rule {
    return {
        inputs: [field],
        check: (referral) =>
            isObject(readPath(referral, field)) ? undefined : { field, message: `The ${field} field is required.` }
    };
}

function sharedWithMicrosoft(referral: Record<string, unknown>): boolean {
    return (
        readPath(referral, 'type') === 'Shared' ||
        readPath(referral, 'consent.consentToShareReferralWithMicrosoftSellers') === true
    );
}

function helpRequested(referral: Record<string, unknown>): boolean {
    const code = readPath(referral, 'inviteContext.assistanceRequestCode');
    return typeof code === 'string' && code !== '' && code !== 'Unknown';
}

const RULES: Rule[] = [
    required('name', 'name'),
    {
        inputs: ['type'],
        check: (referral) => {
            const type = readPath(referral, 'type');
            if (type === undefined || type === null || type === '') {
                return { field: 'type', message: 'The type field is required.' };
            }
            return type === 'Independent' || type === 'Shared'
                ? undefined
                : { field: 'type', message: `The type '${String(type)}' is not valid; use Independent or Shared.` };
        }
    },
    requiredObject('customerProfile'),
    requiredObject('consent'),
    requiredObject('details'),
    {
        inputs: ['customerProfile.name'],
        check: (referral) =>
            isObject(readPath(referral, 'customerProfile'))
                ? required('customerProfile.name', 'customer name').check(referral)
                : undefined
    },
    {
        inputs: ['customerProfile.address.country'],
        check: (referral) => {
            if (!isObject(readPath(referral, 'customerProfile'))) {
                return undefined;
            }
            const country = readPath(referral, 'customerProfile.address.country');
            return isIsoCountry(country)
                ? undefined
                : {
                      field: 'customerProfile.address.country',
                      message: `The country '${country === undefined ? '' : String(country)}' is not a valid ISO 3166-1 alpha-2 code.`
                  };
        }
    },
    {
        inputs: ['type', 'consent.consentToShareReferralWithMicrosoftSellers', 'details.requirements.solutions'],
        check: (referral) => {
            if (!sharedWithMicrosoft(referral)) {
                return undefined;
            }
            const solutions = readPath(referral, 'details.requirements.solutions');
            const valid =
                Array.isArray(solutions) &&
                solutions.some((solution) => {
                    const id = getProperty(solution, 'id');
                    return typeof id === 'string' && id.trim() !== '';
                });
            return valid
                ? undefined
                : {
                      field: 'details.requirements.solutions',
                      message: 'Solution ID is required: a referral shared with Microsoft needs at least one solution.'
                  };
        }
    },
    {
        inputs: ['inviteContext.assistanceRequestCode'],
        check: (referral) => {
            const code = readPath(referral, 'inviteContext.assistanceRequestCode');
            if (code === undefined || code === null) {
                return undefined;
            }
            return typeof code === 'string' && (ASSISTANCE_REQUEST_CODES as readonly string[]).includes(code)
                ? undefined
                : {
                      field: 'inviteContext.assistanceRequestCode',
                      message: `The assistanceRequestCode '${String(code)}' is not valid.`
                  };
        }
    },
    {
        inputs: ['inviteContext.assistanceRequestCode', 'customerProfile.team'],
        check: (referral) => {
            if (!helpRequested(referral) || readPath(referral, 'direction') === 'Incoming') {
                return undefined;
            }
            const team = readPath(referral, 'customerProfile.team');
            const hasContact =
                Array.isArray(team) &&
                team.some((member) => {
                    const email = getProperty(member, 'email');
                    return typeof email === 'string' && email.includes('@');
                });
            return hasContact
                ? undefined
                : {
                      field: 'customerProfile.team',
                      message: 'A customer contact with an email address is required when Microsoft help is requested.'
                  };
        }
    },
    {
        inputs: ['details.dealValue'],
        check: (referral) => {
            if (!isObject(readPath(referral, 'details'))) {
                return undefined;
            }
            const value = readPath(referral, 'details.dealValue');
            if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
                return {
                    field: 'details.dealValue',
                    message: `The deal value must be a number greater than 0 (got ${JSON.stringify(value ?? null)}).`
                };
            }
            return undefined;
        }
    },
    {
        inputs: ['details.currency'],
        check: (referral) => {
            const currency = readPath(referral, 'details.currency');
            if (currency === undefined || currency === null) {
                return undefined;
            }
            return typeof currency === 'string' && /^[A-Z]{3}$/.test(currency)
                ? undefined
                : { field: 'details.currency', message: `The currency '${String(currency)}' is not an ISO 4217 code.` };
        }
    },
    {
        inputs: ['details.closingDateTime'],
        check: (referral) => {
            const closing = readPath(referral, 'details.closingDateTime');
            if (closing === undefined || closing === null) {
                return undefined;
            }
            return typeof closing === 'string' && parseTicks(closing) !== undefined
                ? undefined
                : {
                      field: 'details.closingDateTime',
                      message: `The closingDateTime '${String(closing)}' is not a date.`
                  };
        }
    }
];

/** Validates a create body; throws a 400 listing every problem. */
export function validateCreate(body: Record<string, unknown>): void {
    const problems = RULES.map((rule) => rule.check(body)).filter((detail): detail is ErrorDetail => !!detail);
    if (problems.length > 0) {
        throw validationError(problems);
    }
}

/** Validates an update: only rules whose inputs changed run, so legacy data does not block unrelated edits. */
export function validateUpdate(before: Record<string, unknown>, after: Record<string, unknown>): void {
    const problems = RULES.filter((rule) =>
        rule.inputs.some((input) => JSON.stringify(readPath(before, input)) !== JSON.stringify(readPath(after, input)))
    )
        .map((rule) => rule.check(after))
        .filter((detail): detail is ErrorDetail => !!detail);
    if (problems.length > 0) {
        throw validationError(problems);
    }
    checkStateChange(before, after, 'partner');
}

function validationError(problems: ErrorDetail[]): ApiError {
    const summary =
        problems.length === 1
            ? problems[0].message
            : `${problems.length} validation errors: ${problems.map((p) => p.message).join(' ')}`;
    return new ApiError(400, 'badRequest', summary, problems);
}

/** Throws 409 when the referral is closed (terminal states cannot be updated [MCO21]). */
export function assertWritable(referral: Record<string, unknown>): void {
    if (readPath(referral, 'status') === 'Closed') {
        throw new ApiError(
            409,
            'conflict',
            `The referral is closed (${String(readPath(referral, 'substatus'))}) and cannot be updated.`
        );
    }
}

/**
 * Checks the status / substatus pair and the transition. `actor` 'partner' may not set Expired (the system does).
 * A pair left untouched is not re-checked, so seeded referrals with unknown values stay editable.
 */
export function checkStateChange(
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    actor: 'partner' | 'microsoft'
): void {
    const fromStatus = readPath(before, 'status');
    const toStatus = readPath(after, 'status');
    const toSubstatus = readPath(after, 'substatus');
    if (fromStatus === toStatus && readPath(before, 'substatus') === toSubstatus) {
        return;
    }
    const allowed = typeof toStatus === 'string' ? SUBSTATUS_BY_STATUS[toStatus] : undefined;
    if (!allowed) {
        throw new ApiError(400, 'badRequest', `The status '${String(toStatus)}' is not valid.`, [
            { field: 'status', message: `Use one of: ${Object.keys(SUBSTATUS_BY_STATUS).join(', ')}.` }
        ]);
    }
    if (typeof toSubstatus !== 'string' || !allowed.includes(toSubstatus)) {
        throw new ApiError(
            400,
            'badRequest',
            `The substatus '${String(toSubstatus)}' is not consistent with the status '${toStatus}'.`,
            [{ field: 'substatus', message: `With status ${toStatus} use one of: ${allowed.join(', ')}.` }]
        );
    }
    if (
        typeof fromStatus === 'string' &&
        NEXT_STATUSES[fromStatus] &&
        !NEXT_STATUSES[fromStatus].includes(toStatus as string)
    ) {
        throw new ApiError(400, 'badRequest', `A referral cannot move from ${fromStatus} to ${String(toStatus)}.`, [
            {
                field: 'status',
                message: `From ${fromStatus} the status may become: ${NEXT_STATUSES[fromStatus].join(', ')}.`
            }
        ]);
    }
    if (actor === 'partner' && toSubstatus === 'Expired') {
        throw new ApiError(400, 'badRequest', 'Only Partner Center sets the Expired substatus.', [
            { field: 'substatus', message: 'Expired is set by the system after 14 days without an answer.' }
        ]);
    }
}

/** Bookkeeping after a status change: accepted / closed timestamps, expiry cleared once answered. [INF] */
export function applyStatusSideEffects(
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    now: string
): void {
    const fromStatus = readPath(before, 'status');
    const toStatus = readPath(after, 'status');
    if (fromStatus === toStatus) {
        return;
    }
    if (toStatus === 'Active' && !after.acceptedDateTime) {
        after.acceptedDateTime = now;
    }
    if (toStatus === 'Closed') {
        after.closedDateTime = now;
    }
    if (fromStatus === 'New' && toStatus !== 'New') {
        after.expirationDateTime = null;
    }
}

/** One JSON Patch operation as received. */
export interface PatchOperation {
    op: string;
    path: string;
    value?: unknown;
    from?: string;
}

function decodePointer(path: string): string[] {
    if (typeof path !== 'string' || !path.startsWith('/')) {
        throw new ApiError(400, 'badRequest', `The patch path '${String(path)}' is not a JSON Pointer.`);
    }
    if (path === '/') {
        throw new ApiError(400, 'badRequest', 'Replacing the whole referral is not supported; use PUT.');
    }
    return path
        .slice(1)
        .split('/')
        .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolveKey(target: Record<string, unknown>, segment: string): string {
    if (Object.prototype.hasOwnProperty.call(target, segment)) {
        return segment;
    }
    const lower = segment.toLowerCase();
    const existing = Object.keys(target).find((key) => key.toLowerCase() === lower);
    return existing ?? CANONICAL_KEYS.get(lower) ?? segment;
}

/**
 * Validates and applies a JSON Patch to a copy of `referral` and returns the copy. Only `add` and `replace` are
 * supported [L-PATCH]; server-owned fields are refused.
 */
export function applyPatch(
    referral: Record<string, unknown>,
    operations: unknown,
    options: { createParents: boolean }
): Record<string, unknown> {
    if (!Array.isArray(operations)) {
        throw new ApiError(400, 'badRequest', 'The PATCH body must be a JSON Patch array.');
    }
    if (operations.length === 0) {
        throw new ApiError(400, 'badRequest', 'The JSON Patch array is empty.');
    }
    const result = clone(referral);
    operations.forEach((raw, index) => {
        if (!isObject(raw)) {
            throw new ApiError(400, 'badRequest', `Patch operation ${index} is not an object.`);
        }
        const op = typeof raw.op === 'string' ? raw.op.toLowerCase() : raw.op;
        if (op !== 'add' && op !== 'replace') {
            throw new ApiError(
                400,
                'badRequest',
                `The patch operation '${String(raw.op)}' is not supported; only 'replace' and 'add' are.`,
                [{ field: `[${index}].op`, message: "Only 'replace' and 'add' are supported." }]
            );
        }
        if (!Object.prototype.hasOwnProperty.call(raw, 'value')) {
            throw new ApiError(400, 'badRequest', `Patch operation ${index} has no value.`);
        }
        const segments = decodePointer(raw.path as string);
        const top = CANONICAL_KEYS.get(segments[0].toLowerCase()) ?? segments[0];
        if (
            READ_ONLY_FIELDS.has(top) ||
            (top === 'customerProfile' && segments[1]?.toLowerCase() === 'ismatchingcomplete')
        ) {
            throw new ApiError(400, 'badRequest', `The property '${raw.path as string}' is read-only.`, [
                { field: segments.join('.'), message: 'This property is set by Partner Center.' }
            ]);
        }
        applyOperation(result, op, segments, clone(raw.value), options.createParents, raw.path as string);
    });
    normaliseReferral(result);
    return result;
}

function applyOperation(
    root: Record<string, unknown>,
    op: 'add' | 'replace',
    segments: string[],
    value: unknown,
    createParents: boolean,
    path: string
): void {
    let parent: unknown = root;
    for (let i = 0; i < segments.length - 1; i++) {
        const segment = segments[i];
        if (Array.isArray(parent)) {
            const index = arrayIndex(parent, segment, false, path);
            parent = parent[index];
        } else if (isObject(parent)) {
            const key = resolveKey(parent, segment);
            if (!isObject(parent[key]) && !Array.isArray(parent[key])) {
                if (!createParents) {
                    throw new ApiError(
                        400,
                        'badRequest',
                        `For operation '${op}', the target location specified by path '${path}' was not found.`
                    );
                }
                parent[key] = {};
            }
            parent = parent[key];
        }
    }
    const last = segments[segments.length - 1];
    if (Array.isArray(parent)) {
        if (op === 'add') {
            if (last === '-') {
                parent.push(value);
            } else {
                parent.splice(arrayIndex(parent, last, true, path), 0, value);
            }
        } else {
            parent[arrayIndex(parent, last, false, path)] = value;
        }
    } else if (isObject(parent)) {
        // A missing member is accepted for replace too: the server deserialises into a model where every property
        // exists, possibly as null. [INF]
        parent[resolveKey(parent, last)] = value;
    } else {
        throw new ApiError(400, 'badRequest', `The target location specified by path '${path}' was not found.`);
    }
}

function arrayIndex(array: unknown[], segment: string, allowEnd: boolean, path: string): number {
    if (!/^(0|[1-9]\d*)$/.test(segment)) {
        throw new ApiError(400, 'badRequest', `The index '${segment}' in path '${path}' is not valid.`);
    }
    const index = Number(segment);
    if (index > array.length || (!allowEnd && index === array.length)) {
        throw new ApiError(400, 'badRequest', `The index '${segment}' in path '${path}' is out of bounds.`);
    }
    return index;
}
