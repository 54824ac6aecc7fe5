import { createElement } from 'lwc';
import { registerSa11yMatcher } from '@sa11y/jest';
import CoSellSetup from 'c/coSellSetup';
import { BACKFILL_POLL_MS, FAILURES_PAGE } from 'c/coSellSetup';
import getSetupStatus from '@salesforce/apex/CoSellSetupController.getSetupStatus';
import testConnection from '@salesforce/apex/CoSellSetupController.testConnection';
import registerWebhooks from '@salesforce/apex/CoSellSetupController.registerWebhooks';
import startBackfill from '@salesforce/apex/CoSellSetupController.startBackfill';
import getBackfillStatus from '@salesforce/apex/CoSellSetupController.getBackfillStatus';
import getHealth from '@salesforce/apex/CoSellSetupController.getHealth';
import replayDeadLetter from '@salesforce/apex/CoSellSetupController.replayDeadLetter';
import getMappings from '@salesforce/apex/CoSellSetupController.getMappings';
import dryRun from '@salesforce/apex/CoSellSetupController.dryRun';
import type {
    BackfillStatusDto,
    ConnectionResultDto,
    DryRunDto,
    HealthDto,
    MappingDto,
    RegistrationResultDto,
    SetupStatusDto
} from 'c/coSellService';
import statusInProgressJson from './data/status-in-progress.json';
import statusReadOnlyJson from './data/status-read-only.json';
import statusDoneJson from './data/status-done.json';
import healthOkJson from './data/health-ok.json';
import healthDeadLettersJson from './data/health-dead-letters.json';
import mappingsJson from './data/mappings.json';
import backfillNotStartedJson from './data/backfill-not-started.json';
import backfillRunningJson from './data/backfill-running.json';
import backfillRunning2Json from './data/backfill-running-2.json';
import backfillCompletedJson from './data/backfill-completed.json';
import backfillFailedJson from './data/backfill-failed.json';
import registrationOverwriteJson from './data/registration-overwrite.json';
import registrationOkJson from './data/registration-ok.json';
import connectionOkJson from './data/connection-ok.json';
import connectionFailedJson from './data/connection-failed.json';
import dryRunJson from './data/dry-run.json';

