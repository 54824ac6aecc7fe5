// Partner Center Co-sell: the admin's setup checklist and health page (a tab in the Co-sell app).
import { LightningElement } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import type { PageReference } from 'lightning/navigation';
import SYNC_LOG_OBJECT from '@salesforce/schema/CoSellSyncLog__c';
import getSetupStatus from '@salesforce/apex/CoSellSetupController.getSetupStatus';
import testConnection from '@salesforce/apex/CoSellSetupController.testConnection';
import registerWebhooks from '@salesforce/apex/CoSellSetupController.registerWebhooks';
import startBackfill from '@salesforce/apex/CoSellSetupController.startBackfill';
import getBackfillStatus from '@salesforce/apex/CoSellSetupController.getBackfillStatus';
import getHealth from '@salesforce/apex/CoSellSetupController.getHealth';
import replayDeadLetter from '@salesforce/apex/CoSellSetupController.replayDeadLetter';
import getMappings from '@salesforce/apex/CoSellSetupController.getMappings';
import dryRun from '@salesforce/apex/CoSellSetupController.dryRun';
import { formatLabel, prettyJson, reduceErrors, runInBackground, showErrorToast, showToast } from 'c/coSellService';
import type {
    AuthState,
    BackfillState,
    BackfillStatusDto,
    ConnectionResultDto,
    DryRunDto,
    HealthDto,
    MappingDto,
    RegistrationResultDto,
    SetupStatusDto
} from 'c/coSellService';
import { LABELS } from './labels';

/** How often a running backfill is polled. */
export const BACKFILL_POLL_MS = 2000;

