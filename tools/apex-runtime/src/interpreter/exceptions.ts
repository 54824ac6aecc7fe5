/** Apex exceptions as JS throwables, and the built-in exception types of the platform. */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { ClassInfo } from './classes.js';
import { ApexObject } from './rvalues.js';

export interface ExceptionState {
    message: string | null;
    cause: ApexObject | null;
    line: number;
    col: number;
    stack: string;
    uncatchable?: boolean;
    /** DmlException details: one entry per failed row. */
    dml?: { index: number; message: string; statusCode: string; fields: string[]; id: string | null }[];
    extra?: Record<string, any>;
}

/** A thrown Apex exception. Not an Error subclass: no JS stack is captured (speed). */
export class ApexError {
    constructor(public readonly obj: ApexObject) {}
    get state(): ExceptionState {
        return this.obj.native as ExceptionState;
    }
    get typeName(): string {
        return this.obj.cls.name;
    }
    get message(): string {
        return (this.obj.native as ExceptionState).message ?? '';
    }
    toString(): string {
        return `${this.typeName}: ${this.message}`;
    }
}

/** Standard exception types (System namespace unless qualified). */
export const BUILTIN_EXCEPTIONS = [
    'AssertException',
    'AsyncException',
    'AuraHandledException',
    'BigObjectException',
    'CalloutException',
    'CastException',
    'DmlException',
    'DuplicateMessageException',
    'EmailException',
    'ExternalObjectException',
    'FatalCursorException',
    'FinalException',
    'FlowException',
    'HandledException',
    'IllegalArgumentException',
    'InvalidHeaderException',
    'InvalidParameterValueException',
    'InvalidReplayIdException',
    'JSONException',
    'LimitException',
    'ListException',
    'MathException',
    'MissingParameterException',
    'NoAccessException',
    'NoDataFoundException',
    'NoSuchElementException',
    'NullPointerException',
    'QueryException',
    'RequiredFeatureMissingException',
    'SearchException',
    'SecurityException',
    'SerializationException',
    'SObjectException',
    'StringException',
    'TransientCursorException',
    'TypeException',
    'UnexpectedException',
    'VisualforceException',
    'XmlException',
    'EventBus.RetryableException',
    'Auth.AuthProviderPluginException',
    'Database.DuplicateMessageException',
];

export function createExceptionClasses(): { base: ClassInfo; all: Map<string, ClassInfo> } {
    const all = new Map<string, ClassInfo>();
    const base = new ClassInfo(null, 'Exception', null, '<builtin>');
    base.isException = true;
    all.set('exception', base);
    all.set('system.exception', base);
    for (const n of BUILTIN_EXCEPTIONS) {
        const full = n.includes('.') ? n : `System.${n}`;
        const ci = new ClassInfo(null, full, null, '<builtin>');
        ci.parent = base;
        ci.isException = true;
        all.set(full.toLowerCase(), ci);
        if (!n.includes('.')) all.set(n.toLowerCase(), ci);
    }
    return { base, all };
}
