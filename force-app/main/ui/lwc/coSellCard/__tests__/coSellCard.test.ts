import { createElement } from 'lwc';
import type { LightningElement } from 'lwc';
import { createApexTestWireAdapter } from '@salesforce/wire-service-jest-util';
import { registerSa11yMatcher } from '@sa11y/jest';
import { refreshApex } from '@salesforce/apex';
import { getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { isEmpEnabled, onError, subscribe, unsubscribe } from 'lightning/empApi';
import CoSellCard from 'c/coSellCard';
import getCard from '@salesforce/apex/CoSellCardController.getCard';
import previewShare from '@salesforce/apex/CoSellCardController.previewShare';
import share from '@salesforce/apex/CoSellCardController.share';
import syncNow from '@salesforce/apex/CoSellCardController.syncNow';
import accept from '@salesforce/apex/CoSellCardController.accept';
import decline from '@salesforce/apex/CoSellCardController.decline';
import resolveConflict from '@salesforce/apex/CoSellCardController.resolveConflict';
import retry from '@salesforce/apex/CoSellCardController.retry';
import saveHelpNeeded from '@salesforce/apex/CoSellCardController.saveHelpNeeded';
import searchSolutions from '@salesforce/apex/CoSellCardController.searchSolutions';
import addSolution from '@salesforce/apex/CoSellCardController.addSolution';
import removeSolution from '@salesforce/apex/CoSellCardController.removeSolution';
import type { CardDto, DryRunDto, SolutionDto } from 'c/coSellService';
import cardEmptyJson from './data/card-empty.json';
import cardNotSharedJson from './data/card-not-shared.json';
import cardPendingJson from './data/card-pending.json';
import cardSyncedJson from './data/card-synced.json';
import cardErrorJson from './data/card-error.json';
import cardConflictJson from './data/card-conflict.json';
import cardAuthBlockedJson from './data/card-auth-blocked.json';
import cardIncomingJson from './data/card-incoming.json';
import cardReadOnlyJson from './data/card-read-only.json';
import previewOkJson from './data/preview-ok.json';
import previewProblemsJson from './data/preview-problems.json';
import solutionsSearchJson from './data/solutions-search.json';

jest.mock(
    '@salesforce/apex/CoSellCardController.getCard',
    () => {
        const util = jest.requireActual<typeof import('@salesforce/wire-service-jest-util')>(
            '@salesforce/wire-service-jest-util'
        );
        return { default: util.createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex/CoSellCardController.previewShare', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellCardController.share', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellCardController.syncNow', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellCardController.accept', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellCardController.decline', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellCardController.resolveConflict', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellCardController.retry', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellCardController.saveHelpNeeded', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellCardController.searchSolutions', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellCardController.addSolution', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellCardController.removeSolution', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });

type TestWireAdapter = ReturnType<typeof createApexTestWireAdapter>;
type CardProps = { recordId?: string; timelineSize?: number; disableLiveRefresh?: boolean };
type CardElement = LightningElement & CardProps;
type ToastDetail = { title: string; message: string; variant: string };

const getCardAdapter = getCard as unknown as TestWireAdapter;
const getRecordAdapter = getRecord as unknown as TestWireAdapter;
const getObjectInfoAdapter = getObjectInfo as unknown as TestWireAdapter;
const OPPORTUNITY_INFO = {
    apiName: 'Opportunity',
    fields: {
        Amount: { apiName: 'Amount', label: 'Amount' },
        CloseDate: { apiName: 'CloseDate', label: 'Close Date' },
        CoSellSubstatus__c: { apiName: 'CoSellSubstatus__c', label: 'Partner Center Substatus' }
    }
};
const OPP_ID = '006000000000001AAA';
const APEX_ERROR = { body: { message: 'Partner Center is unavailable.' }, status: 500 };

function clone<T>(value: unknown): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

const fixtures = {
    empty: (): CardDto => clone<CardDto>(cardEmptyJson),
    notShared: (): CardDto => clone<CardDto>(cardNotSharedJson),
    pending: (): CardDto => clone<CardDto>(cardPendingJson),
    synced: (): CardDto => clone<CardDto>(cardSyncedJson),
    error: (): CardDto => clone<CardDto>(cardErrorJson),
    conflict: (): CardDto => clone<CardDto>(cardConflictJson),
    authBlocked: (): CardDto => clone<CardDto>(cardAuthBlockedJson),
    incoming: (): CardDto => clone<CardDto>(cardIncomingJson),
    readOnly: (): CardDto => clone<CardDto>(cardReadOnlyJson),
    previewOk: (): DryRunDto => clone<DryRunDto>(previewOkJson),
    previewProblems: (): DryRunDto => clone<DryRunDto>(previewProblemsJson),
    solutions: (): SolutionDto[] => clone<SolutionDto[]>(solutionsSearchJson)
};

/** One macrotask: every chained microtask (Apex promise, re-render, renderedCallback) has run by then. */
async function flushPromises(): Promise<void> {
    await new Promise<void>((resolve) => {
        setTimeout(resolve, 0);
    });
}

function shadow(element: HTMLElement): ShadowRoot {
    return element.shadowRoot!;
}

function q<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T | null {
    return shadow(element).querySelector<T>(selector);
}

function qa(element: HTMLElement, selector: string): HTMLElement[] {
    return Array.from(shadow(element).querySelectorAll<HTMLElement>(selector));
}

function text(element: HTMLElement, selector: string): string {
    return q(element, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function button(element: HTMLElement, dataId: string): HTMLElement & { disabled?: boolean; label?: string } {
    const found = q<HTMLElement & { disabled?: boolean }>(element, `[data-id="${dataId}"]`);
    if (!found) {
        throw new Error(`No element with data-id="${dataId}"`);
    }
    return found;
}

function createCard(props: CardProps = {}): CardElement {
    const element = createElement('c-co-sell-card', { is: CoSellCard }) as unknown as CardElement;
    element.recordId = OPP_ID;
    Object.assign(element, props);
    document.body.appendChild(element as unknown as Node);
    return element;
}

async function renderWith(
    card: CardDto,
    props: CardProps = {}
): Promise<{
    element: HTMLElement;
    toasts: ToastDetail[];
}> {
    const element = createCard(props) as unknown as HTMLElement;
    const toasts: ToastDetail[] = [];
    element.addEventListener('lightning__showtoast', (event) => {
        toasts.push((event as CustomEvent<ToastDetail>).detail);
    });
    getCardAdapter.emit(card);
    await flushPromises();
    return { element, toasts };
}

beforeAll(() => {
    registerSa11yMatcher();
});

beforeEach(() => {
    // Platform defaults: streaming off unless a test turns it on; cache refreshes succeed.
    jest.mocked(isEmpEnabled).mockResolvedValue(false);
    jest.mocked(subscribe).mockResolvedValue({ channel: '/event/CoSellStatusChange__e' });
    jest.mocked(unsubscribe).mockResolvedValue({});
    jest.mocked(refreshApex).mockResolvedValue(undefined);
    jest.mocked(notifyRecordUpdateAvailable).mockResolvedValue(undefined);
});

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    // clear, not reset: the sfdx-lwc-jest stubs (getFieldValue) carry working implementations.
    jest.clearAllMocks();
});

describe('c-co-sell-card: loading, error and empty states', () => {
    it('shows a spinner until the card arrives and asks for the record by id', async () => {
        const element = createCard() as unknown as HTMLElement;
        await flushPromises();

        expect(q(element, '[data-id="loading"] lightning-spinner')).not.toBeNull();
        expect(getCardAdapter.getLastConfig()).toEqual({ opportunityId: OPP_ID });
        await expect(element).toBeAccessible();
    });

    it('shows the load error in plain words', async () => {
        const element = createCard() as unknown as HTMLElement;
        getCardAdapter.error({ message: 'Insufficient access to this opportunity.' });
        await flushPromises();

        const alert = q(element, '[data-id="load-error"]');
        expect(alert?.getAttribute('role')).toBe('alert');
        expect(alert?.textContent).toContain('Insufficient access to this opportunity.');
        expect(q(element, '[data-id="loading"]')).toBeNull();
    });

    it('renders the empty card: not shared, no referral, no solutions, no history, values not set', async () => {
        const { element } = await renderWith(fixtures.empty());

        expect(q(element, '[data-id="status"]')?.dataset.status).toBe('NotShared');
        expect(text(element, '[data-id="status-label"]')).toBe('c.CoSell_Card_Status_NotShared');
        expect(q(element, '[data-id="referral-id"]')).toBeNull();
        expect(text(element, '[data-id="pc-status"]')).toBe('c.CoSell_Card_NotSet');
        expect(text(element, '[data-id="no-solutions"]')).toBe('c.CoSell_Card_NoSolutions');
        expect(text(element, '[data-id="timeline-empty"]')).toBe('c.CoSell_Card_TimelineEmpty');
        expect(text(element, '[data-id="deal-value"]')).toBe('c.CoSell_Card_NotSet');
        expect(text(element, '[data-id="close-date"]')).toBe('c.CoSell_Card_NotSet');
        expect(text(element, '[data-id="currency"]')).toBe('c.CoSell_Card_NotSet');
        await expect(element).toBeAccessible();
    });
});

describe('c-co-sell-card: each sync status', () => {
    const cases: [string, () => CardDto, string, string[]][] = [
        ['NotShared', fixtures.notShared, 'utility:share', ['share']],
        ['Pending', fixtures.pending, 'utility:clock', ['sync-now']],
        ['Synced', fixtures.synced, 'utility:success', ['sync-now']],
        ['Error', fixtures.error, 'utility:error', ['retry', 'sync-now']],
        ['Conflict', fixtures.conflict, 'utility:warning', ['resolve-conflict', 'sync-now']],
        ['AuthBlocked', fixtures.authBlocked, 'utility:lock', ['retry', 'sync-now']]
    ];

    it.each(cases)('%s: icon, label, help and only the allowed actions', async (status, fixture, icon, actions) => {
        const { element } = await renderWith(fixture());

        const region = q(element, '[data-id="status"]');
        expect(region?.dataset.status).toBe(status);
        expect(region?.getAttribute('aria-live')).toBe('polite');
        expect(q<HTMLElement & { iconName: string }>(element, '[data-id="status"] lightning-icon')?.iconName).toBe(
            icon
        );
        expect(text(element, '[data-id="status-label"]')).toBe(`c.CoSell_Card_Status_${status}`);
        expect(text(element, '[data-id="status-help"]')).toBe(`c.CoSell_Card_StatusHelp_${status}`);

        const shown = qa(element, '[data-id="actions"] lightning-button').map((el) => el.dataset.id);
        expect(shown).toEqual(actions);
        expect(q(element, '[data-id="actions"]') === null).toBe(actions.length === 0);
        await expect(element).toBeAccessible();
    });

    it('shows the last error in plain words when the sync failed', async () => {
        const { element } = await renderWith(fixtures.error());

        expect(text(element, '[data-id="last-error"]')).toContain(
            'Partner Center rejected the customer country: use a 2-letter code such as US or DE.'
        );
    });

    it('renders Partner Center and audit text containing markup as plain text, never as HTML', async () => {
        const markup = '<img src="x" onerror="window.__injected = 1"><script>window.__injected = 2</script><b>bold</b>';
        const card = fixtures.error();
        card.lastError = `Rejected: ${markup}`;
        card.timeline[0]!.message = markup;
        card.timeline[0]!.fieldChanges = [{ field: 'Description', before: markup, after: '<i>after</i>' }];
        const { element } = await renderWith(card);
        getObjectInfoAdapter.emit(OPPORTUNITY_INFO);
        await flushPromises();

        expect(text(element, '[data-id="last-error"]')).toContain(markup);
        expect(qa(element, '[data-id="timeline"] > li')[0]!.textContent).toContain(markup);
        for (const tag of ['img', 'script', 'b', 'i']) {
            expect(qa(element, `[data-id="last-error"] ${tag}, [data-id="timeline"] ${tag}`)).toHaveLength(0);
        }
        expect((window as unknown as { __injected?: number }).__injected).toBeUndefined();
    });

    it('hides a stale last error once the record is in sync', async () => {
        const card = fixtures.synced();
        card.lastError = 'An old problem';
        const { element } = await renderWith(card);

        expect(q(element, '[data-id="last-error"]')).toBeNull();
    });

    it('shows the referral id, link, direction and Partner Center status', async () => {
        const { element } = await renderWith(fixtures.synced());

        expect(text(element, '[data-id="referral-id"]')).toContain('a1b2c3d4-0000-4000-8000-000000000001');
        const link = q<HTMLElement & { value: string }>(element, '[data-id="referral-link"]');
        expect(link?.value).toBe(
            'https://partner.microsoft.com/dashboard/referrals/v2/leads/a1b2c3d4-0000-4000-8000-000000000001'
        );
        expect(text(element, '[data-id="direction"]')).toBe('c.CoSell_Card_Direction_Outgoing');
        expect(text(element, '[data-id="pc-status"]')).toBe('Active');
        expect(text(element, '[data-id="pc-substatus"]')).toBe('Accepted');
    });

    it('shows deal value, currency and close date as they will be sent', async () => {
        const { element } = await renderWith(fixtures.synced());

        expect(
            q<HTMLElement & { value: number }>(element, '[data-id="deal-value"] lightning-formatted-number')?.value
        ).toBe(250000);
        expect(text(element, '[data-id="currency"]')).toBe('USD');
        expect(
            q<HTMLElement & { value: string }>(element, '[data-id="close-date"] lightning-formatted-date-time')?.value
        ).toBe('2026-12-31');
    });

    it('lists the audit timeline with field changes, limited to timelineSize', async () => {
        const { element } = await renderWith(fixtures.synced(), { timelineSize: 2 });
        getObjectInfoAdapter.emit(OPPORTUNITY_INFO);
        await flushPromises();

        const entries = qa(element, '[data-id="timeline"] > li');
        expect(entries).toHaveLength(2);
        expect(entries[0]!.dataset.outcome).toBe('Success');
        expect(entries[0]!.textContent).toContain('c.CoSell_Card_Timeline_Inbound: Webhook');
        expect(entries[0]!.textContent).toContain('Partner Center Substatus');
        expect(entries[0]!.textContent).toContain('Pending');
        expect(entries[0]!.textContent).toContain('Accepted');
        expect(entries[1]!.textContent).toContain('c.CoSell_Card_Timeline_Outbound: Create');
        expect(entries[1]!.textContent).toContain('—');
    });

    it('shows how long an incoming referral has before it expires', async () => {
        const card = fixtures.incoming();
        card.expiresAt = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000 + 60000).toISOString();
        const { element } = await renderWith(card);

        const expiry = q(element, '[data-id="expiry"]');
        expect(expiry?.textContent).toContain('c.CoSell_Card_ExpiresIn');
        expect(expiry?.className).toContain('slds-theme_warning');
        expect(text(element, '[data-id="direction"]')).toBe('c.CoSell_Card_Direction_Incoming');
    });

    it('says when an incoming referral has expired', async () => {
        const card = fixtures.incoming();
        card.expiresAt = new Date(Date.now() - 60000).toISOString();
        const { element } = await renderWith(card);

        expect(text(element, '[data-id="expiry"]')).toContain('c.CoSell_Card_Expired');
    });
});

describe('c-co-sell-card: read-only users', () => {
    it('shows no actions, no solution editing and a disabled help combobox when canEdit is false', async () => {
        const { element } = await renderWith(fixtures.readOnly());

        expect(text(element, '[data-id="read-only"]')).toBe('c.CoSell_Card_ReadOnly');
        expect(q(element, '[data-id="actions"]')).toBeNull();
        expect(q(element, '[data-id="solution-search"]')).toBeNull();
        expect(q(element, '[data-id="remove-solution"]')).toBeNull();
        const help = q<HTMLElement & { disabled: boolean; readOnly: boolean }>(element, '[data-id="help"]');
        expect(help?.disabled).toBe(true);
        expect(help?.readOnly).toBe(true);
        await expect(element).toBeAccessible();
    });
});

describe('c-co-sell-card: share with Microsoft', () => {
    it('shows the pre-flight panel with the payload, focuses it, and shares on confirm', async () => {
        const { element, toasts } = await renderWith(fixtures.notShared());
        jest.mocked(previewShare).mockResolvedValue(fixtures.previewOk());
        jest.mocked(share).mockResolvedValue(fixtures.pending());

        button(element, 'share').click();
        await flushPromises();

        expect(jest.mocked(previewShare)).toHaveBeenCalledWith({ opportunityId: OPP_ID });
        expect(text(element, '[data-id="share-ready"]')).toBe('c.CoSell_Card_Share_Ready');
        expect(text(element, '[data-id="share-payload"]')).toContain('"assistanceRequestCode": "ProofOfConceptOrDemo"');
        expect(shadow(element).activeElement?.getAttribute('data-focus')).toBe('panel-share');
        expect(button(element, 'share').disabled).toBe(true);
        expect(button(element, 'share-confirm').disabled).toBe(false);
        await expect(element).toBeAccessible();

        button(element, 'share-confirm').click();
        await flushPromises();

        expect(jest.mocked(share)).toHaveBeenCalledWith({ opportunityId: OPP_ID, helpNeeded: 'ProofOfConceptOrDemo' });
        expect(q(element, '[data-id="share-panel"]')).toBeNull();
        expect(q(element, '[data-id="status"]')?.dataset.status).toBe('Pending');
        expect(toasts).toEqual([
            { title: 'c.CoSell_Common_Success', message: 'c.CoSell_Card_Shared', variant: 'success' }
        ]);
        expect(text(element, '[data-id="announcer"]')).toBe('c.CoSell_Card_Shared');
        expect(jest.mocked(refreshApex)).toHaveBeenCalled();
        expect(jest.mocked(notifyRecordUpdateAvailable)).toHaveBeenCalledWith([{ recordId: OPP_ID }]);
    });

    it('lists the problems and blocks sharing when the pre-flight fails', async () => {
        const { element } = await renderWith(fixtures.notShared());
        jest.mocked(previewShare).mockResolvedValue(fixtures.previewProblems());

        button(element, 'share').click();
        await flushPromises();

        const problems = qa(element, '[data-id="share-problems"] li').map((li) => li.textContent?.trim());
        expect(problems).toEqual([
            'Microsoft solutions: Add at least one Microsoft solution.',
            'Customer country: Use a 2-letter country code such as US or DE.'
        ]);
        expect(button(element, 'share-confirm').disabled).toBe(true);
        expect(jest.mocked(share)).not.toHaveBeenCalled();
    });

    it('reports a failed pre-flight call', async () => {
        const { element, toasts } = await renderWith(fixtures.notShared());
        jest.mocked(previewShare).mockRejectedValue(APEX_ERROR);

        button(element, 'share').click();
        await flushPromises();

        expect(q(element, '[data-id="share-panel"]')).toBeNull();
        expect(text(element, '[data-id="action-error"]')).toBe('Partner Center is unavailable.');
        expect(toasts[0]).toMatchObject({ title: 'c.CoSell_Card_PreviewFailed', variant: 'error' });
    });

    it('keeps the panel open and explains why when sharing fails', async () => {
        const { element, toasts } = await renderWith(fixtures.notShared());
        jest.mocked(previewShare).mockResolvedValue(fixtures.previewOk());
        jest.mocked(share).mockRejectedValue(APEX_ERROR);

        button(element, 'share').click();
        await flushPromises();
        button(element, 'share-confirm').click();
        await flushPromises();

        expect(q(element, '[data-id="share-panel"]')).not.toBeNull();
        expect(q(element, '[data-id="action-error"]')?.getAttribute('role')).toBe('alert');
        expect(text(element, '[data-id="action-error"]')).toBe('Partner Center is unavailable.');
        expect(toasts[0]).toMatchObject({
            title: 'c.CoSell_Card_ShareFailed',
            message: 'Partner Center is unavailable.',
            variant: 'error'
        });
        expect(q(element, '[data-id="status"]')?.dataset.status).toBe('NotShared');
    });

    it('closes the panel on Escape and returns focus to the share button', async () => {
        const { element } = await renderWith(fixtures.notShared());
        jest.mocked(previewShare).mockResolvedValue(fixtures.previewOk());
        const opener = button(element, 'share');
        const focus = jest.spyOn(opener, 'focus');
        opener.click();
        await flushPromises();

        q(element, '[data-id="share-panel"]')?.dispatchEvent(
            new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })
        );
        await flushPromises();

        expect(q(element, '[data-id="share-panel"]')).toBeNull();
        // lightning-button is a stub in Jest; in the browser its focus() moves focus to the inner <button>.
        expect(focus).toHaveBeenCalled();
    });
});

describe('c-co-sell-card: simple actions', () => {
    const cases: [string, () => CardDto, string, () => jest.Mock, string, string][] = [
        ['sync now', fixtures.synced, 'sync-now', () => jest.mocked(syncNow), 'SyncQueued', 'SyncFailed'],
        ['retry', fixtures.error, 'retry', () => jest.mocked(retry), 'RetryQueued', 'RetryFailed'],
        ['accept', fixtures.incoming, 'accept', () => jest.mocked(accept), 'Accepted', 'AcceptFailed']
    ];

    it.each(cases)('%s: success shows the returned card and a toast', async (_name, fixture, id, mock, ok) => {
        const { element, toasts } = await renderWith(fixture());
        const updated = fixtures.pending();
        mock().mockResolvedValue(updated);

        button(element, id).click();
        await flushPromises();

        expect(mock()).toHaveBeenCalledWith({ opportunityId: OPP_ID });
        expect(q(element, '[data-id="status"]')?.dataset.status).toBe('Pending');
        expect(toasts).toEqual([
            { title: 'c.CoSell_Common_Success', message: `c.CoSell_Card_${ok}`, variant: 'success' }
        ]);
        expect(shadow(element).activeElement?.getAttribute('data-id')).toBe('status');
    });

    it.each(cases)('%s: failure keeps the card and explains the error', async (_name, fixture, id, mock, _ok, fail) => {
        const { element, toasts } = await renderWith(fixture());
        const before = q(element, '[data-id="status"]')?.dataset.status;
        mock().mockRejectedValue(APEX_ERROR);

        button(element, id).click();
        await flushPromises();

        expect(q(element, '[data-id="status"]')?.dataset.status).toBe(before);
        expect(text(element, '[data-id="action-error"]')).toBe('Partner Center is unavailable.');
        expect(toasts[0]).toMatchObject({ title: `c.CoSell_Card_${fail}`, variant: 'error' });
        expect(button(element, id).disabled).toBe(false);
    });
});

describe('c-co-sell-card: decline with a reason', () => {
    async function openDecline(): Promise<{ element: HTMLElement; toasts: ToastDetail[] }> {
        const rendered = await renderWith(fixtures.incoming());
        button(rendered.element, 'decline').click();
        await flushPromises();
        return rendered;
    }

    function typeReason(element: HTMLElement, value: string): void {
        q(element, '[data-id="decline-reason"]')?.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    }

    it('requires a reason before declining', async () => {
        const { element } = await openDecline();
        const textarea = q<HTMLElement & { setCustomValidity: jest.Mock; reportValidity: jest.Mock }>(
            element,
            '[data-id="decline-reason"]'
        )!;
        textarea.setCustomValidity = jest.fn();
        textarea.reportValidity = jest.fn();

        expect(shadow(element).activeElement?.getAttribute('data-focus')).toBe('panel-decline');
        button(element, 'decline-confirm').click();
        await flushPromises();

        expect(jest.mocked(decline)).not.toHaveBeenCalled();
        expect(textarea.setCustomValidity).toHaveBeenCalledWith('c.CoSell_Card_Decline_ReasonRequired');
        expect(textarea.reportValidity).toHaveBeenCalled();
        expect(text(element, '[data-id="action-error"]')).toBe('c.CoSell_Card_Decline_ReasonRequired');
    });

    it('declines with the trimmed reason', async () => {
        const { element, toasts } = await openDecline();
        const declined = fixtures.incoming();
        declined.substatus = 'Declined';
        declined.statusReason = 'Customer chose another partner';
        declined.allowedActions = [];
        jest.mocked(decline).mockResolvedValue(declined);

        typeReason(element, '  Customer chose another partner  ');
        button(element, 'decline-confirm').click();
        await flushPromises();

        expect(jest.mocked(decline)).toHaveBeenCalledWith({
            opportunityId: OPP_ID,
            reason: 'Customer chose another partner'
        });
        expect(q(element, '[data-id="decline-panel"]')).toBeNull();
        expect(text(element, '[data-id="pc-substatus"]')).toBe('Declined');
        expect(text(element, '[data-id="status-reason"]')).toBe('Customer chose another partner');
        expect(q(element, '[data-id="actions"]')).toBeNull();
        expect(toasts[0]).toMatchObject({ message: 'c.CoSell_Card_Declined', variant: 'success' });
    });

    it('keeps the form and the reason when declining fails', async () => {
        const { element, toasts } = await openDecline();
        jest.mocked(decline).mockRejectedValue(APEX_ERROR);

        typeReason(element, 'No capacity');
        button(element, 'decline-confirm').click();
        await flushPromises();

        expect(q<HTMLElement & { value: string }>(element, '[data-id="decline-reason"]')?.value).toBe('No capacity');
        expect(toasts[0]).toMatchObject({ title: 'c.CoSell_Card_DeclineFailed', variant: 'error' });
    });

    it('cancel closes the form and returns focus to the decline button', async () => {
        const { element } = await openDecline();
        const focus = jest.spyOn(button(element, 'decline'), 'focus');

        button(element, 'decline-cancel').click();
        await flushPromises();

        expect(q(element, '[data-id="decline-panel"]')).toBeNull();
        expect(focus).toHaveBeenCalled();
    });
});

describe('c-co-sell-card: resolve a conflict', () => {
    it('shows both values side by side, with field labels', async () => {
        const { element } = await renderWith(fixtures.conflict());
        getObjectInfoAdapter.emit(OPPORTUNITY_INFO);
        button(element, 'resolve-conflict').click();
        await flushPromises();

        const rows = qa(element, '[data-id="conflict-diff"] tbody tr').map((row) =>
            Array.from(row.children).map((cell) => cell.textContent?.trim())
        );
        expect(rows).toEqual([
            ['Close Date', '2026-12-31', '2027-01-15'],
            ['Amount', '250000', '275000']
        ]);
        await expect(element).toBeAccessible();
    });

    it('falls back to API names when field labels are unavailable', async () => {
        const { element } = await renderWith(fixtures.conflict());
        getObjectInfoAdapter.error();
        button(element, 'resolve-conflict').click();
        await flushPromises();

        expect(text(element, '[data-id="conflict-diff"] tbody th')).toBe('CloseDate');
    });

    it.each([
        ['keep-ours', 'KeepOurs'],
        ['take-theirs', 'TakeTheirs']
    ])('%s sends %s and shows the synced card', async (id, resolution) => {
        const { element, toasts } = await renderWith(fixtures.conflict());
        jest.mocked(resolveConflict).mockResolvedValue(fixtures.synced());
        button(element, 'resolve-conflict').click();
        await flushPromises();

        button(element, id).click();
        await flushPromises();

        expect(jest.mocked(resolveConflict)).toHaveBeenCalledWith({ opportunityId: OPP_ID, resolution });
        expect(q(element, '[data-id="status"]')?.dataset.status).toBe('Synced');
        expect(toasts[0]).toMatchObject({ message: 'c.CoSell_Card_ConflictResolved', variant: 'success' });
    });

    it('explains a failed resolution and keeps the choice open', async () => {
        const { element, toasts } = await renderWith(fixtures.conflict());
        jest.mocked(resolveConflict).mockRejectedValue(APEX_ERROR);
        button(element, 'resolve-conflict').click();
        await flushPromises();

        button(element, 'take-theirs').click();
        await flushPromises();

        expect(q(element, '[data-id="conflict-panel"]')).not.toBeNull();
        expect(toasts[0]).toMatchObject({ title: 'c.CoSell_Card_ConflictFailed', variant: 'error' });
    });

    it('says so when the differing fields were not recorded', async () => {
        const card = fixtures.conflict();
        card.timeline = [];
        const { element } = await renderWith(card);
        button(element, 'resolve-conflict').click();
        await flushPromises();

        expect(q(element, '[data-id="conflict-diff"]')).toBeNull();
        expect(q(element, '[data-id="conflict-panel"]')?.textContent).toContain('c.CoSell_Card_Conflict_NoDetail');
    });
});

describe('c-co-sell-card: how can Microsoft help', () => {
    it('offers "no help" plus the picklist values and saves a change', async () => {
        const { element, toasts } = await renderWith(fixtures.notShared());
        const updated = fixtures.notShared();
        updated.helpNeeded = 'QuotesOrLicensing';
        jest.mocked(saveHelpNeeded).mockResolvedValue(updated);
        const combobox = q<HTMLElement & { options: { value: string }[]; value: string }>(element, '[data-id="help"]')!;

        expect(combobox.options.map((option) => option.value)).toEqual([
            '',
            'WorkloadSpecificValueProposition',
            'CustomerTechnicalArchitecture',
            'ProofOfConceptOrDemo',
            'QuotesOrLicensing',
            'PostSalesCustomerSuccess',
            'GeneralOrOther'
        ]);
        expect(combobox.value).toBe('ProofOfConceptOrDemo');

        combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'QuotesOrLicensing' } }));
        await flushPromises();

        expect(jest.mocked(saveHelpNeeded)).toHaveBeenCalledWith({
            opportunityId: OPP_ID,
            helpNeeded: 'QuotesOrLicensing'
        });
        expect(combobox.value).toBe('QuotesOrLicensing');
        expect(toasts[0]).toMatchObject({ message: 'c.CoSell_Card_HelpSaved' });
    });

    it('sends null for "no help needed" and reports a failed save', async () => {
        const { element, toasts } = await renderWith(fixtures.notShared());
        jest.mocked(saveHelpNeeded).mockRejectedValue(APEX_ERROR);

        q(element, '[data-id="help"]')?.dispatchEvent(new CustomEvent('change', { detail: { value: '' } }));
        await flushPromises();

        expect(jest.mocked(saveHelpNeeded)).toHaveBeenCalledWith({ opportunityId: OPP_ID, helpNeeded: null });
        expect(toasts[0]).toMatchObject({ title: 'c.CoSell_Card_HelpSaveFailed', variant: 'error' });
    });
});

