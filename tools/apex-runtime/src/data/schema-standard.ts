/**
 * Built-in catalogue of the standard objects a CRM package touches, with their standard fields and key prefixes.
 *
 * Sources: Salesforce "Object Reference for the Salesforce Platform"
 * (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/) — one page per object
 * (Opportunity, Account, Contact, User, …) — and the default "Opportunity Stage" picklist of a new org. The
 * catalogue is deliberately partial: fields a package may touch; an unknown standard field fails loudly as an
 * unknown field. Approximations are listed in the README's "Data layer" section.
 *
 * Field specification mini-language (one string per field):
 *   `<Name> <Type>[(args)] [flags…]`
 *   Types: Text(n) TextArea(n) LongTextArea(n) Url(n) Email Phone Picklist(Set) MultiselectPicklist(Set) Checkbox
 *          Number(p,s) Currency(p,s) Percent(p,s) Integer Date DateTime Time Ref(Obj|Obj…) Id Base64 Address
 *   Flags: req (required on create), ro (system-computed: not createable/updateable), noupd (createable only),
 *          uniq, ext, cs (case-sensitive), rel=<RelationshipName>, child=<ChildRelationshipName>, cascade, setnull,
 *          restrict, restricted (restricted picklist), def=<default formula>, derived, perm (FLS can be restricted),
 *          check=<timezone|locale|language|emailEncoding|currency>
 */
import type { FieldDef, FieldType, ObjectDef, PicklistValue } from './schema-types.js';

/** Opportunity stages of a new org with the values the platform derives from them. */
export const OPPORTUNITY_STAGES: readonly {
    name: string;
    probability: number;
    isClosed: boolean;
    isWon: boolean;
    forecastCategory: string;
    forecastCategoryName: string;
}[] = [
    {
        name: 'Prospecting',
        probability: 10,
        isClosed: false,
        isWon: false,
        forecastCategory: 'Pipeline',
        forecastCategoryName: 'Pipeline'
    },
    {
        name: 'Qualification',
        probability: 10,
        isClosed: false,
        isWon: false,
        forecastCategory: 'Pipeline',
        forecastCategoryName: 'Pipeline'
    },
    {
        name: 'Needs Analysis',
        probability: 20,
        isClosed: false,
        isWon: false,
        forecastCategory: 'Pipeline',
        forecastCategoryName: 'Pipeline'
    },
    {
        name: 'Value Proposition',
        probability: 50,
        isClosed: false,
        isWon: false,
        forecastCategory: 'Pipeline',
        forecastCategoryName: 'Pipeline'
    },
    {
        name: 'Id. Decision Makers',
        probability: 60,
        isClosed: false,
        isWon: false,
        forecastCategory: 'Pipeline',
        forecastCategoryName: 'Pipeline'
    },
    {
        name: 'Perception Analysis',
        probability: 70,
        isClosed: false,
        isWon: false,
        forecastCategory: 'Pipeline',
        forecastCategoryName: 'Pipeline'
    },
    {
        name: 'Proposal/Price Quote',
        probability: 75,
        isClosed: false,
        isWon: false,
        forecastCategory: 'Pipeline',
        forecastCategoryName: 'Pipeline'
    },
    {
        name: 'Negotiation/Review',
        probability: 90,
        isClosed: false,
        isWon: false,
        forecastCategory: 'Pipeline',
        forecastCategoryName: 'Pipeline'
    },
    {
        name: 'Closed Won',
        probability: 100,
        isClosed: true,
        isWon: true,
        forecastCategory: 'Closed',
        forecastCategoryName: 'Closed'
    },
    {
        name: 'Closed Lost',
        probability: 0,
        isClosed: true,
        isWon: false,
        forecastCategory: 'Omitted',
        forecastCategoryName: 'Omitted'
    }
];

const PICKLISTS: Record<string, string[]> = {
    StageName: OPPORTUNITY_STAGES.map((s) => s.name),
    OpportunityType: [
        'Existing Customer - Upgrade',
        'Existing Customer - Replacement',
        'Existing Customer - Downgrade',
        'New Customer'
    ],
    LeadSource: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'],
    ForecastCategoryName: ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed'],
    ForecastCategory: ['Omitted', 'Pipeline', 'BestCase', 'Forecast', 'Closed'],
    Industry: [
        'Agriculture',
        'Apparel',
        'Banking',
        'Biotechnology',
        'Chemicals',
        'Communications',
        'Construction',
        'Consulting',
        'Education',
        'Electronics',
        'Energy',
        'Engineering',
        'Entertainment',
        'Environmental',
        'Finance',
        'Food & Beverage',
        'Government',
        'Healthcare',
        'Hospitality',
        'Insurance',
        'Machinery',
        'Manufacturing',
        'Media',
        'Not For Profit',
        'Recreation',
        'Retail',
        'Shipping',
        'Technology',
        'Telecommunications',
        'Transportation',
        'Utilities',
        'Other'
    ],
    AccountType: [
        'Prospect',
        'Customer - Direct',
        'Customer - Channel',
        'Channel Partner / Reseller',
        'Installation Partner',
        'Technology Partner',
        'Other'
    ],
    Rating: ['Hot', 'Warm', 'Cold'],
    Ownership: ['Public', 'Private', 'Subsidiary', 'Other'],
    Salutation: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'],
    TaskStatus: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
    TaskPriority: ['High', 'Normal', 'Low'],
    TaskSubtype: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'],
    TaskType: ['Call', 'Email', 'Meeting', 'Other'],
    TeamMemberRole: [
        'Account Manager',
        'Channel Manager',
        'Executive Sponsor',
        'Lead Qualifier',
        'Pre-Sales Consultant',
        'Sales Manager',
        'Sales Rep',
        'Opportunity Owner'
    ],
    AccessLevel: ['None', 'Read', 'Edit', 'All'],
    ContactRole: [
        'Business User',
        'Decision Maker',
        'Economic Buyer',
        'Economic Decision Maker',
        'Evaluator',
        'Executive Sponsor',
        'Influencer',
        'Technical Buyer',
        'Other'
    ],
    UserType: [
        'Standard',
        'PowerPartner',
        'PowerCustomerSuccess',
        'CustomerSuccess',
        'Guest',
        'CspLitePortal',
        'CsnOnly',
        'SelfService',
        'AutomatedProcess'
    ],
    ShareType: ['V', 'C', 'I'],
    Visibility: ['AllUsers', 'InternalUsers', 'SharedUsers'],
    AsyncStatus: ['Queued', 'Preparing', 'Processing', 'Completed', 'Failed', 'Aborted', 'Holding'],
    AsyncJobType: [
        'Future',
        'SharingRecalculation',
        'ScheduledApex',
        'BatchApex',
        'BatchApexWorker',
        'TestRequest',
        'TestWorker',
        'ApexToken',
        'Queueable'
    ],
    GroupType: [
        'Regular',
        'Queue',
        'Role',
        'RoleAndSubordinates',
        'Organization',
        'AllCustomerPortal',
        'Manager',
        'ManagerAndSubordinatesInternal'
    ],
    LeadStatus: ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
    CaseStatus: ['New', 'Working', 'Escalated', 'Closed'],
    CaseOrigin: ['Phone', 'Email', 'Web'],
    CasePriority: ['High', 'Medium', 'Low'],
    CampaignStatus: ['Planned', 'In Progress', 'Completed', 'Aborted']
};

