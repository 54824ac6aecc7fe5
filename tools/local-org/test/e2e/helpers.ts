/** Helpers shared by the end-to-end tests: one local org per file, the seller's and Microsoft's actions. */
import { LocalOrg } from '../../src/local-org.ts';

export type Json = Record<string, unknown>;

export interface Referral extends Json {
    id: string;
    eTag: string;
    status: string;
    substatus: string;
    details: { dealValue?: number; closingDateTime?: string; notes?: string; requirements?: { solutions?: { id: string }[] } };
}

export interface Card extends Json {
    opportunityId: string;
    referralId: string | null;
    syncStatus: string;
    status: string | null;
    substatus: string | null;
    direction: string | null;
    dealValue: number | null;
    solutions: { solutionId: string }[];
    allowedActions: string[];
    lastError: string | null;
    timeline: { operation: string; outcome: string; message: string | null }[];
}

export interface LoggedRequest {
    seq: number;
    method: string;
    path: string;
    headers: Record<string, string>;
    body: string;
    status: number;
    fault: string | null;
}

/** Starts an in-memory local org with fast emulator retries (the e2e suites must stay quick). */
export function startOrg(): Promise<LocalOrg> {
    return LocalOrg.start({ stateDir: null, asyncMode: 'deferred', emulatorConfig: { retryBaseMs: 20, retryMaxMs: 200 } });
}

let counter = 0;

/** Inserts an Account + Opportunity with one solution as the seller; returns the Opportunity Id. */
export function newOpportunity(org: LocalOrg, name = `Contoso e2e ${++counter}`, amount = 50000): string {
    const debug = org.anonymous(`
        Account a = new Account(Name = '${name} account', BillingCountryCode = 'US', BillingCountry = 'United States');
        insert a;
        Opportunity o = new Opportunity(Name = '${name}', AccountId = a.Id, StageName = 'Prospecting',
            CloseDate = Date.today().addDays(45), Amount = ${amount}, Description = 'Pilot for the data platform');
        insert o;
        Contact c = new Contact(AccountId = a.Id, FirstName = 'Jo', LastName = 'Buyer${counter}', Email = 'jo.buyer${counter}@contoso.example');
        insert c;
        insert new OpportunityContactRole(OpportunityId = o.Id, ContactId = c.Id, IsPrimary = true, Role = 'Decision Maker');
        insert new CoSellSolution__c(Opportunity__c = o.Id, SolutionId__c = '1-3RB8XXXX${counter}', SolutionName__c = 'Contoso Data Platform', SolutionType__c = 'IP');
        System.debug(o.Id);`);
    return debug[debug.length - 1];
}

export function card(org: LocalOrg, opportunityId: string): Card {
    return org.apex<Card>('CoSellCardController.getCard', { opportunityId });
}

export function opportunity(org: LocalOrg, id: string): Json {
    const rows = org.query(
        `SELECT Id, Name, Amount, CloseDate, Description, CoSellReferralId__c, CoSellSyncStatus__c, CoSellStatus__c, CoSellSubstatus__c,
            CoSellDirection__c, CoSellETag__c, CoSellLastError__c, CoSellStatusReason__c, CoSellSyncEnabled__c, CoSellExpiresAt__c
         FROM Opportunity WHERE Id = '${id}'`,
    );
    if (!rows.length) throw new Error(`no Opportunity ${id}`);
    return rows[0];
}

export function opportunityByReferral(org: LocalOrg, referralId: string): Json[] {
    return org.query(`SELECT Id, Name, Amount, CloseDate, CoSellSyncStatus__c, CoSellStatus__c, CoSellSubstatus__c, CoSellDirection__c, CoSellETag__c
        FROM Opportunity WHERE CoSellReferralId__c = '${referralId}'`);
}

export function referral(org: LocalOrg, id: string): Promise<Referral> {
    return org.emulator.admin<Referral>('GET', `/referrals/${id}`);
}

export async function requests(org: LocalOrg, filter: { method?: string; path?: string } = {}): Promise<LoggedRequest[]> {
    const q = new URLSearchParams();
    if (filter.method) q.set('method', filter.method);
    if (filter.path) q.set('path', filter.path);
    const r = await org.emulator.admin<LoggedRequest[] | { requests: LoggedRequest[] }>('GET', `/requests?${q}`);
    return Array.isArray(r) ? r : r.requests;
}

/** A Microsoft seller shares a co-sell referral (signed webhook follows). */
export async function microsoftSharesReferral(org: LocalOrg, name: string, dealValue = 120000): Promise<Referral> {
    return org.emulator.admin<Referral>('POST', '/seller/referrals', { name, details: { dealValue, currency: 'USD' } });
}

/** Polls `check` (after settling the org) until it returns a truthy value. */
export async function eventually<T>(org: LocalOrg, check: () => T | Promise<T>, what: string, timeoutMs = 15000): Promise<NonNullable<T>> {
    const end = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
        await org.settle();
        try {
            const v = await check();
            if (v) return v as NonNullable<T>;
            last = v;
        } catch (e) {
            last = e;
        }
        if (Date.now() > end) {
            const failed = org.session.transactions.filter((t) => !t.ok).slice(-5).map((t) => `${t.label}: ${t.error}`);
            const errors = (await requests(org)).filter((r) => r.status >= 400).slice(-5).map((r) => `${r.method} ${r.path} → ${r.status} ${r.body.slice(0, 200)}`);
            const logs = org.query('SELECT Operation__c, Outcome__c, HttpStatus__c, Message__c FROM CoSellSyncLog__c').slice(-5).map((l) => JSON.stringify(l));
            throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}\nfailed transactions:\n${failed.join('\n')}\nPartner Center errors:\n${errors.join('\n')}\nsync log:\n${logs.join('\n')}`);
        }
        await new Promise((r) => setTimeout(r, 50));
    }
}
