// Partner Center Co-sell: shared LWC service module (typed controller contracts, error reduction, toasts).
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import type { ToastVariant } from 'lightning/platformShowToastEvent';

// ---------------------------------------------------------------------------------------------------------------
// Controller contracts (docs/architecture.md section 4). Apex serialises ids as strings, datetimes as ISO strings,
// dates as yyyy-mm-dd and decimals as numbers. Aura omits null members, so every member Apex may leave null is
// optional and nullable here.
// ---------------------------------------------------------------------------------------------------------------

/** The card's sync state (`Opportunity.CoSellSyncStatus__c`, a restricted picklist). */
export type SyncStatus = 'NotShared' | 'Pending' | 'Synced' | 'Error' | 'Conflict' | 'AuthBlocked';

/** Actions the controller allows for the current user and record; the card shows nothing else. */
export type CardAction = 'share' | 'syncNow' | 'accept' | 'decline' | 'resolveConflict' | 'retry';

/** How a seller resolves an eTag conflict. */
export type ConflictResolution = 'KeepOurs' | 'TakeTheirs';

/** Who created the referral. */
export type Direction = 'Outgoing' | 'Incoming';

/** A picklist entry, as `lightning-combobox` expects it. */
export interface PicklistOption {
    label: string;
    value: string;
}

/** A Microsoft solution attached to (or known in) the org. `recordId` is set only for attached solutions. */
export interface SolutionDto {
    recordId?: string | null;
    solutionId: string;
    name: string;
    type?: string | null;
}

/** One field's value before and after a sync attempt. */
export interface FieldChangeDto {
    field: string;
    before?: string | null;
    after?: string | null;
}

/** One audit entry (`CoSellSyncLog__c`). */
export interface TimelineEntryDto {
    id: string;
    createdDate: string;
    direction: 'Outbound' | 'Inbound';
    operation: string;
    outcome: string;
    httpStatus?: number | null;
    message?: string | null;
    fieldChanges: FieldChangeDto[];
}

/** Everything the co-sell card shows for one Opportunity. */
export interface CardDto {
    opportunityId: string;
    opportunityName: string;
    canEdit: boolean;
    syncEnabled: boolean;
    referralId?: string | null;
    referralLink?: string | null;
    direction?: Direction | null;
    status?: string | null;
    substatus?: string | null;
    statusReason?: string | null;
    syncStatus: SyncStatus;
    lastSyncedAt?: string | null;
    lastError?: string | null;
    helpNeeded?: string | null;
    helpNeededOptions: PicklistOption[];
    expiresAt?: string | null;
    dealValue?: number | null;
    currencyIsoCode?: string | null;
    closeDate?: string | null;
    solutions: SolutionDto[];
    timeline: TimelineEntryDto[];
    allowedActions: CardAction[];
}

/** One pre-flight problem: which rule failed, on which field, in plain words. */
export interface DryRunProblemDto {
    rule: string;
    field?: string | null;
    message: string;
}

/** What a share (or a mapping dry-run) would send, and what stops it. `payload` is the JSON text to be sent. */
export interface DryRunDto {
    canShare: boolean;
    operation: string;
    payload?: string | null;
    problems: DryRunProblemDto[];
}

/** Setup checklist step keys, in the order an admin completes them. */
export type SetupStepKey = 'credential' | 'permissionSets' | 'guestEndpoint' | 'webhook' | 'mappings';

export interface SetupStepDto {
    key: SetupStepKey;
    label: string;
    status: 'done' | 'todo' | 'error';
    detail?: string | null;
}

export interface SetupStatusDto {
    canManage: boolean;
    steps: SetupStepDto[];
}

export interface ConnectionResultDto {
    ok: boolean;
    httpStatus?: number | null;
    message?: string | null;
    durationMs?: number | null;
}

export interface RegistrationResultDto {
    registered: boolean;
    requiresOverwrite: boolean;
    currentUrl?: string | null;
    webhookUrl?: string | null;
    events: string[];
    ownedByThisOrg: boolean;
    message?: string | null;
}

export type BackfillState = 'NotStarted' | 'Running' | 'Completed' | 'Failed';

export interface BackfillStatusDto {
    status: BackfillState;
    processed: number;
    total: number;
    percent: number;
    message?: string | null;
}

export interface DeadLetterDto {
    recordId: string;
    kind: 'Outbox' | 'Inbox';
    opportunityId?: string | null;
    opportunityName?: string | null;
    referralId?: string | null;
    operation?: string | null;
    lastError?: string | null;
    attempts: number;
    updatedAt?: string | null;
}

export type AuthState = 'Ok' | 'Blocked' | 'Unknown';

export interface HealthDto {
    outboxDepth: number;
    inboxDepth: number;
    deadLetters: DeadLetterDto[];
    lastWebhookAt?: string | null;
    lastPollAt?: string | null;
    authState: AuthState;
    authMessage?: string | null;
    /** When the event bus last lost a sync kick (the `Kick` state row); absent when it never did. */
    lostKickAt?: string | null;
    /** What the lost kick means: the queued rows wait for the next scheduled sweep. */
    lostKickMessage?: string | null;
    /** `Failed`, `DeadLetter` and `AuthBlocked` log entries of the last 24 hours, counted up to 1000. */
    recentFailures: number;
    /** More failures than were counted. */
    recentFailuresCapped: boolean;
}

