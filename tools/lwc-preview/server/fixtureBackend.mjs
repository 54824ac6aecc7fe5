// Fixtures mode of the preview's Apex seam: a small, stateful stand-in for CoSellCardController and
// CoSellSetupController, seeded from the same JSON fixtures the Jest tests use, so that clicking "Share" in the
// browser really changes the card (Pending, then Synced a moment later with a CoSellStatusChange__e event).
// It imitates the controllers' contracts (docs/architecture.md section 4), not their business rules; the end-to-end
// issue swaps it for proxy mode, which forwards the same HTTP calls to the real Apex running in the local runtime.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** An error the server returns as a non-2xx response, shaped like an AuraHandledException. */
export class ApexError extends Error {
    constructor(message, status = 400, exceptionType = 'System.AuraHandledException') {
        super(message);
        this.status = status;
        this.exceptionType = exceptionType;
    }
}

export const STATUS_CHANNEL = '/event/CoSellStatusChange__e';

export const CARD_SCENARIOS = [
    'empty',
    'not-shared',
    'pending',
    'synced',
    'error',
    'conflict',
    'auth-blocked',
    'incoming',
    'read-only'
];
export const SETUP_SCENARIOS = ['in-progress', 'read-only', 'done'];

const FIELD_TO_CARD = { CloseDate: 'closeDate', Amount: 'dealValue' };
const OPPORTUNITY_LABELS = {
    Name: 'Opportunity Name',
    Amount: 'Amount',
    CloseDate: 'Close Date',
    Description: 'Description',
    CurrencyIsoCode: 'Opportunity Currency',
    CoSellHelpNeeded__c: 'How Can Microsoft Help?',
    CoSellStatus__c: 'Partner Center Status',
    CoSellSubstatus__c: 'Partner Center Substatus',
    CoSellCustomerCountryCode__c: 'Customer Country Code'
};
const DAY_MS = 24 * 60 * 60 * 1000;

function clone(value) {
    return JSON.parse(JSON.stringify(value));
}

/**
 * @param {object} options
 * @param {string} options.cardData folder with the card fixtures (coSellCard/__tests__/data)
 * @param {string} options.setupData folder with the setup fixtures (coSellSetup/__tests__/data)
 * @param {(channel: string, payload: object) => void} options.publish sends a platform event to subscribed pages
 */