describe('c-co-sell-card: Microsoft solutions', () => {
    function search(element: HTMLElement, term: string): void {
        q(element, '[data-id="solution-search"]')?.dispatchEvent(
            new CustomEvent('change', { detail: { value: term } })
        );
    }

    it('searches, hides solutions already attached, and adds the chosen one', async () => {
        const { element, toasts } = await renderWith(fixtures.notShared());
        jest.mocked(searchSolutions).mockResolvedValue(fixtures.solutions());
        const updated = fixtures.notShared();
        updated.solutions.push({
            recordId: 'a01000000000009AAA',
            solutionId: 'SOL-SEC-003',
            name: 'Contoso Zero Trust Assessment',
            type: 'IpCoSellReadySolution'
        });
        jest.mocked(addSolution).mockResolvedValue(updated);

        search(element, 'contoso');
        await flushPromises();
        q(element, '[data-id="solution-search"]')?.dispatchEvent(
            new KeyboardEvent('keyup', { key: 'Enter', bubbles: true })
        );
        await flushPromises();

        expect(jest.mocked(searchSolutions)).toHaveBeenCalledWith({ term: 'contoso' });
        const results = qa(element, '[data-id="add-solution"]');
        expect(results.map((el) => el.dataset.solutionId)).toEqual(['SOL-SEC-003']);

        results[0]!.click();
        await flushPromises();

        expect(jest.mocked(addSolution)).toHaveBeenCalledWith({
            opportunityId: OPP_ID,
            solutionId: 'SOL-SEC-003',
            solutionName: 'Contoso Zero Trust Assessment',
            solutionType: 'IpCoSellReadySolution'
        });
        expect(qa(element, '[data-id="solutions"] li')).toHaveLength(2);
        expect(q(element, '[data-id="search-results"]')).toBeNull();
        expect(toasts[0]).toMatchObject({ message: 'c.CoSell_Card_SolutionAdded' });
    });

    it('offers to add a typed id that nobody has used yet', async () => {
        const { element } = await renderWith(fixtures.empty());
        jest.mocked(searchSolutions).mockResolvedValue([]);
        jest.mocked(addSolution).mockResolvedValue(fixtures.notShared());

        search(element, 'SOL-NEW-777');
        await flushPromises();
        button(element, 'solution-search-button').click();
        await flushPromises();

        expect(text(element, '[data-id="no-results"]')).toBe('c.CoSell_Card_NoSolutionsFound');
        button(element, 'add-typed-solution').click();
        await flushPromises();

        expect(jest.mocked(addSolution)).toHaveBeenCalledWith({
            opportunityId: OPP_ID,
            solutionId: 'SOL-NEW-777',
            solutionName: 'SOL-NEW-777',
            solutionType: null
        });
    });

    it('removes a solution by its record id', async () => {
        const { element, toasts } = await renderWith(fixtures.notShared());
        jest.mocked(removeSolution).mockResolvedValue(fixtures.empty());
        const remove = button(element, 'remove-solution');

        expect(remove.getAttribute('title')).toBe('c.CoSell_Card_RemoveSolution');
        remove.click();
        await flushPromises();

        expect(jest.mocked(removeSolution)).toHaveBeenCalledWith({
            opportunityId: OPP_ID,
            solutionRecordId: 'a01000000000001AAA'
        });
        expect(q(element, '[data-id="no-solutions"]')).not.toBeNull();
        expect(toasts[0]).toMatchObject({ message: 'c.CoSell_Card_SolutionRemoved' });
    });

    it('reports search and change failures', async () => {
        const { element, toasts } = await renderWith(fixtures.notShared());
        jest.mocked(searchSolutions).mockRejectedValue(APEX_ERROR);
        jest.mocked(removeSolution).mockRejectedValue(APEX_ERROR);

        search(element, 'x');
        await flushPromises();
        button(element, 'solution-search-button').click();
        await flushPromises();
        button(element, 'remove-solution').click();
        await flushPromises();

        expect(toasts.map((toast) => toast.title)).toEqual([
            'c.CoSell_Card_SearchFailed',
            'c.CoSell_Card_SolutionFailed'
        ]);
        expect(qa(element, '[data-id="solutions"] li')).toHaveLength(1);
    });
});