export interface MappingDto {
    developerName: string;
    direction: 'Outbound' | 'Inbound' | 'Both';
    partnerCenterPath: string;
    salesforceField?: string | null;
    transform?: string | null;
    enabled: boolean;
    onCreate: boolean;
    onUpdate: boolean;
    valid: boolean;
    problem?: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null;
}

function messagesOf(value: unknown): string[] {
    if (!Array.isArray(value)) {
        return [];
    }
    return value
        .map((entry: unknown) => (isRecord(entry) && typeof entry.message === 'string' ? entry.message : ''))
        .filter((message) => message.length > 0);
}

/**
 * Reduces one or more errors (Apex `AuraHandledException`, LDS/UI API errors, JS errors, plain strings) to a flat
 * list of human-readable messages, as lwc-recipes' `ldsUtils.reduceErrors` does.
 * @param errors a single error or an array of errors, in any of the shapes the platform produces
 * @returns the distinct non-empty messages, in order
 */
export function reduceErrors(errors: unknown): string[] {
    const list: unknown[] = Array.isArray(errors) ? errors : [errors];
    const messages: string[] = [];
    for (const error of list) {
        if (typeof error === 'string') {
            messages.push(error);
            continue;
        }
        if (!isRecord(error)) {
            continue;
        }
        const body = error.body;
        if (Array.isArray(body)) {
            // UI API read errors
            messages.push(...messagesOf(body));
        } else if (isRecord(body)) {
            const output = isRecord(body.output) ? body.output : undefined;
            if (output && Array.isArray(output.errors) && output.errors.length > 0) {
                // UI API DML errors
                messages.push(...messagesOf(output.errors));
            }
            if (output && isRecord(output.fieldErrors)) {
                for (const fieldErrors of Object.values(output.fieldErrors)) {
                    messages.push(...messagesOf(fieldErrors));
                }
            }
            if (Array.isArray(body.pageErrors) && body.pageErrors.length > 0) {
                messages.push(...messagesOf(body.pageErrors));
            } else if (
                typeof body.message === 'string' &&
                !(output && Array.isArray(output.errors) && output.errors.length > 0)
            ) {
                // Apex (AuraHandledException) and network errors
                messages.push(body.message);
            }
        } else if (typeof error.message === 'string') {
            // JS errors
            messages.push(error.message);
        } else if (typeof error.statusText === 'string') {
            // Unknown fetch error
            messages.push(error.statusText);
        }
    }
    return [...new Set(messages.filter((message) => message.trim().length > 0))];
}

// ---------------------------------------------------------------------------------------------------------------
// Toasts and labels
// ---------------------------------------------------------------------------------------------------------------

/**
 * Shows a platform toast from a component.
 * @param target the component (or any element inside it) that dispatches the event
 * @param title short title
 * @param message the message in plain words
 * @param variant success, info, warning or error
 */
export function showToast(target: EventTarget, title: string, message: string, variant: ToastVariant = 'info'): void {
    target.dispatchEvent(new ShowToastEvent({ title, message, variant }));
}

/**
 * Shows an error toast whose message is the reduced error text (sticky, so a seller can read it).
 * @param target the component that dispatches the event
 * @param title short title saying what failed
 * @param error the error from Apex, LDS or JavaScript
 * @param fallback message used when the error carries no text
 */
export function showErrorToast(target: EventTarget, title: string, error: unknown, fallback = ''): void {
    const message = reduceErrors(error).join(' ') || fallback;
    target.dispatchEvent(new ShowToastEvent({ title, message, variant: 'error', mode: 'sticky' }));
}

/**
 * Starts an async task the UI does not wait for (loading, cache refreshes, unsubscribing). The task handles its
 * expected errors itself; anything that still escapes is shown as an error toast rather than swallowed.
 * @param target the component that owns the task
 * @param task the running task
 * @param title toast title if the task fails unexpectedly
 */
export function runInBackground(target: EventTarget, task: Promise<unknown>, title: string): void {
    task.catch((error: unknown) => showErrorToast(target, title, error, title));
}

/**
 * Fills `{0}`, `{1}`, ... in a custom label, as Apex `String.format` does.
 * @param label the label text
 * @param args values for the placeholders
 * @returns the label with placeholders replaced (missing arguments become empty strings)
 */
export function formatLabel(label: string, ...args: (string | number | null | undefined)[]): string {
    return label.replace(/\{(\d+)\}/g, (_match: string, index: string) => {
        const value = args[Number(index)];
        return value === null || value === undefined ? '' : String(value);
    });
}

/**
 * Pretty-prints JSON text for display; text that is not JSON is returned unchanged.
 * @param text JSON text
 * @returns indented JSON, or the input
 */
export function prettyJson(text: string | null | undefined): string {
    if (!text) {
        return '';
    }
    try {
        return JSON.stringify(JSON.parse(text) as unknown, null, 2);
    } catch {
        return text;
    }
}

/**
 * Compares two Salesforce ids regardless of 15/18-character form.
 * @param a an id
 * @param b another id
 * @returns true when both denote the same record
 */
export function sameRecordId(a: string | null | undefined, b: string | null | undefined): boolean {
    if (!a || !b) {
        return false;
    }
    return a.substring(0, 15) === b.substring(0, 15);
}