const ADDRESS = (p: string, street = 'Street'): string[] => [
    `${p}${street} TextArea(255)`,
    `${p}City Text(40)`,
    `${p}State Text(80)`,
    `${p}PostalCode Text(20)`,
    `${p}Country Text(80)`,
    `${p}StateCode Text(10)`,
    `${p}CountryCode Text(10)`,
    `${p}Latitude Number(18,15)`,
    `${p}Longitude Number(18,15)`,
    `${p}GeocodeAccuracy Text(40)`,
    `${p}Address Address ro`
];

interface StdObjectSpec {
    name: string;
    prefix: string;
    label: string;
    plural: string;
    owner?: boolean;
    setup?: boolean;
    /** DML allowed (default true) */
    dml?: boolean;
    nameField?: string | null;
    audit?: boolean;
    /** Lookup whose record the row's access follows (the Object Reference says so for the object). */
    sharingParent?: string;
    fields: string[];
}

const STANDARD_OBJECTS: StdObjectSpec[] = [
    {
        name: 'Account',
        prefix: '001',
        label: 'Account',
        plural: 'Accounts',
        owner: true,
        fields: [
            'Name Text(255) req',
            'AccountNumber Text(40)',
            'Type Picklist(AccountType)',
            'Industry Picklist(Industry)',
            'AnnualRevenue Currency(18,0)',
            'NumberOfEmployees Integer',
            'Phone Phone',
            'Fax Phone',
            'Website Url(255)',
            'Description LongTextArea(32000)',
            'Rating Picklist(Rating)',
            'Site Text(80)',
            'TickerSymbol Text(20)',
            'Ownership Picklist(Ownership)',
            'Sic Text(20)',
            'AccountSource Picklist(LeadSource)',
            'ParentId Ref(Account) rel=Parent child=ChildAccounts setnull',
            ...ADDRESS('Billing'),
            ...ADDRESS('Shipping'),
            'LastActivityDate Date ro',
            'LastViewedDate DateTime ro',
            'LastReferencedDate DateTime ro'
        ]
    },
    {
        name: 'Contact',
        prefix: '003',
        label: 'Contact',
        plural: 'Contacts',
        owner: true,
        fields: [
            'FirstName Text(40)',
            'LastName Text(80) req',
            'Name Text(121) ro',
            'Salutation Picklist(Salutation)',
            'AccountId Ref(Account) rel=Account child=Contacts cascade',
            'Email Email',
            'Phone Phone',
            'MobilePhone Phone',
            'HomePhone Phone',
            'OtherPhone Phone',
            'Fax Phone',
            'Title Text(128)',
            'Department Text(80)',
            'Birthdate Date',
            'LeadSource Picklist(LeadSource)',
            'Description LongTextArea(32000)',
            'AssistantName Text(40)',
            'ReportsToId Ref(Contact) rel=ReportsTo child=ReportsTo setnull',
            'HasOptedOutOfEmail Checkbox def=false',
            'DoNotCall Checkbox def=false',
            ...ADDRESS('Mailing'),
            ...ADDRESS('Other'),
            'LastActivityDate Date ro'
        ]
    },
    {
        name: 'Opportunity',
        prefix: '006',
        label: 'Opportunity',
        plural: 'Opportunities',
        owner: true,
        fields: [
            'Name Text(120) req',
            'AccountId Ref(Account) rel=Account child=Opportunities cascade',
            'Amount Currency(16,2)',
            'CloseDate Date req',
            'StageName Picklist(StageName) req',
            'Probability Percent(3,0) derived',
            'ExpectedRevenue Currency(16,2) ro derived',
            'TotalOpportunityQuantity Number(16,2)',
            'Description LongTextArea(32000)',
            'Type Picklist(OpportunityType)',
            'LeadSource Picklist(LeadSource)',
            'NextStep Text(255)',
            'IsClosed Checkbox ro derived',
            'IsWon Checkbox ro derived',
            'ForecastCategory Picklist(ForecastCategory) ro derived',
            'ForecastCategoryName Picklist(ForecastCategoryName) derived',
            'IsPrivate Checkbox def=false',
            'CampaignId Ref(Campaign) rel=Campaign child=Opportunities setnull',
            'ContactId Ref(Contact) rel=Contact setnull',
            'HasOpportunityLineItem Checkbox ro',
            'FiscalQuarter Integer ro',
            'FiscalYear Integer ro',
            'Fiscal Text(6) ro',
            'LastActivityDate Date ro',
            'LastStageChangeDate DateTime ro',
            'LastViewedDate DateTime ro',
            'LastReferencedDate DateTime ro',
            'PushCount Integer ro'
        ]
    },
    {
        name: 'OpportunityTeamMember',
        prefix: '00q',
        label: 'Opportunity Team Member',
        plural: 'Opportunity Team Members',
        nameField: 'Name',
        fields: [
            'OpportunityId Ref(Opportunity) req noupd rel=Opportunity child=OpportunityTeamMembers cascade',
            'UserId Ref(User) req noupd rel=User child=OpportunityTeamMembers',
            'TeamMemberRole Picklist(TeamMemberRole)',
            'OpportunityAccessLevel Picklist(AccessLevel) def="Read"',
            'Name Text(121) ro',
            'Title Text(80) ro',
            'PhotoUrl Url(1024) ro'
        ]
    },
    {
        name: 'OpportunityContactRole',
        prefix: '00K',
        label: 'Opportunity Contact Role',
        plural: 'Opportunity Contact Roles',
        nameField: null,
        // Object Reference, "OpportunityContactRole": "The API applies user access rights to the associated
        // Opportunity for this object".
        sharingParent: 'OpportunityId',
        fields: [
            'OpportunityId Ref(Opportunity) req noupd rel=Opportunity child=OpportunityContactRoles cascade',
            'ContactId Ref(Contact) req rel=Contact child=OpportunityContactRoles cascade',
            'Role Picklist(ContactRole)',
            'IsPrimary Checkbox def=false'
        ]
    },
    {
        name: 'OpportunityStage',
        prefix: '01J',
        label: 'Opportunity Stage',
        plural: 'Opportunity Stages',
        dml: false,
        nameField: 'MasterLabel',
        fields: [
            'MasterLabel Text(255) ro',
            'ApiName Text(255) ro',
            'IsActive Checkbox ro',
            'IsClosed Checkbox ro',
            'IsWon Checkbox ro',
            'DefaultProbability Percent(3,0) ro',
            'ForecastCategory Picklist(ForecastCategory) ro',
            'ForecastCategoryName Picklist(ForecastCategoryName) ro',
            'SortOrder Integer ro',
            'Description Text(255) ro'
        ]
    },
    {
        name: 'Campaign',
        prefix: '701',
        label: 'Campaign',
        plural: 'Campaigns',
        owner: true,
        fields: [
            'Name Text(80) req',
            'IsActive Checkbox def=false',
            'Type Text(40)',
            'Status Picklist(CampaignStatus)',
            'StartDate Date',
            'EndDate Date'
        ]
    },
    {
        name: 'Lead',
        prefix: '00Q',
        label: 'Lead',
        plural: 'Leads',
        owner: true,
        fields: [
            'FirstName Text(40)',
            'LastName Text(80) req',
            'Name Text(121) ro',
            'Company Text(255) req',
            'Email Email',
            'Phone Phone',
            'Title Text(128)',
            'Status Picklist(LeadStatus) req def="Open - Not Contacted"',
            'LeadSource Picklist(LeadSource)',
            'Industry Picklist(Industry)',
            'IsConverted Checkbox ro',
            'ConvertedAccountId Ref(Account) ro',
            'ConvertedContactId Ref(Contact) ro',
            'ConvertedOpportunityId Ref(Opportunity) ro',
            'Description LongTextArea(32000)',
            ...ADDRESS('')
        ]
    },
    {
        name: 'Case',
        prefix: '500',
        label: 'Case',
        plural: 'Cases',
        owner: true,
        nameField: 'CaseNumber',
        fields: [
            'CaseNumber Text(30) ro',
            'Subject Text(255)',
            'Description LongTextArea(32000)',
            'Status Picklist(CaseStatus) def="New"',
            'Origin Picklist(CaseOrigin)',
            'Priority Picklist(CasePriority) def="Medium"',
            'AccountId Ref(Account) rel=Account child=Cases setnull',
            'ContactId Ref(Contact) rel=Contact child=Cases setnull',
            'IsClosed Checkbox ro',
            'ClosedDate DateTime ro'
        ]
    },
    {
        name: 'Task',
        prefix: '00T',
        label: 'Task',
        plural: 'Tasks',
        owner: true,
        nameField: 'Subject',
        fields: [
            'Subject Text(255)',
            'Status Picklist(TaskStatus) req def="Not Started"',
            'Priority Picklist(TaskPriority) req def="Normal"',
            'WhatId Ref(Account|Opportunity|Campaign|Case|*) rel=What child=Tasks cascade',
            'WhoId Ref(Contact|Lead) rel=Who child=Tasks cascade',
            'ActivityDate Date',
            'Description LongTextArea(32000)',
            'IsClosed Checkbox ro',
            'TaskSubtype Picklist(TaskSubtype) noupd',
            'Type Picklist(TaskType)',
            'CompletedDateTime DateTime ro',
            'IsHighPriority Checkbox ro',
            'IsReminderSet Checkbox def=false',
            'ReminderDateTime DateTime',
            'CallType Text(40)',
            'CallDurationInSeconds Integer'
        ]
    },
    {
        name: 'Note',
        prefix: '002',
        label: 'Note',
        plural: 'Notes',
        owner: true,
        nameField: 'Title',
        fields: [
            'ParentId Ref(*) req noupd rel=Parent child=Notes cascade',
            'Title Text(80) req',
            'Body LongTextArea(32000)',
            'IsPrivate Checkbox def=false'
        ]
    },
    {
        name: 'ContentDocument',
        prefix: '069',
        label: 'Content Document',
        plural: 'Content Documents',
        owner: true,
        nameField: 'Title',
        fields: [
            'Title Text(255) req',
            'FileType Text(20) ro',
            'FileExtension Text(40) ro',
            'ContentSize Integer ro',
            'LatestPublishedVersionId Ref(ContentVersion) ro',
            'Description TextArea(1000)',
            'IsArchived Checkbox ro',
            'PublishStatus Text(40) ro',
            'ParentId Ref(ContentWorkspace) ro'
        ]
    },
    {
        name: 'ContentNote',
        prefix: '069',
        label: 'Note',
        plural: 'Notes',
        owner: true,
        nameField: 'Title',
        fields: [
            'Title Text(255) req',
            'Content Base64',
            'TextPreview Text(255) ro',
            'FileType Text(20) ro',
            'FileExtension Text(40) ro',
            'IsReadOnly Checkbox ro',
            'ContentSize Integer ro',
            'LatestPublishedVersionId Ref(ContentVersion) ro',
            'LatestContentId Ref(ContentDocument) ro'
        ]
    },
    {
        name: 'ContentVersion',
        prefix: '068',
        label: 'Content Version',
        plural: 'Content Versions',
        owner: true,
        nameField: 'Title',
        fields: [
            'Title Text(255)',
            'PathOnClient Text(500)',
            'VersionData Base64',
            'ContentDocumentId Ref(ContentDocument) noupd rel=ContentDocument child=ContentVersions cascade',
            'FileType Text(20) ro',
            'FileExtension Text(40) ro',
            'IsLatest Checkbox ro',
            'Description TextArea(1000)',
            'FirstPublishLocationId Ref(*) noupd',
            'ContentSize Integer ro',
            'VersionNumber Text(20) ro'
        ]
    },
    {
        name: 'ContentDocumentLink',
        prefix: '06A',
        label: 'Content Document Link',
        plural: 'Content Document Links',
        nameField: null,
        audit: false,
        fields: [
            'ContentDocumentId Ref(ContentDocument) req noupd rel=ContentDocument child=ContentDocumentLinks cascade',
            'LinkedEntityId Ref(*) req noupd rel=LinkedEntity child=ContentDocumentLinks cascade',
            'ShareType Picklist(ShareType) restricted def="V"',
            'Visibility Picklist(Visibility) restricted def="AllUsers"',
            'IsDeleted Checkbox ro',
            'SystemModstamp DateTime ro'
        ]
    },
    {
        name: 'User',
        prefix: '005',
        label: 'User',
        plural: 'Users',
        setup: true,
        fields: [
            'Username Text(80) req uniq',
            'LastName Text(80) req',
            'FirstName Text(40)',
            'Name Text(121) ro',
            'Alias Text(8) req',
            'Email Email req',
            'CommunityNickname Text(40)',
            'Title Text(80)',
            'Department Text(80)',
            'Division Text(80)',
            'CompanyName Text(80)',
            'Phone Phone',
            'MobilePhone Phone',
            'ProfileId Ref(Profile) req rel=Profile child=Users',
            'UserRoleId Ref(UserRole) rel=UserRole child=Users setnull',
            'ManagerId Ref(User) rel=Manager child=ManagedUsers setnull',
            'TimeZoneSidKey Picklist req check=timezone',
            'LocaleSidKey Picklist req check=locale',
            'LanguageLocaleKey Picklist req check=language',
            'EmailEncodingKey Picklist req check=emailEncoding',
            'IsActive Checkbox def=true',
            'UserType Picklist(UserType) ro',
            'FederationIdentifier Text(512)',
            'EmployeeNumber Text(20)',
            'ContactId Ref(Contact) rel=Contact',
            'AccountId Ref(Account) ro',
            'IsPortalEnabled Checkbox ro',
            'LastLoginDate DateTime ro',
            'SmallPhotoUrl Url(1024) ro',
            'FullPhotoUrl Url(1024) ro',
            ...ADDRESS('')
        ]
    },
    {
        name: 'UserRole',
        prefix: '00E',
        label: 'Role',
        plural: 'Roles',
        setup: true,
        fields: [
            'Name Text(80) req',
            'DeveloperName Text(80)',
            'ParentRoleId Ref(UserRole) rel=ParentRole',
            'RollupDescription Text(80)'
        ]
    },
    {
        name: 'Profile',
        prefix: '00e',
        label: 'Profile',
        plural: 'Profiles',
        setup: true,
        dml: false,
        fields: [
            'Name Text(255) req',
            'Description Text(255)',
            'UserType Picklist(UserType) ro',
            'UserLicenseId Ref(UserLicense) ro'
        ]
    },
    {
        name: 'PermissionSet',
        prefix: '0PS',
        label: 'Permission Set',
        plural: 'Permission Sets',
        setup: true,
        fields: [
            'Name Text(80) req',
            'Label Text(80) req',
            'Description Text(255)',
            'IsOwnedByProfile Checkbox ro',
            'ProfileId Ref(Profile) ro rel=Profile',
            'NamespacePrefix Text(15) ro',
            'Type Text(40) ro',
            'LicenseId Ref(PermissionSetLicense) noupd',
            'HasActivationRequired Checkbox def=false',
            'PermissionSetGroupId Ref(PermissionSetGroup) ro'
        ]
    },
    {
        name: 'PermissionSetGroup',
        prefix: '0PG',
        label: 'Permission Set Group',
        plural: 'Permission Set Groups',
        setup: true,
        nameField: 'DeveloperName',
        fields: [
            'DeveloperName Text(80) req',
            'MasterLabel Text(80) req',
            'Description Text(255)',
            'Status Text(40) ro'
        ]
    },
    {
        name: 'PermissionSetAssignment',
        prefix: '0Pa',
        label: 'Permission Set Assignment',
        plural: 'Permission Set Assignments',
        setup: true,
        nameField: null,
        fields: [
            'AssigneeId Ref(User) req noupd rel=Assignee child=PermissionSetAssignments cascade',
            'PermissionSetId Ref(PermissionSet) noupd rel=PermissionSet child=Assignments cascade',
            'PermissionSetGroupId Ref(PermissionSetGroup) noupd rel=PermissionSetGroup child=Assignments cascade',
            'IsActive Checkbox ro',
            'ExpirationDate DateTime'
        ]
    },
    {
        name: 'CustomPermission',
        prefix: '0CP',
        label: 'Custom Permission',
        plural: 'Custom Permissions',
        setup: true,
        dml: false,
        nameField: 'DeveloperName',
        fields: [
            'DeveloperName Text(80) ro',
            'MasterLabel Text(80) ro',
            'NamespacePrefix Text(15) ro',
            'Description Text(255) ro',
            'IsProtected Checkbox ro'
        ]
    },
    {
        name: 'SetupEntityAccess',
        prefix: '0J0',
        label: 'Setup Entity Access',
        plural: 'Setup Entity Access',
        setup: true,
        dml: false,
        nameField: null,
        fields: [
            'ParentId Ref(PermissionSet) ro rel=Parent child=SetupEntityAccessItems',
            'SetupEntityId Ref(CustomPermission|ApexClass) ro',
            'SetupEntityType Text(40) ro'
        ]
    },
    {
        name: 'Organization',
        prefix: '00D',
        label: 'Organization',
        plural: 'Organizations',
        setup: true,
        dml: false,
        fields: [
            'Name Text(80) ro',
            'IsSandbox Checkbox ro',
            'OrganizationType Text(40) ro',
            'InstanceName Text(5) ro',
            'NamespacePrefix Text(15) ro',
            'DefaultLocaleSidKey Text(40) ro',
            'LanguageLocaleKey Text(40) ro',
            'TimeZoneSidKey Text(40) ro',
            'TrialExpirationDate DateTime ro',
            'Country Text(80) ro',
            'PrimaryContact Text(80) ro',
            'Division Text(80) ro',
            'IsReadOnly Checkbox ro',
            'FiscalYearStartMonth Integer ro'
        ]
    },
    {
        name: 'Group',
        prefix: '00G',
        label: 'Group',
        plural: 'Groups',
        setup: true,
        fields: [
            'Name Text(40) req',
            'DeveloperName Text(80)',
            'Type Picklist(GroupType) noupd def="Regular"',
            'Email Email',
            'DoesSendEmailToMembers Checkbox def=false',
            'DoesIncludeBosses Checkbox def=true',
            'RelatedId Ref(UserRole|User) ro'
        ]
    },
    {
        name: 'GroupMember',
        prefix: '011',
        label: 'Group Member',
        plural: 'Group Members',
        setup: true,
        nameField: null,
        fields: [
            'GroupId Ref(Group) req noupd rel=Group child=GroupMembers cascade',
            'UserOrGroupId Ref(User|Group) req noupd'
        ]
    },
    {
        name: 'AsyncApexJob',
        prefix: '707',
        label: 'Apex Job',
        plural: 'Apex Jobs',
        dml: false,
        nameField: null,
        fields: [
            'ApexClassId Ref(ApexClass) ro rel=ApexClass',
            'Status Picklist(AsyncStatus) ro',
            'JobType Picklist(AsyncJobType) ro',
            'JobItemsProcessed Integer ro',
            'TotalJobItems Integer ro',
            'NumberOfErrors Integer ro',
            'CompletedDate DateTime ro',
            'MethodName Text(255) ro',
            'ExtendedStatus Text(255) ro',
            'ParentJobId Ref(AsyncApexJob) ro',
            'LastProcessed Text(15) ro',
            'LastProcessedOffset Integer ro',
            'CronTriggerId Ref(CronTrigger) ro rel=CronTrigger'
        ]
    },
    {
        name: 'CronTrigger',
        prefix: '08e',
        label: 'Scheduled Job',
        plural: 'Scheduled Jobs',
        dml: false,
        nameField: null,
        owner: true,
        fields: [
            'CronJobDetailId Ref(CronJobDetail) ro rel=CronJobDetail',
            'CronExpression Text(255) ro',
            'State Text(16) ro',
            'NextFireTime DateTime ro',
            'PreviousFireTime DateTime ro',
            'StartTime DateTime ro',
            'EndTime DateTime ro',
            'TimesTriggered Integer ro',
            'TimeZoneSidKey Text(40) ro'
        ]
    },
    {
        name: 'CronJobDetail',
        prefix: '08a',
        label: 'Scheduled Job Detail',
        plural: 'Scheduled Job Details',
        dml: false,
        audit: false,
        fields: ['Name Text(255) ro', 'JobType Text(40) ro']
    },
    {
        name: 'ApexClass',
        prefix: '01p',
        label: 'Apex Class',
        plural: 'Apex Classes',
        dml: false,
        fields: [
            'Name Text(255) ro',
            'NamespacePrefix Text(15) ro',
            'Status Text(40) ro',
            'ApiVersion Number(18,1) ro',
            'IsValid Checkbox ro',
            'LengthWithoutComments Integer ro'
        ]
    },
    {
        name: 'ApexTrigger',
        prefix: '01q',
        label: 'Apex Trigger',
        plural: 'Apex Triggers',
        dml: false,
        fields: [
            'Name Text(255) ro',
            'NamespacePrefix Text(15) ro',
            'Status Text(40) ro',
            'TableEnumOrId Text(40) ro',
            'ApiVersion Number(18,1) ro'
        ]
    },
    {
        name: 'CustomNotificationType',
        prefix: '0ML',
        label: 'Custom Notification Type',
        plural: 'Custom Notification Types',
        dml: false,
        nameField: 'DeveloperName',
        fields: [
            'DeveloperName Text(80) ro',
            'MasterLabel Text(80) ro',
            'CustomNotifTypeName Text(80) ro',
            'Description Text(255) ro',
            'NamespacePrefix Text(15) ro'
        ]
    },
    {
        name: 'NamedCredential',
        prefix: '0XA',
        label: 'Named Credential',
        plural: 'Named Credentials',
        setup: true,
        dml: false,
        nameField: 'DeveloperName',
        fields: [
            'DeveloperName Text(80) ro',
            'MasterLabel Text(80) ro',
            'Endpoint Text(1000) ro',
            'NamespacePrefix Text(15) ro',
            'PrincipalType Text(40) ro'
        ]
    },
    {
        name: 'StaticResource',
        prefix: '081',
        label: 'Static Resource',
        plural: 'Static Resources',
        dml: false,
        fields: [
            'Name Text(255) ro',
            'Body Base64 ro',
            'ContentType Text(120) ro',
            'BodyLength Integer ro',
            'NamespacePrefix Text(15) ro'
        ]
    },
    {
        name: 'RecordType',
        prefix: '012',
        label: 'Record Type',
        plural: 'Record Types',
        setup: true,
        dml: false,
        fields: [
            'Name Text(80) ro',
            'DeveloperName Text(80) ro',
            'SobjectType Text(40) ro',
            'IsActive Checkbox ro',
            'Description Text(255) ro',
            'NamespacePrefix Text(15) ro'
        ]
    },
    {
        name: 'UserRecordAccess',
        prefix: '0Hc',
        label: 'User Record Access',
        plural: 'User Record Access',
        dml: false,
        audit: false,
        nameField: null,
        fields: [
            'UserId Ref(User) ro',
            'RecordId Text(18) ro',
            'HasReadAccess Checkbox ro',
            'HasEditAccess Checkbox ro',
            'HasDeleteAccess Checkbox ro',
            'HasTransferAccess Checkbox ro',
            'HasAllAccess Checkbox ro',
            'MaxAccessLevel Text(40) ro'
        ]
    },
    {
        name: 'Site',
        prefix: '0DM',
        label: 'Site',
        plural: 'Sites',
        setup: true,
        dml: false,
        fields: [
            'Name Text(80) ro',
            'MasterLabel Text(80) ro',
            'Subdomain Text(80) ro',
            'UrlPathPrefix Text(40) ro',
            'Status Text(40) ro',
            'SiteType Text(40) ro',
            'GuestUserId Ref(User) ro rel=GuestUser',
            'Description Text(255) ro'
        ]
    },
    {
        name: 'SiteDetail',
        prefix: '0DN',
        label: 'Site Detail',
        plural: 'Site Details',
        dml: false,
        audit: false,
        nameField: null,
        fields: [
            'DurableId Text(18) ro',
            'SecureUrl Url(1024) ro',
            'IsRegistrationEnabled Checkbox ro',
            'IsActive Checkbox ro'
        ]
    },
    {
        name: 'EntityDefinition',
        prefix: '4ie',
        label: 'Entity Definition',
        plural: 'Entity Definitions',
        dml: false,
        audit: false,
        nameField: 'QualifiedApiName',
        fields: [
            'DurableId Text(255) ro',
            'QualifiedApiName Text(255) ro',
            'DeveloperName Text(255) ro',
            'Label Text(255) ro',
            'PluralLabel Text(255) ro',
            'KeyPrefix Text(3) ro',
            'NamespacePrefix Text(15) ro',
            'IsCustomSetting Checkbox ro',
            'IsCustomizable Checkbox ro',
            'IsQueryable Checkbox ro',
            'IsTriggerable Checkbox ro'
        ]
    },
    {
        name: 'FieldDefinition',
        prefix: '4if',
        label: 'Field Definition',
        plural: 'Field Definitions',
        dml: false,
        audit: false,
        nameField: 'QualifiedApiName',
        fields: [
            'DurableId Text(255) ro',
            'QualifiedApiName Text(255) ro',
            'DeveloperName Text(255) ro',
            'Label Text(255) ro',
            'DataType Text(255) ro',
            'Length Integer ro',
            'Precision Integer ro',
            'Scale Integer ro',
            'EntityDefinitionId Text(255) ro',
            'IsNillable Checkbox ro',
            'IsIndexed Checkbox ro',
            'NamespacePrefix Text(15) ro',
            'RelationshipName Text(255) ro',
            'ExtraTypeInfo Text(255) ro',
            'IsCalculated Checkbox ro'
        ]
    }
];

