// One `declare module` per @AuraEnabled controller method (docs/architecture.md section 4). Hand-written: keep the
// parameter names and return types identical to the Apex signatures. Each method is both callable (imperative Apex)
// and usable with @wire (the `.adapter` form), so one type serves both.

type CoSellApexMethod<P, R> = ((params: P) => Promise<R>) & {
    adapter: import('lwc').WireAdapterConstructor<P, { data?: R; error?: unknown }>;
};
type CoSellApexMethod0<R> = (() => Promise<R>) & {
    adapter: import('lwc').WireAdapterConstructor<Record<string, never>, { data?: R; error?: unknown }>;
};
type CoSellCardApex<P> = CoSellApexMethod<P, import('c/coSellService').CardDto>;

// ----- CoSellCardController -----
declare module '@salesforce/apex/CoSellCardController.getCard' {
    const m: CoSellCardApex<{ opportunityId: string | undefined }>;
    export default m;
}
declare module '@salesforce/apex/CoSellCardController.previewShare' {
    const m: CoSellApexMethod<{ opportunityId: string }, import('c/coSellService').DryRunDto>;
    export default m;
}
declare module '@salesforce/apex/CoSellCardController.share' {
    const m: CoSellCardApex<{ opportunityId: string; helpNeeded: string | null }>;
    export default m;
}
declare module '@salesforce/apex/CoSellCardController.syncNow' {
    const m: CoSellCardApex<{ opportunityId: string }>;
    export default m;
}
declare module '@salesforce/apex/CoSellCardController.accept' {
    const m: CoSellCardApex<{ opportunityId: string }>;
    export default m;
}
declare module '@salesforce/apex/CoSellCardController.decline' {
    const m: CoSellCardApex<{ opportunityId: string; reason: string }>;
    export default m;
}
declare module '@salesforce/apex/CoSellCardController.resolveConflict' {
    const m: CoSellCardApex<{
        opportunityId: string;
        resolution: import('c/coSellService').ConflictResolution;
    }>;
    export default m;
}
declare module '@salesforce/apex/CoSellCardController.retry' {
    const m: CoSellCardApex<{ opportunityId: string }>;
    export default m;
}
declare module '@salesforce/apex/CoSellCardController.saveHelpNeeded' {
    const m: CoSellCardApex<{ opportunityId: string; helpNeeded: string | null }>;
    export default m;
}
declare module '@salesforce/apex/CoSellCardController.searchSolutions' {
    const m: CoSellApexMethod<{ term: string }, import('c/coSellService').SolutionDto[]>;
    export default m;
}
declare module '@salesforce/apex/CoSellCardController.addSolution' {
    const m: CoSellCardApex<{
        opportunityId: string;
        solutionId: string;
        solutionName: string;
        solutionType: string | null;
    }>;
    export default m;
}
declare module '@salesforce/apex/CoSellCardController.removeSolution' {
    const m: CoSellCardApex<{ opportunityId: string; solutionRecordId: string }>;
    export default m;
}

// ----- CoSellSetupController -----
declare module '@salesforce/apex/CoSellSetupController.getSetupStatus' {
    const m: CoSellApexMethod0<import('c/coSellService').SetupStatusDto>;
    export default m;
}
declare module '@salesforce/apex/CoSellSetupController.testConnection' {
    const m: CoSellApexMethod0<import('c/coSellService').ConnectionResultDto>;
    export default m;
}
declare module '@salesforce/apex/CoSellSetupController.registerWebhooks' {
    const m: CoSellApexMethod<{ overwrite: boolean }, import('c/coSellService').RegistrationResultDto>;
    export default m;
}
declare module '@salesforce/apex/CoSellSetupController.startBackfill' {
    const m: CoSellApexMethod0<import('c/coSellService').BackfillStatusDto>;
    export default m;
}
declare module '@salesforce/apex/CoSellSetupController.getBackfillStatus' {
    const m: CoSellApexMethod0<import('c/coSellService').BackfillStatusDto>;
    export default m;
}
declare module '@salesforce/apex/CoSellSetupController.getHealth' {
    const m: CoSellApexMethod0<import('c/coSellService').HealthDto>;
    export default m;
}
declare module '@salesforce/apex/CoSellSetupController.replayDeadLetter' {
    const m: CoSellApexMethod<{ recordId: string }, import('c/coSellService').HealthDto>;
    export default m;
}
declare module '@salesforce/apex/CoSellSetupController.getMappings' {
    const m: CoSellApexMethod0<import('c/coSellService').MappingDto[]>;
    export default m;
}
declare module '@salesforce/apex/CoSellSetupController.dryRun' {
    const m: CoSellApexMethod<{ opportunityId: string }, import('c/coSellService').DryRunDto>;
    export default m;
}
