/** Types of the org schema built from a project's metadata plus the built-in standard objects. */
import type { SObjectRecord } from './record.js';

export type FieldType =
    | 'Id'
    | 'Text'
    | 'TextArea'
    | 'LongTextArea'
    | 'Html'
    | 'EncryptedText'
    | 'Url'
    | 'Email'
    | 'Phone'
    | 'Picklist'
    | 'MultiselectPicklist'
    | 'Checkbox'
    | 'Number'
    | 'Currency'
    | 'Percent'
    | 'Integer'
    | 'Date'
    | 'DateTime'
    | 'Time'
    | 'Lookup'
    | 'MasterDetail'
    | 'MetadataRelationship'
    | 'AutoNumber'
    | 'Summary'
    | 'Address'
    | 'Location'
    | 'Base64';

export interface PicklistValue {
    value: string;
    label: string;
    isDefault: boolean;
    active: boolean;
}

export interface FieldDef {
    /** Canonical API name. */
    name: string;
    label: string;
    type: FieldType;
    custom: boolean;
    length?: number;
    precision?: number;
    scale?: number;
    /** Required on create (the platform's "nillable = false" and "createable"). */
    required: boolean;
    unique: boolean;
    externalId: boolean;
    caseSensitive: boolean;
    picklistValues?: PicklistValue[];
    restricted?: boolean;
    /** Default value as written in metadata (a formula: `true`, `"text"`, `42`, `TODAY()` …). */
    defaultValue?: string;
    /** Target object(s) of a reference field. */
    referenceTo?: string[];
    /** Parent relationship name (`Account` for AccountId, `Opportunity__r` for Opportunity__c). */
    relationshipName?: string;
    /** Child relationship name on the parent (`Opportunities`, `CoSellSolutions__r`). */
    childRelationshipName?: string;
    deleteConstraint?: 'SetNull' | 'Restrict' | 'Cascade';
    /** The field can be set on insert / update by DML. */
    createable: boolean;
    updateable: boolean;
    /** Computed by the platform (formula, roll-up, auto-number, system field). */
    calculated: boolean;
    formula?: string;
    /** Whether FLS can be restricted (false for required fields, Id, Name, audit fields). */
    permissionable: boolean;
    /** Field of a standard object that the runtime derives (IsClosed from StageName …). */
    derived?: boolean;
    /** For MetadataRelationship fields: the controlling field (FieldDefinition controlled by an EntityDefinition). */
    controllingField?: string;
    /** Marks standard behaviour the runtime only approximates; shown in describe-related errors. */
    approximated?: string;
    /** Values checked by rule rather than by a list (time zones, locales, currencies …). */
    valueCheck?: 'timezone' | 'locale' | 'language' | 'emailEncoding' | 'currency';
}

export type ObjectKind = 'standard' | 'custom' | 'customMetadata' | 'customSetting' | 'platformEvent';

export interface ChildRelationship {
    relationshipName: string;
    childObject: string;
    field: string;
    cascadeDelete: boolean;
    restrictedDelete: boolean;
}

export interface ObjectDef {
    name: string;
    label: string;
    pluralLabel: string;
    keyPrefix: string;
    kind: ObjectKind;
    custom: boolean;
    fields: Map<string, FieldDef>;
    childRelationships: ChildRelationship[];
    customSettingsType?: 'Hierarchy' | 'List';
    eventType?: string;
    publishBehavior?: 'PublishAfterCommit' | 'PublishImmediately';
    sharingModel?: string;
    /**
     * A standard object whose record access follows a parent lookup (`sharingModel` ControlledByParent): editing or
     * deleting a row needs edit access to the parent, as for a master-detail child.
     */
    sharingParentField?: string;
    /** Setup objects (User, PermissionSetAssignment, Group …) for the mixed-DML rule. */
    setup: boolean;
    /** Automation present in metadata that the runtime does not evaluate: DML on the object throws unsupported. */
    unsupportedAutomation: string[];
    /** Whether records can be created/updated/deleted by Apex DML. */
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
    queryable: boolean;
    /** The name field's API name (`Name`, `Subject`, `CaseNumber`, `Title` …). */
    nameField?: string;
    /** Display format of an auto-number name field. */
    autoNumberFormat?: string;
}

export interface ObjectPermission {
    read: boolean;
    create: boolean;
    edit: boolean;
    delete: boolean;
    viewAll: boolean;
    modifyAll: boolean;
}

export interface FieldPermission {
    readable: boolean;
    editable: boolean;
}

export interface PermissionSetDef {
    name: string;
    label: string;
    objectPermissions: Map<string, ObjectPermission>;
    /** Keyed by lower-cased `Object.Field`. */
    fieldPermissions: Map<string, FieldPermission>;
    customPermissions: Set<string>;
    classAccesses: Set<string>;
    userPermissions: Set<string>;
    customMetadataTypeAccesses: Set<string>;
    customSettingAccesses: Set<string>;
    externalCredentialPrincipals: Set<string>;
    /** True for the built-in profile permission sets. */
    ownedByProfile?: boolean;
    /** Profile permission sets: everything standard is readable (View All Data / Modify All Data). */
    modifyAllData?: boolean;
    viewAllData?: boolean;
}

export interface NamedCredentialDef {
    name: string;
    label: string;
    endpoint: string;
    externalCredential?: string;
    protocol?: string;
    allowMergeFieldsInHeader?: boolean;
    generateAuthorizationHeader?: boolean;
}

export interface CustomPermissionDef {
    name: string;
    label: string;
}

export interface OrgSchema {
    projectDir: string;
    apiVersion: string;
    multiCurrency: boolean;
    /** Active currencies (the corporate currency first). */
    currencies: string[];
    objects: Map<string, ObjectDef>;
    /** Custom metadata records by lower-cased type name. */
    customMetadataRecords: Map<string, SObjectRecord[]>;
    permissionSets: Map<string, PermissionSetDef>;
    customPermissions: Map<string, CustomPermissionDef>;
    namedCredentials: Map<string, NamedCredentialDef>;
    /** Labels (`System.Label.X`) by lower-cased name: value. */
    customLabels: Map<string, string>;
    /** Static resources by lower-cased name: absolute file path and content type. */
    staticResources: Map<string, { name: string; path: string; contentType: string }>;
    /** Looks an object up (case-insensitive); null when unknown. */
    getObject(name: string): ObjectDef | null;
    /** Looks a field up (case-insensitive); null when unknown. */
    getField(objectName: string, fieldName: string): FieldDef | null;
    objectByKeyPrefix(prefix: string): ObjectDef | null;
}