const AUDIT_FIELDS = [
    'Id Id ro',
    'IsDeleted Checkbox ro',
    'CreatedDate DateTime ro',
    'CreatedById Ref(User) ro rel=CreatedBy',
    'LastModifiedDate DateTime ro',
    'LastModifiedById Ref(User) ro rel=LastModifiedBy',
    'SystemModstamp DateTime ro'
];

/** Labels the platform gives standard fields whose label is not derived from the API name. */
const LABEL_OVERRIDES: Record<string, string> = {
    'Opportunity.StageName': 'Stage',
    'Opportunity.Probability': 'Probability (%)',
    'Opportunity.Type': 'Opportunity Type',
    'Opportunity.ExpectedRevenue': 'Expected Amount',
    'Opportunity.ForecastCategoryName': 'Forecast Category',
    'Opportunity.TotalOpportunityQuantity': 'Quantity',
    'Opportunity.IsPrivate': 'Private',
    'Account.Name': 'Account Name',
    'Account.Type': 'Account Type',
    'Account.Sic': 'SIC Code',
    'Account.NumberOfEmployees': 'Employees',
    'Contact.Name': 'Full Name',
    'Lead.Name': 'Full Name',
    'User.Name': 'Full Name',
    'Case.CaseNumber': 'Case Number',
    'Task.WhatId': 'Related To ID',
    'Task.WhoId': 'Name ID',
    'Task.ActivityDate': 'Due Date Only'
};