describe('c-co-sell-card: live refresh', () => {
    type Handler = (message: {
        channel: string;
        data: { event: { replayId: number }; payload: Record<string, unknown> };
    }) => void;

    function subscribedHandler(): Handler {
        const call = jest.mocked(subscribe).mock.calls[0];
        if (!call) {
            throw new Error('subscribe was not called');
        }
        return call[2];
    }

    it('subscribes to the status channel and refreshes only for this record', async () => {
        jest.mocked(isEmpEnabled).mockResolvedValue(true);
        jest.mocked(subscribe).mockResolvedValue({ channel: '/event/CoSellStatusChange__e', id: 'sub-1' });
        const { element } = await renderWith(fixtures.pending());

        expect(jest.mocked(onError)).toHaveBeenCalled();
        expect(jest.mocked(subscribe).mock.calls[0]![0]).toBe('/event/CoSellStatusChange__e');
        expect(jest.mocked(subscribe).mock.calls[0]![1]).toBe(-1);

        subscribedHandler()({
            channel: '/event/CoSellStatusChange__e',
            data: {
                event: { replayId: 1 },
                payload: { OpportunityId__c: '006000000000002AAA', SyncStatus__c: 'Synced' }
            }
        });
        await flushPromises();
        expect(jest.mocked(refreshApex)).not.toHaveBeenCalled();

        subscribedHandler()({
            channel: '/event/CoSellStatusChange__e',
            data: { event: { replayId: 2 }, payload: { OpportunityId__c: '006000000000001', SyncStatus__c: 'Synced' } }
        });
        await flushPromises();
        expect(jest.mocked(refreshApex)).toHaveBeenCalledTimes(1);
        expect(jest.mocked(notifyRecordUpdateAvailable)).toHaveBeenCalledWith([{ recordId: OPP_ID }]);
        expect(text(element, '[data-id="announcer"]')).toBe('c.CoSell_Card_Updated');

        document.body.removeChild(element);
        expect(jest.mocked(unsubscribe)).toHaveBeenCalledWith({ channel: '/event/CoSellStatusChange__e', id: 'sub-1' });
    });

    it('says live updates are off when empApi is unavailable', async () => {
        jest.mocked(isEmpEnabled).mockResolvedValue(false);
        const { element } = await renderWith(fixtures.synced());

        expect(jest.mocked(subscribe)).not.toHaveBeenCalled();
        expect(text(element, '[data-id="live-off"]')).toBe('c.CoSell_Card_LiveOff');
    });

    it('says live updates are off when the streaming connection reports an error', async () => {
        jest.mocked(isEmpEnabled).mockResolvedValue(true);
        jest.mocked(subscribe).mockResolvedValue({ channel: '/event/CoSellStatusChange__e' });
        const { element } = await renderWith(fixtures.synced());

        const errorCallback = jest.mocked(onError).mock.calls[0]![0];
        errorCallback({ error: 'handshake failed' });
        await flushPromises();

        expect(q(element, '[data-id="live-off"]')).not.toBeNull();
    });

    it('does not subscribe when live refresh is turned off in the page builder', async () => {
        jest.mocked(isEmpEnabled).mockResolvedValue(true);
        await renderWith(fixtures.synced(), { disableLiveRefresh: true });

        expect(jest.mocked(isEmpEnabled)).not.toHaveBeenCalled();
        expect(jest.mocked(subscribe)).not.toHaveBeenCalled();
    });

    it('re-reads the card when the Opportunity record changes, and on Refresh', async () => {
        const { element } = await renderWith(fixtures.synced());

        getRecordAdapter.emit({ id: OPP_ID, fields: { LastModifiedDate: { value: '2026-11-24T18:00:00.000Z' } } });
        await flushPromises();
        expect(jest.mocked(refreshApex)).not.toHaveBeenCalled();

        getRecordAdapter.emit({ id: OPP_ID, fields: { LastModifiedDate: { value: '2026-11-24T18:10:00.000Z' } } });
        await flushPromises();
        expect(jest.mocked(refreshApex)).toHaveBeenCalledTimes(1);

        button(element, 'refresh').click();
        await flushPromises();
        expect(jest.mocked(refreshApex)).toHaveBeenCalledTimes(2);
    });
});