const OPPORTUNITY_ID = /^006[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/;

/**
 * The sync log's shipped list view of recent failures. It starts at the beginning of yesterday and also lists
 * conflicts, so it holds every entry the health card counts (list views have no rolling 24-hour filter).
 */
export const FAILURES_PAGE: PageReference = {
    type: 'standard__objectPage',
    attributes: { objectApiName: SYNC_LOG_OBJECT.objectApiName, actionName: 'list' },
    state: { filterName: 'FailedSinceYesterday' }
};

const STEP_VIEW: Record<'done' | 'todo' | 'error', { icon: string; variant: string; text: string }> = {
    done: { icon: 'utility:success', variant: 'success', text: LABELS.STEP_DONE },
    todo: { icon: 'utility:routing_offline', variant: '', text: LABELS.STEP_TODO },
    error: { icon: 'utility:error', variant: 'error', text: LABELS.STEP_ERROR }
};

const BACKFILL_TEXT: Record<BackfillState, string> = {
    NotStarted: LABELS.BACKFILL_STATE_NOT_STARTED,
    Running: LABELS.BACKFILL_STATE_RUNNING,
    Completed: LABELS.BACKFILL_STATE_COMPLETED,
    Failed: LABELS.BACKFILL_STATE_FAILED
};

const AUTH_VIEW: Record<AuthState, { text: string; badgeClass: string }> = {
    Ok: { text: LABELS.AUTH_OK, badgeClass: 'slds-badge slds-theme_success' },
    Blocked: { text: LABELS.AUTH_BLOCKED, badgeClass: 'slds-badge slds-theme_error' },
    Unknown: { text: LABELS.AUTH_UNKNOWN, badgeClass: 'slds-badge' }
};

type Section = 'status' | 'health' | 'mappings' | 'backfill';

function errorText(error: unknown): string {
    return reduceErrors(error).join(' ') || LABELS.UNKNOWN_ERROR;
}

/**
 * Walks an admin through connecting the org to Partner Center and shows whether the sync is healthy: checklist,
 * connection test, webhook registration (with an ownership warning), backfill progress, queues and dead letters,
 * the last day's failures (with a link to the sync log) and a lost sync kick, and the field mappings with a dry run.
 * Mutating actions are offered only when `canManage` is true.
 */
export default class CoSellSetup extends NavigationMixin(LightningElement) {
    labels = LABELS;
    status: SetupStatusDto | undefined;
    health: HealthDto | undefined;
    mappings: MappingDto[] | undefined;
    backfill: BackfillStatusDto | undefined;
    sectionErrors: Partial<Record<Section, string>> = {};
    isLoading = true;

    connection: ConnectionResultDto | undefined;
    registration: RegistrationResultDto | undefined;
    isTesting = false;
    isRegistering = false;
    isStartingBackfill = false;
    replayingId = '';

    dryRunId = '';
    dryRunResult: DryRunDto | undefined;
    dryRunError = '';
    isDryRunning = false;

    /** The failures list view's URL, for the link's href (opening it in a new tab works too). */
    failuresUrl = '';

    private pollTimer: ReturnType<typeof setTimeout> | undefined;
    private connected = false;

    override connectedCallback(): void {
        this.connected = true;
        runInBackground(this, this.loadAll(), LABELS.UNKNOWN_ERROR);
        runInBackground(this, this.generateFailuresUrl(), LABELS.UNKNOWN_ERROR);
    }

    override disconnectedCallback(): void {
        this.connected = false;
        this.stopPolling();
    }

    // ----- loading -------------------------------------------------------------------------------------------

    async loadAll(): Promise<void> {
        this.isLoading = true;
        await Promise.all([this.loadStatus(), this.loadHealth(), this.loadMappings(), this.loadBackfill()]);
        this.isLoading = false;
    }

    private setSectionError(section: Section, error: unknown): void {
        this.sectionErrors = { ...this.sectionErrors, [section]: error === undefined ? undefined : errorText(error) };
    }

    private async loadStatus(): Promise<void> {
        try {
            this.status = await getSetupStatus();
            this.setSectionError('status', undefined);
        } catch (error) {
            this.setSectionError('status', error);
        }
    }

    private async loadHealth(): Promise<void> {
        try {
            this.health = await getHealth();
            this.setSectionError('health', undefined);
        } catch (error) {
            this.setSectionError('health', error);
        }
    }

    private async loadMappings(): Promise<void> {
        try {
            this.mappings = await getMappings();
            this.setSectionError('mappings', undefined);
        } catch (error) {
            this.setSectionError('mappings', error);
        }
    }

    private async loadBackfill(): Promise<void> {
        try {
            this.applyBackfill(await getBackfillStatus());
            this.setSectionError('backfill', undefined);
        } catch (error) {
            this.stopPolling();
            this.setSectionError('backfill', error);
        }
    }

    private async generateFailuresUrl(): Promise<void> {
        this.failuresUrl = await this[NavigationMixin.GenerateUrl](FAILURES_PAGE);
    }

    handleRefresh(): void {
        runInBackground(this, this.loadAll(), LABELS.UNKNOWN_ERROR);
    }

    // ----- getters -------------------------------------------------------------------------------------------

    get canManage(): boolean {
        return this.status?.canManage === true;
    }

    get cannotManage(): boolean {
        return !this.canManage;
    }

    get showReadOnly(): boolean {
        return Boolean(this.status) && !this.canManage;
    }

    get statusError(): string {
        return this.sectionErrors.status ?? '';
    }

    get healthError(): string {
        return this.sectionErrors.health ?? '';
    }

    get mappingsError(): string {
        return this.sectionErrors.mappings ?? '';
    }

    get backfillError(): string {
        return this.sectionErrors.backfill ?? '';
    }

    get steps(): {
        key: string;
        number: string;
        label: string;
        detail: string;
        icon: string;
        variant: string;
        statusText: string;
        status: string;
    }[] {
        return (this.status?.steps ?? []).map((step, index) => {
            const view = STEP_VIEW[step.status] ?? STEP_VIEW.todo;
            return {
                key: step.key,
                number: formatLabel(LABELS.STEP, index + 1),
                label: step.label,
                detail: step.detail ?? '',
                icon: view.icon,
                variant: view.variant,
                statusText: view.text,
                status: step.status
            };
        });
    }

    get connectionText(): string {
        const result = this.connection;
        if (!result) {
            return '';
        }
        return result.ok
            ? formatLabel(LABELS.CONNECTION_OK, result.httpStatus ?? '', result.durationMs ?? '')
            : formatLabel(LABELS.CONNECTION_FAILED, result.httpStatus ?? '', result.message ?? '');
    }

    get connectionClass(): string {
        return this.connection?.ok
            ? 'slds-m-top_x-small slds-text-color_success'
            : 'slds-m-top_x-small slds-text-color_error';
    }

    get showOverwrite(): boolean {
        return this.registration?.requiresOverwrite === true && !this.registration.registered;
    }

    get registrationMessage(): string {
        const result = this.registration;
        if (!result || this.showOverwrite) {
            return '';
        }
        return result.registered
            ? formatLabel(LABELS.REGISTERED, result.events.length)
            : (result.message ?? LABELS.UNKNOWN_ERROR);
    }

    get registrationClass(): string {
        return this.registration?.registered
            ? 'slds-m-top_x-small slds-text-color_success'
            : 'slds-m-top_x-small slds-text-color_error';
    }

    get registerDisabled(): boolean {
        return this.cannotManage || this.isRegistering;
    }

    get backfillRunning(): boolean {
        return this.backfill?.status === 'Running';
    }

    get backfillDisabled(): boolean {
        return this.cannotManage || this.isStartingBackfill || this.backfillRunning;
    }

    get backfillStateText(): string {
        return this.backfill ? (BACKFILL_TEXT[this.backfill.status] ?? this.backfill.status) : '';
    }

    get backfillPercent(): number {
        const percent = this.backfill?.percent ?? 0;
        return Math.min(100, Math.max(0, Math.round(percent)));
    }

    get backfillProgressText(): string {
        const backfill = this.backfill;
        return backfill ? formatLabel(LABELS.BACKFILL_PROGRESS, backfill.processed, backfill.total) : '';
    }

    get showBackfillProgress(): boolean {
        return Boolean(this.backfill) && this.backfill?.status !== 'NotStarted';
    }

    get backfillFailed(): boolean {
        return this.backfill?.status === 'Failed';
    }

    get authText(): string {
        return this.health ? (AUTH_VIEW[this.health.authState]?.text ?? this.health.authState) : '';
    }

    get authBadgeClass(): string {
        return this.health ? (AUTH_VIEW[this.health.authState]?.badgeClass ?? 'slds-badge') : 'slds-badge';
    }

    get showLostKick(): boolean {
        return Boolean(this.health?.lostKickAt);
    }

    get recentFailures(): number {
        return this.health?.recentFailures ?? 0;
    }

    get hasRecentFailures(): boolean {
        return this.recentFailures > 0;
    }

    get recentFailuresText(): string {
        return this.health?.recentFailuresCapped
            ? formatLabel(LABELS.RECENT_FAILURES_CAPPED, this.recentFailures)
            : String(this.recentFailures);
    }

    get recentFailuresClass(): string {
        return this.hasRecentFailures ? 'slds-text-color_error' : '';
    }

    get deadLetters(): {
        recordId: string;
        kind: string;
        opportunityName: string;
        opportunityUrl: string;
        referralId: string;
        operation: string;
        lastError: string;
        attempts: number;
        updatedAt: string;
        replayLabel: string;
        replayDisabled: boolean;
    }[] {
        return (this.health?.deadLetters ?? []).map((letter) => ({
            recordId: letter.recordId,
            kind: letter.kind,
            opportunityName: letter.opportunityName ?? letter.opportunityId ?? '',
            opportunityUrl: letter.opportunityId ? `/lightning/r/Opportunity/${letter.opportunityId}/view` : '',
            referralId: letter.referralId ?? '',
            operation: letter.operation ?? '',
            lastError: letter.lastError ?? '',
            attempts: letter.attempts,
            updatedAt: letter.updatedAt ?? '',
            replayLabel: formatLabel(
                LABELS.REPLAY_LABEL,
                letter.operation ?? letter.kind,
                letter.opportunityName ?? letter.referralId ?? ''
            ),
            replayDisabled: this.cannotManage || this.replayingId.length > 0
        }));
    }

    get hasDeadLetters(): boolean {
        return this.deadLetters.length > 0;
    }

    get mappingRows(): {
        key: string;
        developerName: string;
        direction: string;
        partnerCenterPath: string;
        salesforceField: string;
        transform: string;
        enabledText: string;
        validText: string;
        rowClass: string;
    }[] {
        return (this.mappings ?? []).map((mapping) => ({
            key: mapping.developerName,
            developerName: mapping.developerName,
            direction: mapping.direction,
            partnerCenterPath: mapping.partnerCenterPath,
            salesforceField: mapping.salesforceField ?? '',
            transform: mapping.transform ?? '',
            enabledText: mapping.enabled ? LABELS.YES : LABELS.NO,
            validText: mapping.valid ? LABELS.VALID : (mapping.problem ?? LABELS.STEP_ERROR),
            rowClass: mapping.valid ? '' : 'slds-text-color_error'
        }));
    }

    get hasMappings(): boolean {
        return this.mappingRows.length > 0;
    }

    get showNoMappings(): boolean {
        return this.mappings !== undefined && !this.hasMappings;
    }

    get dryRunDisabled(): boolean {
        return this.isDryRunning || this.dryRunId.trim().length === 0;
    }

    get dryRunProblems(): { key: string; field: string; message: string }[] {
        return (this.dryRunResult?.problems ?? []).map((problem, index) => ({
            key: `${problem.rule}-${index}`,
            field: problem.field ?? '',
            message: problem.message
        }));
    }

    get dryRunHasProblems(): boolean {
        return this.dryRunProblems.length > 0;
    }

    get dryRunSummary(): string {
        const result = this.dryRunResult;
        if (!result) {
            return '';
        }
        return formatLabel(this.dryRunHasProblems ? LABELS.DRY_RUN_PROBLEMS : LABELS.DRY_RUN_OK, result.operation);
    }

    get dryRunSummaryClass(): string {
        return this.dryRunHasProblems ? 'slds-text-color_error' : 'slds-text-color_success';
    }

    get dryRunPayload(): string {
        return prettyJson(this.dryRunResult?.payload);
    }

    // ----- actions -------------------------------------------------------------------------------------------

    async handleTestConnection(): Promise<void> {
        this.isTesting = true;
        try {
            this.connection = await testConnection();
            runInBackground(this, this.loadStatus(), LABELS.UNKNOWN_ERROR);
        } catch (error) {
            this.connection = undefined;
            showErrorToast(this, LABELS.TEST_FAILED, error, LABELS.UNKNOWN_ERROR);
        } finally {
            this.isTesting = false;
        }
    }

    async handleRegister(): Promise<void> {
        await this.register(false);
    }

    async handleOverwrite(): Promise<void> {
        await this.register(true);
    }

    private async register(overwrite: boolean): Promise<void> {
        this.isRegistering = true;
        try {
            const result = await registerWebhooks({ overwrite });
            this.registration = result;
            if (result.registered) {
                showToast(this, LABELS.SUCCESS, formatLabel(LABELS.REGISTERED, result.events.length), 'success');
                await this.loadStatus();
            }
        } catch (error) {
            showErrorToast(this, LABELS.REGISTER_FAILED, error, LABELS.UNKNOWN_ERROR);
        } finally {
            this.isRegistering = false;
        }
    }

    handleCancelOverwrite(): void {
        this.registration = undefined;
    }

    async handleStartBackfill(): Promise<void> {
        this.isStartingBackfill = true;
        try {
            this.applyBackfill(await startBackfill());
            this.setSectionError('backfill', undefined);
            showToast(this, LABELS.SUCCESS, LABELS.BACKFILL_STARTED, 'success');
        } catch (error) {
            showErrorToast(this, LABELS.BACKFILL_FAILED, error, LABELS.UNKNOWN_ERROR);
        } finally {
            this.isStartingBackfill = false;
        }
    }

    private applyBackfill(status: BackfillStatusDto): void {
        const wasRunning = this.backfillRunning;
        this.backfill = status;
        if (status.status === 'Running') {
            this.schedulePoll();
        } else {
            this.stopPolling();
            if (wasRunning) {
                // A finished backfill changes queue depths and the checklist.
                runInBackground(this, this.loadHealth(), LABELS.UNKNOWN_ERROR);
                runInBackground(this, this.loadStatus(), LABELS.UNKNOWN_ERROR);
            }
        }
    }

    private schedulePoll(): void {
        if (this.pollTimer !== undefined || !this.connected) {
            return;
        }
        // The backfill runs as a chain of Queueables; polling its state row is the only progress signal.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.pollTimer = setTimeout(() => {
            this.pollTimer = undefined;
            runInBackground(this, this.loadBackfill(), LABELS.UNKNOWN_ERROR);
        }, BACKFILL_POLL_MS);
    }

    private stopPolling(): void {
        if (this.pollTimer !== undefined) {
            clearTimeout(this.pollTimer);
            this.pollTimer = undefined;
        }
    }

    async handleReplay(event: Event): Promise<void> {
        const recordId = (event.currentTarget as HTMLElement).dataset.recordId ?? '';
        if (!recordId) {
            return;
        }
        this.replayingId = recordId;
        try {
            this.health = await replayDeadLetter({ recordId });
            showToast(this, LABELS.SUCCESS, LABELS.REPLAYED, 'success');
        } catch (error) {
            showErrorToast(this, LABELS.REPLAY_FAILED, error, LABELS.UNKNOWN_ERROR);
        } finally {
            this.replayingId = '';
        }
    }

    handleOpenFailures(event: MouseEvent): void {
        // The href serves middle-click, Ctrl/Cmd/Shift-click and "open in new tab"; a plain click stays inside the
        // Lightning app.
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
            return;
        }
        event.preventDefault();
        this[NavigationMixin.Navigate](FAILURES_PAGE);
    }

    handleDryRunIdChange(event: CustomEvent<{ value?: string }>): void {
        this.dryRunId = event.detail.value ?? '';
        this.dryRunError = '';
    }

    async handleDryRun(): Promise<void> {
        const opportunityId = this.dryRunId.trim();
        if (!OPPORTUNITY_ID.test(opportunityId)) {
            this.dryRunResult = undefined;
            this.dryRunError = LABELS.DRY_RUN_ID_INVALID;
            return;
        }
        this.isDryRunning = true;
        this.dryRunError = '';
        try {
            this.dryRunResult = await dryRun({ opportunityId });
        } catch (error) {
            this.dryRunResult = undefined;
            this.dryRunError = errorText(error);
            showErrorToast(this, LABELS.DRY_RUN_FAILED, error, LABELS.UNKNOWN_ERROR);
        } finally {
            this.isDryRunning = false;
        }
    }
}