/** The platform's label convention for a standard field: `AccountId` → `Account ID`, `IsClosed` → `Closed`. */
function standardLabel(name: string): string {
    let base = name;
    let suffix = '';
    if (/[a-z]Id$/.test(base)) {
        base = base.slice(0, -2);
        suffix = ' ID';
    }
    if (/^Is[A-Z]/.test(base)) base = base.slice(2);
    return base.replace(/([a-z])([A-Z])/g, '$1 $2') + suffix;
}

/** Parses one field specification of the mini-language. */
export function parseFieldSpec(spec: string, custom = false): FieldDef {
    const tokens = spec.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
    const [name, typeTok, ...flags] = tokens as [string, string, ...string[]];
    const m = /^(\w+)(?:\(([^)]*)\))?$/.exec(typeTok ?? '');
    if (!m) throw new Error(`bad field spec: ${spec}`);
    const [, t, args] = m;
    const f: FieldDef = {
        name,
        label: standardLabel(name),
        type: 'Text',
        custom,
        required: false,
        unique: false,
        externalId: false,
        caseSensitive: false,
        createable: true,
        updateable: true,
        calculated: false,
        permissionable: true
    };
    switch (t) {
        case 'Ref':
            f.type = 'Lookup';
            f.referenceTo = (args ?? '').split('|').filter(Boolean);
            f.length = 18;
            break;
        case 'Picklist':
        case 'MultiselectPicklist':
            f.type = t as FieldType;
            f.length = 255;
            if (args) {
                const values = PICKLISTS[args];
                if (!values) throw new Error(`unknown picklist set ${args}`);
                f.picklistValues = values.map((v): PicklistValue => ({
                    value: v,
                    label: v,
                    isDefault: false,
                    active: true
                }));
            }
            break;
        case 'Number':
        case 'Currency':
        case 'Percent': {
            f.type = t as FieldType;
            const [p, s] = (args ?? '18,0').split(',').map(Number);
            f.precision = p;
            f.scale = s;
            break;
        }
        case 'Integer':
            f.type = 'Integer';
            f.precision = 9;
            f.scale = 0;
            break;
        case 'Email':
            f.type = 'Email';
            f.length = 80;
            break;
        case 'Phone':
            f.type = 'Phone';
            f.length = 40;
            break;
        case 'Id':
            f.type = 'Id';
            f.length = 18;
            break;
        default:
            f.type = t as FieldType;
            if (args) f.length = Number(args);
    }
    for (const flag of flags) {
        const [k, v] = flag.split('=');
        switch (k) {
            case 'req':
                f.required = true;
                f.permissionable = false;
                break;
            case 'ro':
                f.createable = false;
                f.updateable = false;
                f.calculated = true;
                break;
            case 'noupd':
                f.updateable = false;
                break;
            case 'uniq':
                f.unique = true;
                break;
            case 'ext':
                f.externalId = true;
                break;
            case 'cs':
                f.caseSensitive = true;
                break;
            case 'rel':
                f.relationshipName = v;
                break;
            case 'child':
                f.childRelationshipName = v;
                break;
            case 'cascade':
                f.deleteConstraint = 'Cascade';
                break;
            case 'setnull':
                f.deleteConstraint = 'SetNull';
                break;
            case 'restrict':
                f.deleteConstraint = 'Restrict';
                break;
            case 'restricted':
                f.restricted = true;
                break;
            case 'def':
                f.defaultValue = v;
                break;
            case 'derived':
                f.derived = true;
                break;
            case 'check':
                f.valueCheck = v as FieldDef['valueCheck'];
                f.restricted = true;
                break;
            default:
                throw new Error(`unknown flag ${flag} in ${spec}`);
        }
    }
    if (f.type === 'Lookup' && !f.relationshipName && name.endsWith('Id')) f.relationshipName = name.slice(0, -2);
    if (f.type === 'Checkbox') f.defaultValue ??= 'false';
    return f;
}