export function createFixtureBackend({ cardData, setupData, publish }) {
    const read = (dir, name) => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
    let state;
    let timers = [];
    let sequence = 100;

    const nextId = (prefix) => `${prefix}${String(sequence++).padStart(12, '0')}AAA`.slice(0, 18);

    function reset(options = {}) {
        timers.forEach(clearTimeout);
        timers = [];
        const cardScenario = options.card ?? 'not-shared';
        const setupScenario = options.setup ?? 'in-progress';
        if (!CARD_SCENARIOS.includes(cardScenario)) throw new ApexError(`Unknown card scenario ${cardScenario}`);
        if (!SETUP_SCENARIOS.includes(setupScenario)) throw new ApexError(`Unknown setup scenario ${setupScenario}`);
        const card = read(cardData, `card-${cardScenario}`);
        if (cardScenario === 'incoming') {
            // Keep the 14-day response window relative to today so the countdown is meaningful.
            card.expiresAt = new Date(Date.now() + 9 * DAY_MS).toISOString();
        }
        state = {
            card,
            lastModified: new Date().toISOString(),
            knownSolutions: read(cardData, 'solutions-search'),
            setupStatus: read(setupData, `status-${setupScenario}`),
            health: read(setupData, setupScenario === 'done' ? 'health-ok' : 'health-dead-letters'),
            mappings: read(setupData, 'mappings'),
            backfill: read(setupData, 'backfill-not-started'),
            webhookOwner: options.webhookOwner ?? (setupScenario === 'done' ? 'us' : 'foreign'),
            fail: new Set(options.fail ?? []),
            syncDelayMs: options.syncDelayMs ?? 1500
        };
        return { card: cardScenario, setup: setupScenario };
    }

    function touch() {
        state.lastModified = new Date().toISOString();
    }

    function log(direction, operation, outcome, httpStatus, message, fieldChanges = []) {
        state.card.timeline.unshift({
            id: nextId('a05'),
            createdDate: new Date().toISOString(),
            direction,
            operation,
            outcome,
            httpStatus,
            message,
            fieldChanges
        });
    }

    function requireAction(action) {
        if (!state.card.canEdit) throw new ApexError('You do not have access to change this opportunity.', 403);
        if (!state.card.allowedActions.includes(action)) {
            throw new ApexError(`"${action}" is not allowed while the sync status is ${state.card.syncStatus}.`);
        }
    }

    /** Mimics the queued outbound job finishing: Pending now, Synced (plus a status event) a moment later. */
    function queueOutbound(operation) {
        const card = state.card;
        card.syncStatus = 'Pending';
        card.lastError = null;
        card.allowedActions = allowedActions(card);
        touch();
        timers.push(
            setTimeout(() => {
                card.syncStatus = 'Synced';
                card.lastSyncedAt = new Date().toISOString();
                card.allowedActions = allowedActions(card);
                log('Outbound', operation, 'Success', operation === 'Create' ? 201 : 200, 'Partner Center accepted the change.');
                touch();
                publish(STATUS_CHANNEL, { OpportunityId__c: card.opportunityId, SyncStatus__c: 'Synced' });
            }, state.syncDelayMs)
        );
    }

    /** The same rules as CoSellCardController.allowedActions. */
    function allowedActions(c) {
        const actions = [];
        const shared = Boolean(c.referralId);
        if (!c.canEdit) return actions;
        if (!shared && c.syncStatus !== 'Pending') actions.push('share');
        if (shared && c.status !== 'Closed') actions.push('syncNow');
        if (c.direction === 'Incoming' && c.status === 'New') actions.push('accept', 'decline');
        if (c.syncStatus === 'Conflict') actions.push('resolveConflict');
        if (c.syncStatus === 'Error' || c.syncStatus === 'AuthBlocked') actions.push('retry');
        return actions;
    }

    function previewShare() {
        const card = state.card;
        const problems = [];
        if (card.solutions.length === 0) {
            problems.push({ rule: 'SolutionRequired', field: 'Microsoft solutions', message: 'Add at least one Microsoft solution.' });
        }
        if (typeof card.dealValue !== 'number') {
            problems.push({ rule: 'DealValueRequired', field: 'Deal value', message: 'Enter an amount greater than zero.' });
        }
        if (!card.closeDate) {
            problems.push({ rule: 'CloseDateRequired', field: 'Close date', message: 'Enter a close date.' });
        }
        const payload = {
            name: card.opportunityName,
            details: {
                dealValue: card.dealValue ?? null,
                currency: card.currencyIsoCode ?? null,
                closingDateTime: card.closeDate ? `${card.closeDate}T00:00:00Z` : null
            },
            inviteContext: card.helpNeeded ? { assistanceRequestCode: card.helpNeeded } : undefined,
            team: [],
            solutions: card.solutions.map((s) => ({ id: s.solutionId, name: s.name }))
        };
        return { canShare: problems.length === 0, operation: 'Create', payload: JSON.stringify(payload), problems };
    }

    const card = {
        getCard: () => state.card,
        previewShare,
        share({ helpNeeded }) {
            requireAction('share');
            const preview = previewShare();
            if (!preview.canShare) throw new ApexError(preview.problems.map((p) => p.message).join(' '));
            const c = state.card;
            const referralId = `a1b2c3d4-0000-4000-8000-${String(sequence++).padStart(12, '0')}`;
            Object.assign(c, {
                syncEnabled: true,
                helpNeeded: helpNeeded ?? c.helpNeeded,
                referralId,
                referralLink: `https://partner.microsoft.com/dashboard/referrals/v2/leads/${referralId}`,
                direction: 'Outgoing',
                status: 'New',
                substatus: 'Pending'
            });
            queueOutbound('Create');
            return state.card;
        },
        syncNow() {
            requireAction('syncNow');
            queueOutbound('Update');
            return state.card;
        },
        retry() {
            requireAction('retry');
            queueOutbound('Update');
            return state.card;
        },
        accept() {
            requireAction('accept');
            Object.assign(state.card, { status: 'Active', substatus: 'Accepted', expiresAt: null });
            log('Outbound', 'Accept', 'Success', 200, 'You accepted the referral.', [
                { field: 'CoSellSubstatus__c', before: 'Received', after: 'Accepted' }
            ]);
            queueOutbound('Update');
            return state.card;
        },
        decline({ reason }) {
            requireAction('decline');
            if (!reason || !reason.trim()) throw new ApexError('Enter a reason for declining.');
            Object.assign(state.card, {
                status: 'Closed',
                substatus: 'Declined',
                statusReason: reason.trim(),
                expiresAt: null
            });
            state.card.allowedActions = allowedActions(state.card);
            log('Outbound', 'Decline', 'Success', 200, 'You declined the referral.', [
                { field: 'CoSellSubstatus__c', before: 'Received', after: 'Declined' }
            ]);
            touch();
            return state.card;
        },
        resolveConflict({ resolution }) {
            requireAction('resolveConflict');
            if (resolution !== 'KeepOurs' && resolution !== 'TakeTheirs') {
                throw new ApexError(`Unknown resolution ${resolution}.`);
            }
            const c = state.card;
            const conflict = c.timeline.find((entry) => entry.outcome === 'Conflict');
            const changes = (conflict?.fieldChanges ?? []).map((change) => ({
                field: change.field,
                before: resolution === 'KeepOurs' ? change.after : change.before,
                after: resolution === 'KeepOurs' ? change.before : change.after
            }));
            if (resolution === 'TakeTheirs') {
                for (const change of conflict?.fieldChanges ?? []) {
                    const key = FIELD_TO_CARD[change.field];
                    if (key === 'dealValue') c.dealValue = Number(change.after);
                    else if (key) c[key] = change.after;
                }
            }
            Object.assign(c, { syncStatus: 'Synced', lastError: null, lastSyncedAt: new Date().toISOString() });
            c.allowedActions = allowedActions(c);
            log(
                resolution === 'KeepOurs' ? 'Outbound' : 'Inbound',
                'Update',
                'Success',
                200,
                resolution === 'KeepOurs' ? 'Your values were sent to Partner Center.' : "Microsoft's values were applied.",
                changes
            );
            touch();
            return c;
        },
        saveHelpNeeded({ helpNeeded }) {
            if (!state.card.canEdit) throw new ApexError('You do not have access to change this opportunity.', 403);
            state.card.helpNeeded = helpNeeded ?? null;
            touch();
            return state.card;
        },
        searchSolutions({ term }) {
            const needle = String(term ?? '').toLowerCase();
            return state.knownSolutions
                .filter((s) => s.name.toLowerCase().includes(needle) || s.solutionId.toLowerCase().includes(needle))
                .map(({ solutionId, name, type }) => ({ solutionId, name, type }));
        },
        addSolution({ solutionId, solutionName, solutionType }) {
            if (!solutionId) throw new ApexError('Enter a solution ID.');
            if (state.card.solutions.some((s) => s.solutionId === solutionId)) {
                throw new ApexError('This solution is already on the opportunity.');
            }
            state.card.solutions.push({ recordId: nextId('a01'), solutionId, name: solutionName || solutionId, type: solutionType ?? null });
            touch();
            return state.card;
        },
        removeSolution({ solutionRecordId }) {
            const before = state.card.solutions.length;
            state.card.solutions = state.card.solutions.filter((s) => s.recordId !== solutionRecordId);
            if (state.card.solutions.length === before) throw new ApexError('That solution is no longer on the opportunity.', 404);
            touch();
            return state.card;
        }
    };

    function requireManage() {
        if (!state.setupStatus.canManage) {
            throw new ApexError('You need the CoSellManageSetup permission to do this.', 403);
        }
    }

    function setStep(key, status, detail) {
        const step = state.setupStatus.steps.find((s) => s.key === key);
        if (step) Object.assign(step, { status, detail });
    }

    const setup = {
        getSetupStatus: () => state.setupStatus,
        testConnection: () => ({ ok: true, httpStatus: 200, message: 'OK', durationMs: 184 }),
        registerWebhooks({ overwrite }) {
            requireManage();
            const result = read(setupData, 'registration-ok');
            if (state.webhookOwner === 'foreign' && !overwrite) return read(setupData, 'registration-overwrite');
            state.webhookOwner = 'us';
            setStep('webhook', 'done', `Registered for ${result.events.length} events; owned by this org.`);
            return result;
        },
        startBackfill() {
            requireManage();
            if (state.backfill.status === 'Running') throw new ApexError('A backfill is already running.');
            state.backfill = { status: 'Running', processed: 0, total: 160, percent: 0, message: null };
            return state.backfill;
        },
        getBackfillStatus() {
            const b = state.backfill;
            if (b.status === 'Running') {
                b.processed = Math.min(b.total, b.processed + 40);
                b.percent = (100 * b.processed) / b.total;
                if (b.processed === b.total) Object.assign(b, { status: 'Completed', message: `${b.total} referrals imported.` });
            }
            return b;
        },
        getHealth: () => state.health,
        replayDeadLetter({ recordId }) {
            requireManage();
            const letter = state.health.deadLetters.find((d) => d.recordId === recordId);
            if (!letter) throw new ApexError('That dead letter was already replayed.', 404);
            state.health.deadLetters = state.health.deadLetters.filter((d) => d !== letter);
            if (letter.kind === 'Outbox') state.health.outboxDepth += 1;
            else state.health.inboxDepth += 1;
            return state.health;
        },
        getMappings: () => state.mappings,
        dryRun({ opportunityId }) {
            if (opportunityId !== state.card.opportunityId && opportunityId !== state.card.opportunityId.slice(0, 15)) {
                throw new ApexError(`Opportunity ${opportunityId} was not found or you cannot see it.`, 404);
            }
            return read(setupData, 'dry-run');
        }
    };

    const controllers = { CoSellCardController: card, CoSellSetupController: setup };

    return {
        reset,
        /** Handles `POST /apex/<Class>.<method>`. */
        handle(name, params) {
            const [className, method] = name.split('.');
            const impl = controllers[className]?.[method];
            if (!impl) throw new ApexError(`No fixture implementation for ${name}.`, 404, 'System.NoSuchMethodException');
            if (state.fail.has(name)) throw new ApexError(`Simulated failure of ${name}: Partner Center is unavailable.`, 500);
            return clone(impl(params ?? {}));
        },
        /** Handles `POST /ui-api/object-info` (field labels for the card). */
        objectInfo({ objectApiName }) {
            if (objectApiName !== 'Opportunity') throw new ApexError(`No object info fixture for ${objectApiName}.`, 404);
            const fields = {};
            for (const [apiName, label] of Object.entries(OPPORTUNITY_LABELS)) fields[apiName] = { apiName, label };
            return { apiName: 'Opportunity', label: 'Opportunity', fields };
        },
        /** Handles `POST /ui-api/record` (the getRecord wire). */
        record({ recordId }) {
            return {
                id: recordId,
                apiName: 'Opportunity',
                fields: {
                    LastModifiedDate: { value: state.lastModified, displayValue: null },
                    Name: { value: state.card.opportunityName, displayValue: null }
                }
            };
        },
        close() {
            timers.forEach(clearTimeout);
            timers = [];
        }
    };
}
