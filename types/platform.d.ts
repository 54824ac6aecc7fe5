// Strict declarations for platform modules that @salesforce/lightning-types 0.8.0 does not cover.
// Only what the co-sell LWCs use is declared; extend deliberately, never with `any`.

/** What every wire adapter in this project provisions. */
type CoSellWireResult<T> = { data?: T; error?: unknown };

declare module '@salesforce/schema/*' {
    const field: { objectApiName: string; fieldApiName: string };
    export default field;
}

declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module '@salesforce/apex' {
    /** Re-runs the Apex wire that provisioned `wiredValue` (the exact object the wire provisioned). */
    export function refreshApex(wiredValue: unknown): Promise<void>;
}

declare module 'lightning/uiRecordApi' {
    import type { WireAdapterConstructor } from 'lwc';

    export interface FieldId {
        objectApiName: string;
        fieldApiName: string;
    }
    export interface FieldValueRepresentation {
        displayValue: string | null;
        value: unknown;
    }
    export interface RecordRepresentation {
        id: string;
        apiName: string;
        lastModifiedDate?: string;
        systemModstamp?: string;
        fields: Record<string, FieldValueRepresentation>;
    }
    export interface GetRecordConfig {
        recordId: string | undefined;
        fields?: (FieldId | string)[];
        optionalFields?: (FieldId | string)[];
    }
    export const getRecord: WireAdapterConstructor<GetRecordConfig, CoSellWireResult<RecordRepresentation>>;
    export function getFieldValue(record: RecordRepresentation | undefined, field: FieldId | string): unknown;
    export function getFieldDisplayValue(
        record: RecordRepresentation | undefined,
        field: FieldId | string
    ): string | null;
    export function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void>;
}

declare module 'lightning/platformShowToastEvent' {
    export type ToastVariant = 'info' | 'success' | 'warning' | 'error';
    export interface ShowToastEventInit {
        title: string;
        message?: string;
        variant?: ToastVariant;
        mode?: 'dismissible' | 'pester' | 'sticky';
        messageData?: (string | { url: string; label: string })[];
    }
    export class ShowToastEvent extends CustomEvent<ShowToastEventInit> {
        constructor(init: ShowToastEventInit);
    }
}

declare module 'lightning/empApi' {
    /** A platform-event message as delivered by CometD. */
    export interface EmpMessage<P = Record<string, unknown>> {
        channel: string;
        data: { event: { replayId: number; EventUuid?: string }; payload: P; schema?: string };
    }
    export interface EmpSubscription {
        id?: string;
        channel: string;
        replayId?: number;
    }
    export function subscribe<P = Record<string, unknown>>(
        channel: string,
        replayId: number,
        onMessage: (message: EmpMessage<P>) => void
    ): Promise<EmpSubscription>;
    export function unsubscribe(
        subscription: EmpSubscription,
        callback?: (response: unknown) => void
    ): Promise<unknown>;
    export function onError(callback: (error: unknown) => void): void;
    export function isEmpEnabled(): Promise<boolean>;
    export function setDebugFlag(flag: boolean): Promise<void>;
}

declare module 'lightning/uiObjectInfoApi' {
    import type { WireAdapterConstructor } from 'lwc';

    export interface FieldInfoRepresentation {
        apiName: string;
        label: string;
        dataType?: string;
    }
    export interface ObjectInfoRepresentation {
        apiName: string;
        label?: string;
        fields: Record<string, FieldInfoRepresentation>;
    }
    export interface GetObjectInfoConfig {
        objectApiName: string | { objectApiName: string } | undefined;
    }
    export const getObjectInfo: WireAdapterConstructor<GetObjectInfoConfig, CoSellWireResult<ObjectInfoRepresentation>>;
}

declare module '@salesforce/i18n/locale' {
    /** The user's Salesforce locale, e.g. `en-US`. */
    const locale: string;
    export default locale;
}

declare module 'lightning/navigation' {
    import type { LightningElement } from 'lwc';

    /** A page reference, as the Lightning navigation service takes it (`standard__objectPage`, ...). */
    export interface PageReference {
        type: string;
        attributes: Record<string, string>;
        state?: Record<string, string>;
    }

    const Navigate: unique symbol;
    const GenerateUrl: unique symbol;

    /** What `NavigationMixin` adds to a component. */
    export interface NavigationMixinMembers {
        [Navigate](pageReference: PageReference, replace?: boolean): void;
        [GenerateUrl](pageReference: PageReference): Promise<string>;
    }

    interface NavigationMixinFunction {
        /** Keeps the base's static members (`createElement` needs them) and adds the navigation methods. */
        <T extends typeof LightningElement>(
            base: T
        ): Omit<T, 'prototype'> & (new () => InstanceType<T> & NavigationMixinMembers);
        readonly Navigate: typeof Navigate;
        readonly GenerateUrl: typeof GenerateUrl;
    }

    export const NavigationMixin: NavigationMixinFunction;
}