/** Builds the standard objects (`multiCurrency` adds `CurrencyIsoCode` where the platform has it). */
export function buildStandardObjects(multiCurrency: boolean): ObjectDef[] {
    const out: ObjectDef[] = [];
    for (const spec of STANDARD_OBJECTS) {
        const fields = new Map<string, FieldDef>();
        const add = (s: string): void => {
            const f = parseFieldSpec(s);
            fields.set(f.name.toLowerCase(), f);
        };
        if (spec.audit === false) add('Id Id ro');
        else AUDIT_FIELDS.forEach(add);
        if (spec.owner) add('OwnerId Ref(User|Group) rel=Owner');
        spec.fields.forEach(add);
        for (const f of fields.values()) {
            const override = LABEL_OVERRIDES[`${spec.name}.${f.name}`];
            if (override) f.label = override;
            else if (f.name === 'Id') f.label = `${spec.label} ID`;
        }
        if (
            multiCurrency &&
            ['Account', 'Contact', 'Opportunity', 'Lead', 'Case', 'Campaign', 'Task', 'User'].includes(spec.name)
        ) {
            add('CurrencyIsoCode Picklist check=currency');
            if (spec.name === 'User') add('DefaultCurrencyIsoCode Picklist check=currency');
        }
        // Fields the platform never lets you restrict by FLS.
        for (const f of fields.values()) {
            if (
                [
                    'Id',
                    'Name',
                    'OwnerId',
                    'CreatedDate',
                    'CreatedById',
                    'LastModifiedDate',
                    'LastModifiedById',
                    'SystemModstamp',
                    'IsDeleted'
                ].includes(f.name)
            ) {
                f.permissionable = false;
            }
        }
        const nameField =
            spec.nameField === null ? undefined : (spec.nameField ?? (fields.has('name') ? 'Name' : undefined));
        const dml = spec.dml !== false;
        out.push({
            name: spec.name,
            label: spec.label,
            pluralLabel: spec.plural,
            keyPrefix: spec.prefix,
            kind: 'standard',
            custom: false,
            fields,
            childRelationships: [],
            setup: !!spec.setup,
            unsupportedAutomation: [],
            createable: dml,
            updateable: dml && !['PermissionSetAssignment', 'GroupMember', 'ContentDocumentLink'].includes(spec.name),
            deletable: dml,
            queryable: true,
            nameField,
            ...(spec.sharingParent ? { sharingModel: 'ControlledByParent', sharingParentField: spec.sharingParent } : {})
        });
    }
    return out;
}