jest.mock('@salesforce/apex/CoSellSetupController.getSetupStatus', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellSetupController.testConnection', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellSetupController.registerWebhooks', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellSetupController.startBackfill', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellSetupController.getBackfillStatus', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CoSellSetupController.getHealth', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellSetupController.replayDeadLetter', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellSetupController.getMappings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CoSellSetupController.dryRun', () => ({ default: jest.fn() }), { virtual: true });
// The navigation service, recording what the component asks of it (sfdx-lwc-jest's stub records nothing).
jest.mock('lightning/navigation', () => {
    const Navigate = Symbol('Navigate');
    const GenerateUrl = Symbol('GenerateUrl');
    const navigate = jest.fn();
    const generateUrl = jest.fn(
        (pageReference: { attributes: Record<string, string>; state?: Record<string, string> }) =>
            Promise.resolve(
                `/lightning/o/${pageReference.attributes.objectApiName}/list?filterName=${pageReference.state?.filterName}`
            )
    );
    const NavigationMixin = Object.assign(
        (Base: new () => object) =>
            class extends Base {
                [Navigate](pageReference: unknown, replace?: boolean): void {
                    navigate(pageReference, replace);
                }
                [GenerateUrl](pageReference: { attributes: Record<string, string> }): Promise<string> {
                    return generateUrl(pageReference);
                }
            },
        { Navigate, GenerateUrl }
    );
    return { NavigationMixin, navigate, generateUrl };
});

const navigation = jest.requireMock<{ navigate: jest.Mock; generateUrl: jest.Mock }>('lightning/navigation');
const FAILURES_URL = '/lightning/o/CoSellSyncLog__c/list?filterName=FailedSinceYesterday';

type ToastDetail = { title: string; message: string; variant: string };

const APEX_ERROR = { body: { message: 'Insufficient privileges: CoSellManageSetup is required.' }, status: 403 };

function clone<T>(value: unknown): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

const fixtures = {
    statusInProgress: (): SetupStatusDto => clone<SetupStatusDto>(statusInProgressJson),
    statusReadOnly: (): SetupStatusDto => clone<SetupStatusDto>(statusReadOnlyJson),
    statusDone: (): SetupStatusDto => clone<SetupStatusDto>(statusDoneJson),
    healthOk: (): HealthDto => clone<HealthDto>(healthOkJson),
    healthDeadLetters: (): HealthDto => clone<HealthDto>(healthDeadLettersJson),
    mappings: (): MappingDto[] => clone<MappingDto[]>(mappingsJson),
    backfillNotStarted: (): BackfillStatusDto => clone<BackfillStatusDto>(backfillNotStartedJson),
    backfillRunning: (): BackfillStatusDto => clone<BackfillStatusDto>(backfillRunningJson),
    backfillRunning2: (): BackfillStatusDto => clone<BackfillStatusDto>(backfillRunning2Json),
    backfillCompleted: (): BackfillStatusDto => clone<BackfillStatusDto>(backfillCompletedJson),
    backfillFailed: (): BackfillStatusDto => clone<BackfillStatusDto>(backfillFailedJson),
    registrationOverwrite: (): RegistrationResultDto => clone<RegistrationResultDto>(registrationOverwriteJson),
    registrationOk: (): RegistrationResultDto => clone<RegistrationResultDto>(registrationOkJson),
    connectionOk: (): ConnectionResultDto => clone<ConnectionResultDto>(connectionOkJson),
    connectionFailed: (): ConnectionResultDto => clone<ConnectionResultDto>(connectionFailedJson),
    dryRun: (): DryRunDto => clone<DryRunDto>(dryRunJson)
};

/** One macrotask: every chained microtask (Apex promise, re-render, renderedCallback) has run by then. */
async function flushPromises(): Promise<void> {
    await new Promise<void>((resolve) => {
        setTimeout(resolve, 0);
    });
}

/** Promise flushing that works under fake timers. */
async function flushMicrotasks(depth = 30): Promise<void> {
    if (depth > 0) {
        await Promise.resolve();
        await flushMicrotasks(depth - 1);
    }
}

function q<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T | null {
    return element.shadowRoot!.querySelector<T>(selector);
}

function qa(element: HTMLElement, selector: string): HTMLElement[] {
    return Array.from(element.shadowRoot!.querySelectorAll<HTMLElement>(selector));
}

function text(element: HTMLElement, selector: string): string {
    return q(element, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function button(element: HTMLElement, dataId: string): HTMLElement & { disabled?: boolean } {
    const found = q<HTMLElement & { disabled?: boolean }>(element, `[data-id="${dataId}"]`);
    if (!found) {
        throw new Error(`No element with data-id="${dataId}"`);
    }
    return found;
}

function mockLoad(
    options: {
        status?: SetupStatusDto;
        health?: HealthDto;
        mappings?: MappingDto[];
        backfill?: BackfillStatusDto;
    } = {}
): void {
    jest.mocked(getSetupStatus).mockResolvedValue(options.status ?? fixtures.statusInProgress());
    jest.mocked(getHealth).mockResolvedValue(options.health ?? fixtures.healthOk());
    jest.mocked(getMappings).mockResolvedValue(options.mappings ?? fixtures.mappings());
    jest.mocked(getBackfillStatus).mockResolvedValue(options.backfill ?? fixtures.backfillNotStarted());
}

function mount(): { element: HTMLElement; toasts: ToastDetail[] } {
    const element = createElement('c-co-sell-setup', { is: CoSellSetup }) as unknown as HTMLElement;
    const toasts: ToastDetail[] = [];
    element.addEventListener('lightning__showtoast', (event) => {
        toasts.push((event as CustomEvent<ToastDetail>).detail);
    });
    document.body.appendChild(element);
    return { element, toasts };
}

async function render(): Promise<{ element: HTMLElement; toasts: ToastDetail[] }> {
    const mounted = mount();
    await flushPromises();
    return mounted;
}

beforeAll(() => {
    registerSa11yMatcher();
});

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.useRealTimers();
});

describe('c-co-sell-setup: loading and errors', () => {
    it('shows a spinner while loading, then the checklist in order with each step status', async () => {
        mockLoad();
        const { element } = mount();
        expect(q(element, '[data-id="loading"]')).not.toBeNull();
        await flushPromises();

        expect(q(element, '[data-id="loading"]')).toBeNull();
        const steps = qa(element, '[data-id="steps"] > li');
        expect(steps.map((step) => step.dataset.step)).toEqual([
            'credential',
            'permissionSets',
            'guestEndpoint',
            'webhook',
            'mappings'
        ]);
        expect(steps.map((step) => step.dataset.status)).toEqual(['done', 'done', 'done', 'todo', 'error']);
        expect(steps[4]!.textContent).toContain('1 mapping points at a field that does not exist.');
        expect(steps[4]!.textContent).toContain('c.CoSell_Setup_StepError');
        expect(q<HTMLElement & { iconName: string }>(element, '[data-step="mappings"] lightning-icon')?.iconName).toBe(
            'utility:error'
        );
        await expect(element).toBeAccessible();
    });

    it('shows each section error in plain words and still renders the other sections', async () => {
        mockLoad();
        jest.mocked(getSetupStatus).mockRejectedValue({ body: { message: 'Status unavailable.' } });
        jest.mocked(getHealth).mockRejectedValue({ body: { message: 'Health unavailable.' } });
        const { element } = await render();

        expect(text(element, '[data-id="status-error"]')).toContain('Status unavailable.');
        expect(q(element, '[data-id="status-error"]')?.getAttribute('role')).toBe('alert');
        expect(text(element, '[data-id="health-error"]')).toBe('Health unavailable.');
        expect(qa(element, '[data-id="mappings"] tbody tr')).toHaveLength(6);
    });

    it('renders the empty states: no dead letters, no mappings, backfill never run', async () => {
        mockLoad({ mappings: [] });
        const { element } = await render();

        expect(text(element, '[data-id="no-dead-letters"]')).toBe('c.CoSell_Setup_NoDeadLetters');
        expect(text(element, '[data-id="no-mappings"]')).toBe('c.CoSell_Setup_NoMappings');
        expect(q(element, '[data-id="backfill"]')).toBeNull();
        expect(text(element, '[data-id="auth-state"]')).toBe('c.CoSell_Setup_Auth_Ok');
    });

    it('Refresh reloads every section', async () => {
        mockLoad();
        const { element } = await render();
        jest.mocked(getSetupStatus).mockResolvedValue(fixtures.statusDone());

        button(element, 'refresh').click();
        await flushPromises();

        expect(jest.mocked(getSetupStatus)).toHaveBeenCalledTimes(2);
        expect(jest.mocked(getHealth)).toHaveBeenCalledTimes(2);
        expect(jest.mocked(getMappings)).toHaveBeenCalledTimes(2);
        expect(qa(element, '[data-id="steps"] > li').every((step) => step.dataset.status === 'done')).toBe(true);
    });
});

describe('c-co-sell-setup: canManage gating', () => {
    it('disables register, backfill and replay without the permission and says why', async () => {
        mockLoad({ status: fixtures.statusReadOnly(), health: fixtures.healthDeadLetters() });
        const { element } = await render();

        expect(text(element, '[data-id="read-only"]')).toBe('c.CoSell_Setup_ReadOnly');
        expect(button(element, 'register').disabled).toBe(true);
        expect(button(element, 'start-backfill').disabled).toBe(true);
        expect(
            qa(element, '[data-id="replay"]').every((el) => (el as HTMLElement & { disabled: boolean }).disabled)
        ).toBe(true);
        // Diagnostics stay available to everyone.
        expect(button(element, 'test-connection').disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('enables them for admins', async () => {
        mockLoad();
        const { element } = await render();

        expect(q(element, '[data-id="read-only"]')).toBeNull();
        expect(button(element, 'register').disabled).toBe(false);
        expect(button(element, 'start-backfill').disabled).toBe(false);
    });
});

describe('c-co-sell-setup: connection test', () => {
    it('shows a successful result and refreshes the checklist', async () => {
        mockLoad();
        const { element } = await render();
        jest.mocked(testConnection).mockResolvedValue(fixtures.connectionOk());

        button(element, 'test-connection').click();
        await flushPromises();

        const result = q(element, '[data-id="connection-result"]');
        expect(result?.textContent).toBe('c.CoSell_Setup_ConnectionOk');
        expect(result?.className).toContain('slds-text-color_success');
        expect(jest.mocked(getSetupStatus)).toHaveBeenCalledTimes(2);
    });

    it('shows a failed result as an error', async () => {
        mockLoad();
        const { element } = await render();
        jest.mocked(testConnection).mockResolvedValue(fixtures.connectionFailed());

        button(element, 'test-connection').click();
        await flushPromises();

        expect(q(element, '[data-id="connection-result"]')?.className).toContain('slds-text-color_error');
    });

    it('toasts when the call itself fails', async () => {
        mockLoad();
        const { element, toasts } = await render();
        jest.mocked(testConnection).mockRejectedValue(APEX_ERROR);

        button(element, 'test-connection').click();
        await flushPromises();

        expect(q(element, '[data-id="connection-result"]')).toBeNull();
        expect(toasts[0]).toMatchObject({
            title: 'c.CoSell_Setup_TestFailed',
            message: 'Insufficient privileges: CoSellManageSetup is required.',
            variant: 'error'
        });
    });
});

describe('c-co-sell-setup: webhook registration', () => {
    it('registers directly when nothing else owns the webhooks', async () => {
        mockLoad();
        const { element, toasts } = await render();
        jest.mocked(registerWebhooks).mockResolvedValue(fixtures.registrationOk());

        button(element, 'register').click();
        await flushPromises();

        expect(jest.mocked(registerWebhooks)).toHaveBeenCalledWith({ overwrite: false });
        expect(text(element, '[data-id="registration-result"]')).toBe('c.CoSell_Setup_Registered');
        expect(toasts[0]).toMatchObject({ variant: 'success' });
        expect(jest.mocked(getSetupStatus)).toHaveBeenCalledTimes(2);
    });

    it('warns before overwriting another endpoint, then overwrites on confirmation', async () => {
        mockLoad();
        const { element } = await render();
        jest.mocked(registerWebhooks).mockResolvedValueOnce(fixtures.registrationOverwrite());

        button(element, 'register').click();
        await flushPromises();

        const warning = q(element, '[data-id="overwrite"]');
        expect(warning?.getAttribute('role')).toBe('alertdialog');
        expect(text(element, '[data-id="current-url"]')).toBe(
            'https://contoso--uat.sandbox.my.salesforce-sites.com/services/apexrest/cosell/v1/webhook'
        );
        expect(text(element, '[data-id="webhook-url"]')).toBe(
            'https://contoso.my.salesforce-sites.com/services/apexrest/cosell/v1/webhook'
        );
        expect(q(element, '[data-id="registration-result"]')).toBeNull();
        await expect(element).toBeAccessible();

        jest.mocked(registerWebhooks).mockResolvedValueOnce(fixtures.registrationOk());
        button(element, 'overwrite-confirm').click();
        await flushPromises();

        expect(jest.mocked(registerWebhooks)).toHaveBeenLastCalledWith({ overwrite: true });
        expect(q(element, '[data-id="overwrite"]')).toBeNull();
        expect(text(element, '[data-id="registration-result"]')).toBe('c.CoSell_Setup_Registered');
    });

    it('cancel leaves the other endpoint alone', async () => {
        mockLoad();
        const { element } = await render();
        jest.mocked(registerWebhooks).mockResolvedValueOnce(fixtures.registrationOverwrite());
        button(element, 'register').click();
        await flushPromises();

        button(element, 'overwrite-cancel').click();
        await flushPromises();

        expect(q(element, '[data-id="overwrite"]')).toBeNull();
        expect(jest.mocked(registerWebhooks)).toHaveBeenCalledTimes(1);
    });

    it('toasts a failed registration', async () => {
        mockLoad();
        const { element, toasts } = await render();
        jest.mocked(registerWebhooks).mockRejectedValue(APEX_ERROR);

        button(element, 'register').click();
        await flushPromises();

        expect(toasts[0]).toMatchObject({ title: 'c.CoSell_Setup_RegisterFailed', variant: 'error' });
        expect(button(element, 'register').disabled).toBe(false);
    });
});

describe('c-co-sell-setup: backfill', () => {
    it('starts, polls while running, shows progress, and stops when completed', async () => {
        jest.useFakeTimers();
        mockLoad();
        const { element, toasts } = mount();
        await flushMicrotasks();
        jest.mocked(startBackfill).mockResolvedValue(fixtures.backfillRunning());

        button(element, 'start-backfill').click();
        await flushMicrotasks();

        expect(toasts[0]).toMatchObject({ message: 'c.CoSell_Setup_BackfillStarted', variant: 'success' });
        expect(text(element, '[data-id="backfill-state"]')).toBe('c.CoSell_Setup_BackfillState_Running');
        expect(q<HTMLElement & { value: number }>(element, '[data-id="backfill-bar"]')?.value).toBe(25);
        expect(button(element, 'start-backfill').disabled).toBe(true);
        const callsBefore = jest.mocked(getBackfillStatus).mock.calls.length;

        jest.mocked(getBackfillStatus).mockResolvedValueOnce(fixtures.backfillRunning2());
        jest.advanceTimersByTime(BACKFILL_POLL_MS);
        await flushMicrotasks();
        expect(jest.mocked(getBackfillStatus).mock.calls.length).toBe(callsBefore + 1);
        expect(q<HTMLElement & { value: number }>(element, '[data-id="backfill-bar"]')?.value).toBe(75);

        jest.mocked(getBackfillStatus).mockResolvedValueOnce(fixtures.backfillCompleted());
        jest.advanceTimersByTime(BACKFILL_POLL_MS);
        await flushMicrotasks();
        expect(text(element, '[data-id="backfill-state"]')).toBe('c.CoSell_Setup_BackfillState_Completed');
        expect(q<HTMLElement & { value: number }>(element, '[data-id="backfill-bar"]')?.value).toBe(100);
        // Completion refreshes health and the checklist.
        expect(jest.mocked(getHealth)).toHaveBeenCalledTimes(2);

        jest.advanceTimersByTime(BACKFILL_POLL_MS * 3);
        await flushMicrotasks();
        expect(jest.mocked(getBackfillStatus).mock.calls.length).toBe(callsBefore + 2);
    });

    it('resumes polling a backfill that was already running and stops when the page closes', async () => {
        jest.useFakeTimers();
        mockLoad({ backfill: fixtures.backfillRunning() });
        const { element } = mount();
        await flushMicrotasks();
        expect(jest.mocked(getBackfillStatus)).toHaveBeenCalledTimes(1);

        jest.advanceTimersByTime(BACKFILL_POLL_MS);
        await flushMicrotasks();
        expect(jest.mocked(getBackfillStatus)).toHaveBeenCalledTimes(2);

        document.body.removeChild(element);
        jest.advanceTimersByTime(BACKFILL_POLL_MS * 5);
        await flushMicrotasks();
        expect(jest.mocked(getBackfillStatus)).toHaveBeenCalledTimes(2);
    });

    it('shows a failed backfill with its message', async () => {
        mockLoad({ backfill: fixtures.backfillFailed() });
        const { element } = await render();

        expect(text(element, '[data-id="backfill-state"]')).toBe('c.CoSell_Setup_BackfillState_Failed');
        expect(q<HTMLElement & { value: number }>(element, '[data-id="backfill-bar"]')?.value).toBe(31);
        expect(text(element, '[data-id="backfill"]')).toContain('Partner Center sign-in expired during the backfill.');
        expect(button(element, 'start-backfill').disabled).toBe(false);
    });

    it('toasts when the backfill cannot start', async () => {
        mockLoad();
        const { element, toasts } = await render();
        jest.mocked(startBackfill).mockRejectedValue(APEX_ERROR);

        button(element, 'start-backfill').click();
        await flushPromises();

        expect(toasts[0]).toMatchObject({ title: 'c.CoSell_Setup_BackfillFailed', variant: 'error' });
    });
});

describe('c-co-sell-setup: health and dead letters', () => {
    it('shows queue depths, auth state, last webhook/poll and the dead letters', async () => {
        mockLoad({ health: fixtures.healthDeadLetters() });
        const { element } = await render();

        expect(text(element, '[data-id="outbox-depth"]')).toBe('3');
        expect(text(element, '[data-id="inbox-depth"]')).toBe('1');
        expect(text(element, '[data-id="auth-state"]')).toBe('c.CoSell_Setup_Auth_Blocked');
        expect(q(element, '[data-id="auth-state"]')?.className).toContain('slds-theme_error');
        expect(text(element, '[data-id="last-webhook"]')).toBe('c.CoSell_Setup_Never');
        const rows = qa(element, '[data-id="dead-letters"] tbody tr');
        expect(rows.map((row) => row.dataset.recordId)).toEqual(['a03000000000001AAA', 'a04000000000001AAA']);
        expect(rows[0]!.textContent).toContain('Contoso Azure Migration');
        expect(rows[0]!.querySelector('a')?.getAttribute('href')).toBe(
            '/lightning/r/Opportunity/006000000000001AAA/view'
        );
        expect(rows[1]!.textContent).toContain('Referral not found in Partner Center (HTTP 404).');
        await expect(element).toBeAccessible();
    });

    it('replays a dead letter and shows the returned health', async () => {
        mockLoad({ health: fixtures.healthDeadLetters() });
        const { element, toasts } = await render();
        const after = fixtures.healthDeadLetters();
        after.deadLetters = after.deadLetters.slice(1);
        after.outboxDepth = 4;
        jest.mocked(replayDeadLetter).mockResolvedValue(after);

        qa(element, '[data-id="replay"]')[0]!.click();
        await flushPromises();

        expect(jest.mocked(replayDeadLetter)).toHaveBeenCalledWith({ recordId: 'a03000000000001AAA' });
        expect(qa(element, '[data-id="dead-letters"] tbody tr')).toHaveLength(1);
        expect(text(element, '[data-id="outbox-depth"]')).toBe('4');
        expect(toasts[0]).toMatchObject({ message: 'c.CoSell_Setup_Replayed', variant: 'success' });
    });

    it('toasts a failed replay and keeps the row', async () => {
        mockLoad({ health: fixtures.healthDeadLetters() });
        const { element, toasts } = await render();
        jest.mocked(replayDeadLetter).mockRejectedValue(APEX_ERROR);

        qa(element, '[data-id="replay"]')[1]!.click();
        await flushPromises();

        expect(qa(element, '[data-id="dead-letters"] tbody tr')).toHaveLength(2);
        expect(toasts[0]).toMatchObject({ title: 'c.CoSell_Setup_ReplayFailed', variant: 'error' });
    });
});

describe('c-co-sell-setup: failures that are not dead letters', () => {
    it("shows the last day's failures with a link to the sync log's list view, and the lost kick", async () => {
        mockLoad({ health: fixtures.healthDeadLetters() });
        const { element } = await render();

        expect(FAILURES_PAGE).toEqual({
            type: 'standard__objectPage',
            attributes: { objectApiName: 'CoSellSyncLog__c', actionName: 'list' },
            state: { filterName: 'FailedSinceYesterday' }
        });
        expect(navigation.generateUrl).toHaveBeenCalledWith(FAILURES_PAGE);
        expect(text(element, '[data-id="recent-failures-count"]')).toBe('5');
        expect(q(element, '[data-id="recent-failures-count"]')?.className).toContain('slds-text-color_error');
        const link = q<HTMLAnchorElement>(element, '[data-id="recent-failures-link"]');
        expect(link?.getAttribute('href')).toBe(FAILURES_URL);
        expect(link?.textContent).toBe('c.CoSell_Setup_RecentFailuresLink');
        expect(
            q<HTMLElement & { content: string }>(
                element,
                '[data-id="recent-failures"]'
            )?.previousElementSibling?.querySelector<HTMLElement & { content: string }>('lightning-helptext')?.content
        ).toBe('c.CoSell_Setup_RecentFailuresHelp');

        expect(q<HTMLElement & { value: string }>(element, '[data-id="lost-kick-at"]')?.value).toBe(
            '2026-11-24T18:05:00.000Z'
        );
        expect(text(element, '[data-id="lost-kick-message"]')).toBe(
            'The event bus lost 1 Outbound sync kick(s). The queued rows are kept; the next scheduled sweep starts them.'
        );
        expect(q(element, '[data-id="lost-kick"]')?.previousElementSibling?.textContent).toBe(
            'c.CoSell_Setup_LostKick'
        );
        await expect(element).toBeAccessible();
    });

    it('opens the list view through the navigation service, inside the Lightning app', async () => {
        mockLoad({ health: fixtures.healthDeadLetters() });
        const { element } = await render();

        const click = new MouseEvent('click', { bubbles: true, cancelable: true });
        q(element, '[data-id="recent-failures-link"]')!.dispatchEvent(click);

        expect(navigation.navigate).toHaveBeenCalledWith(FAILURES_PAGE, undefined);
        expect(click.defaultPrevented).toBe(true);
    });

    it('leaves a Ctrl, Cmd or Shift click to the browser, which opens the href in a new tab or window', async () => {
        mockLoad({ health: fixtures.healthDeadLetters() });
        const { element } = await render();

        for (const modifier of ['ctrlKey', 'metaKey', 'shiftKey'] as const) {
            const click = new MouseEvent('click', { bubbles: true, cancelable: true, [modifier]: true });
            q(element, '[data-id="recent-failures-link"]')!.dispatchEvent(click);
            expect(click.defaultPrevented).toBe(false);
        }
        expect(navigation.navigate).not.toHaveBeenCalled();
    });

    it('shows zero failures without a link, and no lost kick when there was none', async () => {
        mockLoad({ health: fixtures.healthOk() });
        const { element } = await render();

        expect(text(element, '[data-id="recent-failures-count"]')).toBe('0');
        expect(q(element, '[data-id="recent-failures-count"]')?.className).not.toContain('slds-text-color_error');
        expect(q(element, '[data-id="recent-failures-link"]')).toBeNull();
        expect(q(element, '[data-id="lost-kick"]')).toBeNull();
        expect(text(element, '[data-id="health"]')).not.toContain('c.CoSell_Setup_LostKick');
        await expect(element).toBeAccessible();
    });

    it('says when there were more failures than counted', async () => {
        const health = fixtures.healthOk();
        health.recentFailures = 1000;
        health.recentFailuresCapped = true;
        mockLoad({ health });
        const { element } = await render();

        // Jest labels are their names; the org's label is "{0}+", so this reads "1000+" there.
        expect(text(element, '[data-id="recent-failures-count"]')).toBe('c.CoSell_Setup_RecentFailuresCapped');
        expect(q(element, '[data-id="recent-failures-link"]')).not.toBeNull();
    });

    it('keeps the failures and the lost kick in the health a replay returns', async () => {
        mockLoad({ health: fixtures.healthDeadLetters() });
        const { element } = await render();
        const after = fixtures.healthDeadLetters();
        after.deadLetters = after.deadLetters.slice(1);
        after.recentFailures = 6;
        jest.mocked(replayDeadLetter).mockResolvedValue(after);

        qa(element, '[data-id="replay"]')[0]!.click();
        await flushPromises();

        expect(text(element, '[data-id="recent-failures-count"]')).toBe('6');
        expect(q(element, '[data-id="lost-kick"]')).not.toBeNull();
    });
});

describe('c-co-sell-setup: mappings and dry run', () => {
    it('lists the mappings and flags invalid ones with the problem', async () => {
        mockLoad();
        const { element } = await render();

        const rows = qa(element, '[data-id="mappings"] tbody tr');
        expect(rows).toHaveLength(6);
        expect(rows[1]!.textContent).toContain('/details/dealValue');
        expect(rows[1]!.textContent).toContain('Opportunity.Amount');
        expect(rows[5]!.className).toContain('slds-text-color_error');
        expect(rows[5]!.textContent).toContain('Field Opportunity.Region__c does not exist.');
    });

    function typeId(element: HTMLElement, value: string): void {
        q(element, '[data-id="dry-run-id"]')?.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    }

    it('rejects an id that is not an Opportunity id without calling Apex', async () => {
        mockLoad();
        const { element } = await render();

        typeId(element, '001000000000001AAA');
        await flushPromises();
        button(element, 'dry-run').click();
        await flushPromises();

        expect(jest.mocked(dryRun)).not.toHaveBeenCalled();
        expect(text(element, '[data-id="dry-run-error"]')).toBe('c.CoSell_Setup_DryRunIdInvalid');
    });

    it('runs the dry run and shows problems and the payload', async () => {
        mockLoad();
        const { element } = await render();
        jest.mocked(dryRun).mockResolvedValue(fixtures.dryRun());

        typeId(element, ' 006000000000001AAA ');
        await flushPromises();
        button(element, 'dry-run').click();
        await flushPromises();

        expect(jest.mocked(dryRun)).toHaveBeenCalledWith({ opportunityId: '006000000000001AAA' });
        expect(text(element, '[data-id="dry-run-summary"]')).toBe('c.CoSell_Setup_DryRunProblems');
        expect(text(element, '[data-id="dry-run-problems"]')).toBe(
            'Customer country: Use a 2-letter country code such as US or DE.'
        );
        expect(text(element, '[data-id="dry-run-payload"]')).toContain('"path": "/details/dealValue"');
        await expect(element).toBeAccessible();
    });

    it('shows a failed dry run', async () => {
        mockLoad();
        const { element, toasts } = await render();
        jest.mocked(dryRun).mockRejectedValue({ body: { message: 'Opportunity not found.' } });

        typeId(element, '006000000000009AAA');
        await flushPromises();
        button(element, 'dry-run').click();
        await flushPromises();

        expect(text(element, '[data-id="dry-run-error"]')).toBe('Opportunity not found.');
        expect(q(element, '[data-id="dry-run-result"]')).toBeNull();
        expect(toasts[0]).toMatchObject({ title: 'c.CoSell_Setup_DryRunFailed', variant: 'error' });
    });
});
