// Partner Center Co-sell: the seller's co-sell card on the Opportunity record page.
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { getFieldValue, getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import type { ObjectInfoRepresentation } from 'lightning/uiObjectInfoApi';
import { isEmpEnabled, onError, subscribe, unsubscribe } from 'lightning/empApi';
import type { EmpMessage, EmpSubscription } from 'lightning/empApi';
import LOCALE from '@salesforce/i18n/locale';
import OPPORTUNITY_OBJECT from '@salesforce/schema/Opportunity';
import LAST_MODIFIED_FIELD from '@salesforce/schema/Opportunity.LastModifiedDate';
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
import {
    formatLabel,
    prettyJson,
    reduceErrors,
    runInBackground,
    sameRecordId,
    showErrorToast,
    showToast
} from 'c/coSellService';
import type {
    CardAction,
    CardDto,
    ConflictResolution,
    DryRunDto,
    FieldChangeDto,
    PicklistOption,
    SolutionDto,
    SyncStatus,
    TimelineEntryDto
} from 'c/coSellService';
import { LABELS } from './labels';

/** The card's live-refresh channel (architecture §2, platform events). */
export const STATUS_CHANNEL = '/event/CoSellStatusChange__e';

const DAY_MS = 24 * 60 * 60 * 1000;
const EXPIRY_WARNING_DAYS = 3;

type WireResult<T> = { data?: T; error?: unknown };
type Panel = 'none' | 'share' | 'decline' | 'conflict';

interface StatusChangePayload {
    OpportunityId__c?: string | null;
    SyncStatus__c?: string | null;
}

interface StatusView {
    label: string;
    help: string;
    icon: string;
    variant: 'success' | 'warning' | 'error' | '';
    badgeClass: string;
}

const STATUS_VIEWS: Record<SyncStatus, StatusView> = {
    NotShared: {
        label: LABELS.STATUS_NOT_SHARED,
        help: LABELS.STATUS_HELP_NOT_SHARED,
        icon: 'utility:share',
        variant: '',
        badgeClass: 'slds-badge'
    },
    Pending: {
        label: LABELS.STATUS_PENDING,
        help: LABELS.STATUS_HELP_PENDING,
        icon: 'utility:clock',
        variant: '',
        badgeClass: 'slds-badge slds-badge_lightest'
    },
    Synced: {
        label: LABELS.STATUS_SYNCED,
        help: LABELS.STATUS_HELP_SYNCED,
        icon: 'utility:success',
        variant: 'success',
        badgeClass: 'slds-badge slds-theme_success'
    },
    Error: {
        label: LABELS.STATUS_ERROR,
        help: LABELS.STATUS_HELP_ERROR,
        icon: 'utility:error',
        variant: 'error',
        badgeClass: 'slds-badge slds-theme_error'
    },
    Conflict: {
        label: LABELS.STATUS_CONFLICT,
        help: LABELS.STATUS_HELP_CONFLICT,
        icon: 'utility:warning',
        variant: 'warning',
        badgeClass: 'slds-badge slds-theme_warning'
    },
    AuthBlocked: {
        label: LABELS.STATUS_AUTH_BLOCKED,
        help: LABELS.STATUS_HELP_AUTH_BLOCKED,
        icon: 'utility:lock',
        variant: 'warning',
        badgeClass: 'slds-badge slds-theme_warning'
    }
};

const OUTCOME_VARIANTS: Record<string, string> = {
    Success: 'success',
    Failed: 'error',
    DeadLetter: 'error',
    Conflict: 'warning',
    AuthBlocked: 'warning'
};

const OUTCOME_ICONS: Record<string, string> = {
    Success: 'utility:success',
    Retry: 'utility:refresh',
    Failed: 'utility:error',
    DeadLetter: 'utility:error',
    Conflict: 'utility:warning',
    Skipped: 'utility:dash',
    AuthBlocked: 'utility:lock'
};

/** Substatuses in which an incoming referral still waits for the seller's answer. */
const AWAITING_ANSWER = new Set(['Pending', 'Received', 'New']);

interface SolutionView {
    key: string;
    recordId: string;
    solutionId: string;
    name: string;
    type: string;
    removeLabel: string;
}

interface SearchResultView {
    key: string;
    solutionId: string;
    name: string;
    type: string;
    addLabel: string;
}

interface ChangeView {
    key: string;
    field: string;
    before: string;
    after: string;
}

interface TimelineView {
    id: string;
    createdDate: string;
    title: string;
    outcome: string;
    icon: string;
    variant: string;
    message: string;
    http: string;
    changes: ChangeView[];
    hasChanges: boolean;
}

function toChangeViews(
    changes: FieldChangeDto[] | undefined,
    prefix: string,
    labelOf: (field: string) => string
): ChangeView[] {
    return (changes ?? []).map((change, index) => ({
        key: `${prefix}-${index}`,
        field: labelOf(change.field),
        before: change.before ?? '—',
        after: change.after ?? '—'
    }));
}

/**
 * Shows and drives one Opportunity's co-sell referral: sync state, referral details, what Microsoft will see,
 * solutions, the actions the controller allows, and the audit timeline. Refreshes live on
 * `CoSellStatusChange__e`.
 */
export default class CoSellCard extends LightningElement {
    /** The Opportunity id, set by the record page. */
    @api recordId: string | undefined;
    /** How many audit entries to show (design-time property). */
    @api timelineSize = 5;
    /** Turns off the empApi live refresh (design-time property), e.g. on pages with many cards. */
    @api disableLiveRefresh = false;

    labels = LABELS;
    card: CardDto | undefined;
    loadError: unknown;
    isBusy = false;
    panel: Panel = 'none';
    preview: DryRunDto | undefined;
    actionError = '';
    declineReason = '';
    searchTerm = '';
    searchResults: SolutionDto[] | undefined;
    announcement = '';
    liveRefreshUnavailable = false;

    private fieldLabels: Record<string, string> = {};
    private wiredCardResult: WireResult<CardDto> | undefined;
    private subscription: EmpSubscription | undefined;
    private connected = false;
    private recordStamp: string | undefined;
    private focusTarget: string | undefined;

    @wire(getCard, { opportunityId: '$recordId' })
    wiredCard(result: WireResult<CardDto>): void {
        this.wiredCardResult = result;
        if (result.data) {
            this.card = result.data;
            this.loadError = undefined;
        } else if (result.error) {
            this.loadError = result.error;
        }
    }

    // Field changes arrive as API names; show the org's (translated) field labels instead.
    @wire(getObjectInfo, { objectApiName: OPPORTUNITY_OBJECT })
    wiredObjectInfo(result: WireResult<ObjectInfoRepresentation>): void {
        const labels: Record<string, string> = {};
        for (const [apiName, field] of Object.entries(result.data?.fields ?? {})) {
            labels[apiName] = field.label;
        }
        this.fieldLabels = labels;
    }

    private readonly labelOf = (field: string): string => this.fieldLabels[field] ?? field;

    // A change to the Opportunity itself (amount, close date, name) changes what would be sent: re-read the card.
    @wire(getRecord, { recordId: '$recordId', fields: [LAST_MODIFIED_FIELD] })
    wiredRecord(result: WireResult<RecordRepresentation>): void {
        if (!result.data) {
            return;
        }
        const value = getFieldValue(result.data, LAST_MODIFIED_FIELD);
        const stamp = typeof value === 'string' ? value : undefined;
        if (this.recordStamp !== undefined && stamp !== this.recordStamp) {
            runInBackground(this, this.refreshCard(), LABELS.UNKNOWN_ERROR);
        }
        this.recordStamp = stamp;
    }

    override connectedCallback(): void {
        this.connected = true;
        if (!this.disableLiveRefresh) {
            runInBackground(this, this.subscribeToStatusChanges(), LABELS.UNKNOWN_ERROR);
        }
    }

    override disconnectedCallback(): void {
        this.connected = false;
        if (this.subscription) {
            runInBackground(this, unsubscribe(this.subscription), LABELS.UNKNOWN_ERROR);
            this.subscription = undefined;
        }
    }

    override renderedCallback(): void {
        if (this.focusTarget) {
            const target = this.template?.querySelector<HTMLElement>(`[data-focus="${this.focusTarget}"]`);
            if (target) {
                this.focusTarget = undefined;
                target.focus();
            }
        }
    }

    // ----- state getters -------------------------------------------------------------------------------------

    get isLoading(): boolean {
        return !this.card && !this.loadError;
    }

    get hasLoadError(): boolean {
        return !this.card && Boolean(this.loadError);
    }

    get loadErrorText(): string {
        return reduceErrors(this.loadError).join(' ') || LABELS.UNKNOWN_ERROR;
    }

    get hasCard(): boolean {
        return Boolean(this.card);
    }

    get canEdit(): boolean {
        return this.card?.canEdit === true;
    }

    get isReadOnly(): boolean {
        return Boolean(this.card) && !this.canEdit;
    }

    private get statusView(): StatusView {
        return STATUS_VIEWS[this.card?.syncStatus ?? 'NotShared'] ?? STATUS_VIEWS.NotShared;
    }

    get syncStatus(): SyncStatus {
        return this.card?.syncStatus ?? 'NotShared';
    }

    get statusLabel(): string {
        return this.statusView.label;
    }

    get statusHelp(): string {
        return this.statusView.help;
    }

    get statusIcon(): string {
        return this.statusView.icon;
    }

    get statusVariant(): string {
        return this.statusView.variant;
    }

    get statusBadgeClass(): string {
        return this.statusView.badgeClass;
    }

    get lastError(): string {
        return this.card?.lastError ?? '';
    }

    get hasLastError(): boolean {
        return this.lastError.length > 0 && this.syncStatus !== 'Synced';
    }

    get lastSyncedAt(): string {
        return this.card?.lastSyncedAt ?? '';
    }

    get hasReferral(): boolean {
        return Boolean(this.card?.referralId);
    }

    get directionLabel(): string {
        if (this.card?.direction === 'Incoming') {
            return LABELS.DIRECTION_INCOMING;
        }
        return this.card?.direction === 'Outgoing' ? LABELS.DIRECTION_OUTGOING : '';
    }

    get hasStatusReason(): boolean {
        return Boolean(this.card?.statusReason);
    }

    get pcStatus(): string {
        return this.card?.status ?? LABELS.NOT_SET;
    }

    get pcSubstatus(): string {
        return this.card?.substatus ?? LABELS.NOT_SET;
    }

    /** Incoming referrals expire 14 days after Microsoft sends them; tell the seller how long is left. */
    get expiryText(): string {
        const card = this.card;
        if (!card?.expiresAt || card.direction !== 'Incoming' || !AWAITING_ANSWER.has(card.substatus ?? '')) {
            return '';
        }
        const expires = new Date(card.expiresAt);
        // The user's Salesforce locale, not the browser's, as the formatted dates elsewhere on the page.
        const day = expires.toLocaleDateString(LOCALE, { dateStyle: 'medium' });
        const remaining = expires.getTime() - Date.now();
        if (remaining <= 0) {
            return formatLabel(LABELS.EXPIRED, day);
        }
        const days = Math.floor(remaining / DAY_MS);
        return days < 1 ? LABELS.EXPIRES_TODAY : formatLabel(LABELS.EXPIRES_IN, days, day);
    }

    get hasExpiry(): boolean {
        return this.expiryText.length > 0;
    }

    get expiryClass(): string {
        const expiresAt = this.card?.expiresAt;
        const urgent = expiresAt ? new Date(expiresAt).getTime() - Date.now() < EXPIRY_WARNING_DAYS * DAY_MS : false;
        return urgent
            ? 'slds-box slds-box_x-small slds-theme_warning slds-m-top_x-small'
            : 'slds-box slds-box_x-small slds-theme_shade slds-m-top_x-small';
    }

    get helpOptions(): PicklistOption[] {
        return [{ label: LABELS.HELP_NONE, value: '' }, ...(this.card?.helpNeededOptions ?? [])];
    }

    get helpValue(): string {
        return this.card?.helpNeeded ?? '';
    }

    get helpDisabled(): boolean {
        return !this.canEdit || this.isBusy;
    }

    get hasDealValue(): boolean {
        return typeof this.card?.dealValue === 'number';
    }

    get dealValue(): number | undefined {
        return this.card?.dealValue ?? undefined;
    }

    get currencyCode(): string {
        return this.card?.currencyIsoCode ?? LABELS.NOT_SET;
    }

    get closeDate(): string {
        return this.card?.closeDate ?? '';
    }

    get solutions(): SolutionView[] {
        return (this.card?.solutions ?? []).map((solution, index) => ({
            key: solution.recordId ?? `${solution.solutionId}-${index}`,
            recordId: solution.recordId ?? '',
            solutionId: solution.solutionId,
            name: solution.name,
            type: solution.type ?? '',
            removeLabel: formatLabel(LABELS.REMOVE_SOLUTION, solution.name)
        }));
    }

    get hasSolutions(): boolean {
        return (this.card?.solutions.length ?? 0) > 0;
    }

    get searchResultViews(): SearchResultView[] {
        const attached = new Set((this.card?.solutions ?? []).map((solution) => solution.solutionId));
        return (this.searchResults ?? [])
            .filter((solution) => !attached.has(solution.solutionId))
            .map((solution) => ({
                key: solution.solutionId,
                solutionId: solution.solutionId,
                name: solution.name,
                type: solution.type ?? '',
                addLabel: formatLabel(LABELS.ADD_SOLUTION, solution.name)
            }));
    }

    get hasSearchResults(): boolean {
        return this.searchResultViews.length > 0;
    }

    get showNoSearchResults(): boolean {
        return this.searchResults !== undefined && !this.hasSearchResults;
    }

    /** A seller may type an id Microsoft gave them that nobody in the org has used yet. */
    get canAddTypedSolution(): boolean {
        const term = this.searchTerm.trim();
        return (
            this.searchResults !== undefined &&
            term.length > 0 &&
            !(this.searchResults ?? []).some((solution) => solution.solutionId === term) &&
            !(this.card?.solutions ?? []).some((solution) => solution.solutionId === term)
        );
    }

    get addTypedSolutionLabel(): string {
        return formatLabel(LABELS.ADD_NEW_SOLUTION, this.searchTerm.trim());
    }

    get searchDisabled(): boolean {
        return this.isBusy || this.searchTerm.trim().length === 0;
    }

    private allows(action: CardAction): boolean {
        return this.canEdit && (this.card?.allowedActions ?? []).includes(action);
    }

    get showShare(): boolean {
        return this.allows('share');
    }

    get showSyncNow(): boolean {
        return this.allows('syncNow');
    }

    get showAccept(): boolean {
        return this.allows('accept');
    }

    get showDecline(): boolean {
        return this.allows('decline');
    }

    get showResolveConflict(): boolean {
        return this.allows('resolveConflict');
    }

    get showRetry(): boolean {
        return this.allows('retry');
    }

    get hasActions(): boolean {
        return (
            this.showShare ||
            this.showSyncNow ||
            this.showAccept ||
            this.showDecline ||
            this.showResolveConflict ||
            this.showRetry
        );
    }

    get actionsDisabled(): boolean {
        return this.isBusy || this.panel !== 'none';
    }

    get isSharePanel(): boolean {
        return this.panel === 'share';
    }

    get isDeclinePanel(): boolean {
        return this.panel === 'decline';
    }

    get isConflictPanel(): boolean {
        return this.panel === 'conflict';
    }

    get hasActionError(): boolean {
        return this.actionError.length > 0;
    }

    get previewProblems(): { key: string; field: string; message: string }[] {
        return (this.preview?.problems ?? []).map((problem, index) => ({
            key: `${problem.rule}-${index}`,
            field: problem.field ?? '',
            message: problem.message
        }));
    }

    get previewHasProblems(): boolean {
        return this.previewProblems.length > 0;
    }

    get previewPayload(): string {
        return prettyJson(this.preview?.payload);
    }

    get shareConfirmDisabled(): boolean {
        return this.isBusy || this.preview?.canShare !== true;
    }

    get declineConfirmDisabled(): boolean {
        return this.isBusy;
    }

    /** The field differences recorded with the latest conflict: `before` is Salesforce's value, `after` Microsoft's. */
    get conflictChanges(): ChangeView[] {
        const entry = (this.card?.timeline ?? []).find((item) => item.outcome === 'Conflict');
        return toChangeViews(entry?.fieldChanges, 'conflict', this.labelOf);
    }

    get hasConflictChanges(): boolean {
        return this.conflictChanges.length > 0;
    }

    get timeline(): TimelineView[] {
        const size = Math.max(0, Number(this.timelineSize) || 0);
        return (this.card?.timeline ?? []).slice(0, size).map((entry: TimelineEntryDto) => {
            const changes = toChangeViews(entry.fieldChanges, entry.id, this.labelOf);
            return {
                id: entry.id,
                createdDate: entry.createdDate,
                title: `${entry.direction === 'Inbound' ? LABELS.TIMELINE_INBOUND : LABELS.TIMELINE_OUTBOUND}: ${entry.operation}`,
                outcome: entry.outcome,
                icon: OUTCOME_ICONS[entry.outcome] ?? 'utility:info',
                variant: OUTCOME_VARIANTS[entry.outcome] ?? '',
                message: entry.message ?? '',
                http: typeof entry.httpStatus === 'number' ? formatLabel(LABELS.TIMELINE_HTTP, entry.httpStatus) : '',
                changes,
                hasChanges: changes.length > 0
            };
        });
    }

    get hasTimeline(): boolean {
        return this.timeline.length > 0;
    }

    // ----- live refresh --------------------------------------------------------------------------------------

    private async subscribeToStatusChanges(): Promise<void> {
        try {
            if (!(await isEmpEnabled())) {
                this.liveRefreshUnavailable = true;
                return;
            }
            onError(() => {
                this.liveRefreshUnavailable = true;
            });
            const subscription = await subscribe<StatusChangePayload>(STATUS_CHANNEL, -1, (message) =>
                this.handleStatusChange(message)
            );
            if (this.connected) {
                this.subscription = subscription;
            } else {
                // Removed from the page while subscribing: do not leak the subscription.
                runInBackground(this, unsubscribe(subscription), LABELS.UNKNOWN_ERROR);
            }
        } catch {
            this.liveRefreshUnavailable = true;
        }
    }

    private handleStatusChange(message: EmpMessage<StatusChangePayload>): void {
        if (sameRecordId(message.data.payload.OpportunityId__c, this.recordId)) {
            runInBackground(
                this,
                this.refreshCard().then(() => {
                    this.announcement = LABELS.UPDATED;
                }),
                LABELS.LOAD_ERROR
            );
        }
    }

    private async refreshCard(): Promise<void> {
        const tasks: Promise<unknown>[] = [];
        if (this.wiredCardResult) {
            tasks.push(refreshApex(this.wiredCardResult));
        }
        if (this.recordId) {
            tasks.push(notifyRecordUpdateAvailable([{ recordId: this.recordId }]));
        }
        try {
            await Promise.all(tasks);
        } catch (error) {
            showErrorToast(this, LABELS.LOAD_ERROR, error, LABELS.UNKNOWN_ERROR);
        }
    }

    // ----- actions -------------------------------------------------------------------------------------------

    private get opportunityId(): string {
        return this.card?.opportunityId ?? this.recordId ?? '';
    }

    /** Runs one mutating call; on success shows the returned card at once and refreshes caches behind it. */
    private async runCardAction(
        call: () => Promise<CardDto>,
        successMessage: string,
        failureTitle: string,
        returnFocusTo: string
    ): Promise<boolean> {
        this.isBusy = true;
        this.actionError = '';
        try {
            const card = await call();
            this.card = card;
            this.panel = 'none';
            this.preview = undefined;
            this.announcement = successMessage;
            this.focusTarget = returnFocusTo;
            showToast(this, LABELS.SUCCESS, successMessage, 'success');
            runInBackground(this, this.refreshCard(), LABELS.UNKNOWN_ERROR);
            return true;
        } catch (error) {
            this.actionError = reduceErrors(error).join(' ') || LABELS.UNKNOWN_ERROR;
            this.announcement = `${failureTitle}: ${this.actionError}`;
            showErrorToast(this, failureTitle, error, LABELS.UNKNOWN_ERROR);
            return false;
        } finally {
            this.isBusy = false;
        }
    }

    handleRefresh(): void {
        runInBackground(this, this.refreshCard(), LABELS.UNKNOWN_ERROR);
    }

    async handleShareClick(): Promise<void> {
        this.isBusy = true;
        this.actionError = '';
        try {
            this.preview = await previewShare({ opportunityId: this.opportunityId });
            this.openPanel('share');
        } catch (error) {
            this.actionError = reduceErrors(error).join(' ') || LABELS.UNKNOWN_ERROR;
            showErrorToast(this, LABELS.PREVIEW_FAILED, error, LABELS.UNKNOWN_ERROR);
        } finally {
            this.isBusy = false;
        }
    }

    async handleShareConfirm(): Promise<void> {
        await this.runCardAction(
            () => share({ opportunityId: this.opportunityId, helpNeeded: this.card?.helpNeeded ?? null }),
            LABELS.SHARED,
            LABELS.SHARE_FAILED,
            'status'
        );
    }

    async handleSyncNow(): Promise<void> {
        await this.runCardAction(
            () => syncNow({ opportunityId: this.opportunityId }),
            LABELS.SYNC_QUEUED,
            LABELS.SYNC_FAILED,
            'status'
        );
    }

    async handleAccept(): Promise<void> {
        await this.runCardAction(
            () => accept({ opportunityId: this.opportunityId }),
            LABELS.ACCEPTED,
            LABELS.ACCEPT_FAILED,
            'status'
        );
    }

    async handleRetry(): Promise<void> {
        await this.runCardAction(
            () => retry({ opportunityId: this.opportunityId }),
            LABELS.RETRY_QUEUED,
            LABELS.RETRY_FAILED,
            'status'
        );
    }

    handleDeclineClick(): void {
        this.declineReason = '';
        this.actionError = '';
        this.openPanel('decline');
    }

    handleDeclineReasonChange(event: CustomEvent<{ value?: string }>): void {
        this.declineReason = event.detail.value ?? (event.target as HTMLTextAreaElement | null)?.value ?? '';
    }

    async handleDeclineConfirm(): Promise<void> {
        const reason = this.declineReason.trim();
        const input = this.template?.querySelector<
            HTMLElement & { setCustomValidity(m: string): void; reportValidity(): boolean }
        >('[data-id="decline-reason"]');
        if (!reason) {
            input?.setCustomValidity(LABELS.DECLINE_REASON_REQUIRED);
            input?.reportValidity();
            this.actionError = LABELS.DECLINE_REASON_REQUIRED;
            input?.focus();
            return;
        }
        input?.setCustomValidity('');
        await this.runCardAction(
            () => decline({ opportunityId: this.opportunityId, reason }),
            LABELS.DECLINED,
            LABELS.DECLINE_FAILED,
            'status'
        );
    }

    handleConflictClick(): void {
        this.actionError = '';
        this.openPanel('conflict');
    }

    async handleKeepOurs(): Promise<void> {
        await this.resolve('KeepOurs');
    }

    async handleTakeTheirs(): Promise<void> {
        await this.resolve('TakeTheirs');
    }

    private async resolve(resolution: ConflictResolution): Promise<void> {
        await this.runCardAction(
            () => resolveConflict({ opportunityId: this.opportunityId, resolution }),
            LABELS.CONFLICT_RESOLVED,
            LABELS.CONFLICT_FAILED,
            'status'
        );
    }

    handlePanelCancel(): void {
        const opener = this.panel;
        this.panel = 'none';
        this.preview = undefined;
        this.actionError = '';
        this.focusTarget = `open-${opener}`;
    }

    handlePanelKeydown(event: KeyboardEvent): void {
        if (event.key === 'Escape') {
            event.stopPropagation();
            this.handlePanelCancel();
        }
    }

    private openPanel(panel: Panel): void {
        this.panel = panel;
        this.focusTarget = `panel-${panel}`;
    }

    async handleHelpChange(event: CustomEvent<{ value: string }>): Promise<void> {
        const value = event.detail.value;
        await this.runCardAction(
            () => saveHelpNeeded({ opportunityId: this.opportunityId, helpNeeded: value === '' ? null : value }),
            LABELS.HELP_SAVED,
            LABELS.HELP_SAVE_FAILED,
            'help'
        );
    }

    handleSearchChange(event: CustomEvent<{ value?: string }>): void {
        this.searchTerm = event.detail.value ?? '';
        if (this.searchTerm.trim().length === 0) {
            this.searchResults = undefined;
        }
    }

    async handleSearchKeyup(event: KeyboardEvent): Promise<void> {
        if (event.key === 'Enter') {
            await this.handleSearch();
        }
    }

    async handleSearch(): Promise<void> {
        const term = this.searchTerm.trim();
        if (!term) {
            return;
        }
        try {
            this.searchResults = await searchSolutions({ term });
        } catch (error) {
            this.searchResults = undefined;
            showErrorToast(this, LABELS.SEARCH_FAILED, error, LABELS.UNKNOWN_ERROR);
        }
    }

    async handleAddSolution(event: Event): Promise<void> {
        const solutionId = (event.currentTarget as HTMLElement).dataset.solutionId ?? '';
        const found = (this.searchResults ?? []).find((solution) => solution.solutionId === solutionId);
        if (!found) {
            return;
        }
        await this.add(found.solutionId, found.name, found.type ?? null);
    }

    async handleAddTypedSolution(): Promise<void> {
        const term = this.searchTerm.trim();
        if (term) {
            await this.add(term, term, null);
        }
    }

    private async add(solutionId: string, solutionName: string, solutionType: string | null): Promise<void> {
        const ok = await this.runCardAction(
            () => addSolution({ opportunityId: this.opportunityId, solutionId, solutionName, solutionType }),
            LABELS.SOLUTION_ADDED,
            LABELS.SOLUTION_FAILED,
            'solution-search'
        );
        if (ok) {
            this.searchTerm = '';
            this.searchResults = undefined;
        }
    }

    async handleRemoveSolution(event: Event): Promise<void> {
        const solutionRecordId = (event.currentTarget as HTMLElement).dataset.recordId ?? '';
        if (!solutionRecordId) {
            return;
        }
        await this.runCardAction(
            () => removeSolution({ opportunityId: this.opportunityId, solutionRecordId }),
            LABELS.SOLUTION_REMOVED,
            LABELS.SOLUTION_FAILED,
            'solution-search'
        );
    }
}