/** Standard profiles seeded in every org (name, user type). */
export const STANDARD_PROFILES: readonly { name: string; modifyAllData: boolean; standardCrud: boolean }[] = [
    { name: 'System Administrator', modifyAllData: true, standardCrud: true },
    { name: 'Standard User', modifyAllData: false, standardCrud: true },
    { name: 'Read Only', modifyAllData: false, standardCrud: false },
    { name: 'Minimum Access - Salesforce', modifyAllData: false, standardCrud: false },
    { name: 'Contract Manager', modifyAllData: false, standardCrud: true },
    { name: 'Marketing User', modifyAllData: false, standardCrud: true },
    { name: 'Solution Manager', modifyAllData: false, standardCrud: true }
];

/** Languages accepted by User.LanguageLocaleKey (fully supported languages). */
export const LANGUAGES = [
    'en_US',
    'en_GB',
    'de',
    'es',
    'es_MX',
    'fr',
    'it',
    'ja',
    'sv',
    'ko',
    'zh_TW',
    'zh_CN',
    'pt_BR',
    'nl_NL',
    'da',
    'th',
    'fi',
    'ru',
    'no'
];

export const EMAIL_ENCODINGS = [
    'UTF-8',
    'ISO-8859-1',
    'Shift_JIS',
    'ISO-2022-JP',
    'EUC-JP',
    'ks_c_5601-1987',
    'Big5',
    'GB2312',
    'Big5-HKSCS',
    'x-SJIS_0213'
];

/**
 * Standard objects that exist on the platform but are not in the runtime's catalogue. Using one fails loudly as
 * unsupported (rather than as the platform's "not supported" error for a name that does not exist).
 */
export const UNMODELLED_STANDARD_OBJECTS: ReadonlySet<string> = new Set(
    [
        'AccountContactRelation',
        'AccountShare',
        'AccountTeamMember',
        'ApexLog',
        'ApexTestResult',
        'ApexTestQueueItem',
        'ApexPage',
        'ApexComponent',
        'Approval',
        'Asset',
        'AsyncApexJob__Unused',
        'Attachment',
        'AuthProvider',
        'AuthSession',
        'BusinessHours',
        'CampaignMember',
        'CaseComment',
        'CaseShare',
        'CollaborationGroup',
        'CollaborationGroupMember',
        'ContactShare',
        'ContentWorkspace',
        'ContentWorkspaceDoc',
        'Contract',
        'CurrencyType',
        'DatedConversionRate',
        'Document',
        'Domain',
        'EmailMessage',
        'EmailTemplate',
        'Entitlement',
        'Event',
        'EventBusSubscriber',
        'EventRelation',
        'ExternalCredential',
        'ExternalDataSource',
        'FeedComment',
        'FeedItem',
        'FieldPermissions',
        'FlowDefinitionView',
        'FlowInterview',
        'Folder',
        'Holiday',
        'Idea',
        'LoginHistory',
        'Macro',
        'ObjectPermissions',
        'OpportunityFieldHistory',
        'OpportunityHistory',
        'OpportunityLineItem',
        'OpportunityShare',
        'OpportunitySplit',
        'Order',
        'OrderItem',
        'OrgWideEmailAddress',
        'Partner',
        'Period',
        'PermissionSetLicense',
        'PermissionSetLicenseAssign',
        'PlatformEventSubscriberConfig',
        'Pricebook2',
        'PricebookEntry',
        'ProcessInstance',
        'ProcessInstanceStep',
        'ProcessInstanceWorkitem',
        'Product2',
        'PushTopic',
        'QueueSobject',
        'Quote',
        'QuoteLineItem',
        'RecentlyViewed',
        'Report',
        'Dashboard',
        'ServiceContract',
        'Solution',
        'Territory2',
        'TopicAssignment',
        'UserLicense',
        'UserLogin',
        'UserPreference',
        'UserTerritory2Association',
        'WorkOrder',
        'ListView',
        'FiscalYearSettings',
        'LightningUsageByPageMetrics',
        'SetupAuditTrail',
        'UserAppInfo',
        'EmailServicesAddress',
        'ConnectedApplication',
        'Community',
        'Network',
        'NetworkMember',
        'Profile__Unused'
    ]
        .filter((n) => !n.endsWith('__Unused'))
        .map((n) => n.toLowerCase())
);
