/**
 * End-to-end: the package's real Apex in the local org (org session of the local runtime) against the Partner
 * Center emulator over loopback HTTP, with signed webhooks delivered to the package's @RestResource. Assertions read
 * real state on both sides: Opportunities and queues in the org, referrals and the request log in the emulator.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LocalOrg } from '../../src/local-org.ts';
import { card, eventually, type Json, microsoftSharesReferral, newOpportunity, opportunity, opportunityByReferral, referral, requests, startOrg, type Card } from './helpers.ts';

let org: LocalOrg;

before(async () => {
    org = await startOrg();
});

after(async () => {
    await org?.close();
});

/** Shares a new Opportunity and waits until it is synced; returns its id and referral id. */
async function sharedOpportunity(name?: string): Promise<{ oppId: string; referralId: string }> {
    const oppId = newOpportunity(org, name);
    org.apex('CoSellCardController.share', { opportunityId: oppId, helpNeeded: null });
    const c = await eventually(org, () => {
        const x = card(org, oppId);
        return x.syncStatus === 'Synced' && x.referralId ? x : null;
    }, 'the shared Opportunity to be synced');
    return { oppId, referralId: c.referralId! };
}

function setAmount(oppId: string, amount: number): void {
    org.anonymous(`Opportunity o = [SELECT Id FROM Opportunity WHERE Id = '${oppId}' WITH USER_MODE]; o.Amount = ${amount}; update as user o;`);
}

describe('scenario 1: a seller shares an Opportunity with Microsoft', () => {
    test('the referral appears in Partner Center, edits PATCH it with the ETag, the card shows Synced', async () => {
        const oppId = newOpportunity(org, 'Contoso - data platform');
        const pending = org.apex<Card>('CoSellCardController.share', { opportunityId: oppId, helpNeeded: 'ProofOfConceptOrDemo' });
        assert.equal(pending.syncStatus, 'Pending');

        const synced = await eventually(org, () => {
            const c = card(org, oppId);
            return c.syncStatus === 'Synced' && c.referralId ? c : null;
        }, 'Synced');
        const created = await referral(org, synced.referralId!);
        assert.equal(created.name, 'Contoso - data platform');
        assert.equal(created.direction, 'Outgoing');
        assert.equal(created.details.dealValue, 50000);
        assert.ok(created.details.requirements?.solutions?.some((s) => s.id.startsWith('1-3RB8XXXX')), 'the solution is on the referral');
        const posts = await requests(org, { method: 'POST', path: '^/v1\\.0/engagements/referrals$' });
        assert.equal(posts.filter((r) => r.status === 201 || r.status === 200).length >= 1, true);
        assert.match(posts[posts.length - 1].headers.authorization, /^Bearer \S+/);
        const etagBefore = opportunity(org, oppId).CoSellETag__c;
        assert.equal(etagBefore, created.eTag, 'the org keeps the eTag it was given');

        setAmount(oppId, 75000);
        const updated = await eventually(org, async () => {
            const r = await referral(org, created.id);
            return r.details.dealValue === 75000 ? r : null;
        }, 'the deal value to reach Partner Center');
        const patches = (await requests(org, { method: 'PATCH', path: created.id })).filter((r) => r.status < 300);
        assert.equal(patches.length, 1, 'one PATCH for one edit');
        assert.equal(patches[0].headers['if-match'], etagBefore, 'PATCH sends the last eTag in If-Match');
        const after = await eventually(org, () => {
            const c = card(org, oppId);
            return c.syncStatus === 'Synced' && c.dealValue === 75000 ? c : null;
        }, 'the card to show the synced edit');
        assert.equal(after.referralId, created.id);
        assert.equal(opportunity(org, oppId).CoSellETag__c, updated.eTag, 'the org moved to the new eTag');
        // The log subscriber (Automated Process) owns the Private log rows; the seller still sees the history.
        const owners = org.query(`SELECT OwnerId FROM CoSellSyncLog__c WHERE Opportunity__c = '${oppId}'`);
        assert.ok(owners.length > 0 && owners.every((r) => r.OwnerId !== org.users.seller), 'log rows are not the seller\'s');
        const shown = new Set(after.timeline.map((e) => `${e.operation}:${e.outcome}`));
        assert.ok(shown.has('Create:Success') && shown.has('Update:Success'), `the card shows the create and the update: ${[...shown]}`);
    });
});

describe('scenario 1b: help requested after sharing a Private deal', () => {
    test('the PATCH adds inviteContext, which a referral shared without help does not have', async () => {
        const { oppId, referralId } = await sharedOpportunity('Contoso - help later');
        assert.equal((await referral(org, referralId)).inviteContext, undefined, 'shared without help: no inviteContext');

        org.anonymous(
            `Opportunity o = [SELECT Id FROM Opportunity WHERE Id = '${oppId}' WITH USER_MODE]; o.CoSellHelpNeeded__c = 'QuotesOrLicensing'; update as user o;`
        );
        await eventually(org, async () => {
            const r = await referral(org, referralId);
            return (r.inviteContext as Json | undefined)?.assistanceRequestCode === 'QuotesOrLicensing' ? r : null;
        }, 'the help code to reach Partner Center');
        const patches = await requests(org, { method: 'PATCH', path: referralId });
        assert.ok(patches.length >= 1 && patches.every((r) => r.status < 300), 'Partner Center accepted the PATCH');
        await eventually(org, () => card(org, oppId).syncStatus === 'Synced', 'Synced after the help request');
    });
});

describe('scenario 2: a Microsoft seller shares a co-sell referral', () => {
    test('a signed webhook creates the Opportunity with its card data; updates flow; accept', async () => {
        const ref = await microsoftSharesReferral(org, 'Fabrikam - Azure migration', 120000);
        const [opp] = await eventually(org, () => {
            const rows = opportunityByReferral(org, ref.id);
            return rows.length ? rows : null;
        }, 'the incoming Opportunity');
        assert.equal(opp.CoSellDirection__c, 'Incoming');
        assert.equal(opp.CoSellStatus__c, 'New');
        assert.equal(opp.CoSellSubstatus__c, 'Pending');
        assert.equal(opp.Amount, 120000);
        const oppId = String(opp.Id);

        const c = card(org, oppId);
        assert.equal(c.referralId, ref.id);
        assert.equal(c.direction, 'Incoming');
        assert.equal(c.dealValue, 120000);
        assert.ok(c.allowedActions.includes('accept') && c.allowedActions.includes('decline'), `actions: ${c.allowedActions}`);

        await org.emulator.admin('POST', `/seller/referrals/${ref.id}/deal`, { dealValue: 150000 });
        await eventually(org, () => opportunity(org, oppId).Amount === 150000, 'the deal update to reach the Opportunity');

        org.apex('CoSellCardController.accept', { opportunityId: oppId });
        const accepted = await eventually(org, async () => {
            const r = await referral(org, ref.id);
            return r.status === 'Active' ? r : null;
        }, 'the referral to be accepted in Partner Center');
        assert.equal(accepted.substatus, 'Accepted');
        await eventually(org, () => {
            const o = opportunity(org, oppId);
            return o.CoSellStatus__c === 'Active' && o.CoSellSubstatus__c === 'Accepted' && o.CoSellSyncStatus__c === 'Synced';
        }, 'the Opportunity to show Active / Accepted');
    });

    test('decline closes the referral with the reason', async () => {
        const ref = await microsoftSharesReferral(org, 'Northwind - security review', 30000);
        const [opp] = await eventually(org, () => {
            const rows = opportunityByReferral(org, ref.id);
            return rows.length ? rows : null;
        }, 'the incoming Opportunity');
        org.apex('CoSellCardController.decline', { opportunityId: String(opp.Id), reason: 'Customer chose another partner' });
        const declined = await eventually(org, async () => {
            const r = await referral(org, ref.id);
            return r.status === 'Closed' ? r : null;
        }, 'the referral to be declined');
        assert.equal(declined.substatus, 'Declined');
        assert.equal(declined.statusReason, 'Customer chose another partner');
        await eventually(org, () => opportunity(org, String(opp.Id)).CoSellSubstatus__c === 'Declined', 'the Opportunity to show Declined');
    });
});

describe('failure modes', () => {
    test('a lost webhook is repaired by the scheduled reconciliation', async () => {
        const ref = await microsoftSharesReferral(org, 'Adatum - lost webhook', 40000);
        const [opp] = await eventually(org, () => {
            const rows = opportunityByReferral(org, ref.id);
            return rows.length ? rows : null;
        }, 'the incoming Opportunity');
        await org.emulator.admin('POST', '/webhooks/faults', { kind: 'drop' });
        await org.emulator.admin('POST', `/seller/referrals/${ref.id}/deal`, { dealValue: 44000 });
        await org.settle();
        const dropped = await org.emulator.admin<{ state: string }[]>('GET', '/webhooks/deliveries?state=dropped');
        assert.ok(dropped.length >= 1, 'the emulator dropped the notification');
        assert.equal(opportunity(org, String(opp.Id)).Amount, 40000, 'nothing reached the org');

        org.session.fireScheduled('CoSellReconciliationJob');
        await eventually(org, () => opportunity(org, String(opp.Id)).Amount === 44000, 'reconciliation to apply the missed change');
        const polls = await requests(org, { method: 'GET', path: '^/v1\\.0/engagements/referrals\\?' });
        assert.ok(polls.length >= 1, 'reconciliation listed referrals');
    });

    test('an ETag conflict (412) shows Conflict and resolves with KeepOurs', async () => {
        const { oppId, referralId } = await sharedOpportunity('Contoso - conflict');
        // Microsoft changes the referral and the notification is lost: the org's eTag is now stale
        await org.emulator.admin('POST', '/webhooks/faults', { kind: 'drop' });
        await org.emulator.admin('PATCH', `/referrals/${referralId}`, { details: { notes: 'Changed by the Microsoft seller' } });
        await org.settle();
        setAmount(oppId, 61000);
        await eventually(org, () => card(org, oppId).syncStatus === 'Conflict', 'Conflict');
        const failed = (await requests(org, { method: 'PATCH', path: referralId })).filter((r) => r.status === 412);
        assert.equal(failed.length, 1, 'Partner Center refused the stale If-Match');
        assert.notEqual((await referral(org, referralId)).details.dealValue, 61000);
        assert.ok(card(org, oppId).allowedActions.includes('resolveConflict'));

        org.apex('CoSellCardController.resolveConflict', { opportunityId: oppId, resolution: 'KeepOurs' });
        await eventually(org, async () => (await referral(org, referralId)).details.dealValue === 61000, 'our value to win');
        await eventually(org, () => card(org, oppId).syncStatus === 'Synced', 'Synced after the resolution');
    });

    test('throttling (429 + Retry-After) is retried after the delay', async () => {
        const { oppId, referralId } = await sharedOpportunity('Contoso - throttled');
        await org.emulator.admin('POST', '/faults', { status: 429, retryAfter: 1, method: 'PATCH', path: referralId });
        setAmount(oppId, 52000);
        await org.settle();
        const throttled = (await requests(org, { method: 'PATCH', path: referralId })).filter((r) => r.status === 429);
        assert.equal(throttled.length, 1);
        assert.notEqual((await referral(org, referralId)).details.dealValue, 52000, 'not applied yet');
        const outbox = org.query(`SELECT Status__c, NextAttemptAt__c, HttpStatus__c FROM CoSellOutbox__c WHERE Opportunity__c = '${oppId}' AND Status__c != 'Done'`);
        assert.equal(outbox.length, 1);
        assert.equal(outbox[0].Status__c, 'Retry');
        assert.ok(org.session.delayedJobs.length >= 1, 'a delayed retry is queued');

        org.session.advanceClock(2 * 60_000);
        await eventually(org, async () => (await referral(org, referralId)).details.dealValue === 52000, 'the retry to succeed');
        await eventually(org, () => card(org, oppId).syncStatus === 'Synced', 'Synced after the retry');
    });

    test('an expired credential blocks sync (AuthBlocked) until the admin reconnects', async () => {
        const { oppId, referralId } = await sharedOpportunity('Contoso - expired token');
        await org.emulator.admin('POST', '/token/expire');
        try {
            setAmount(oppId, 58000);
            await eventually(org, () => card(org, oppId).syncStatus === 'AuthBlocked', 'AuthBlocked');
            const refused = (await requests(org, { method: 'PATCH', path: referralId })).filter((r) => r.status === 401);
            assert.ok(refused.length >= 1);
            const health = await eventually(org, () => {
                const h = org.apex<{ authState: string; recentFailures: number }>('CoSellSetupController.getHealth', {}, 'admin');
                return h.recentFailures >= 1 ? h : null;
            }, 'the blocked attempt among the last day\'s failures on the health card');
            assert.equal(health.authState, 'Blocked');
        } finally {
            await org.emulator.admin('POST', '/token/reset');
        }
        const result = org.apex<{ ok: boolean }>('CoSellSetupController.testConnection', {}, 'admin');
        assert.equal(result.ok, true);
        await eventually(org, async () => (await referral(org, referralId)).details.dealValue === 58000, 'the blocked change to go through');
        await eventually(org, () => card(org, oppId).syncStatus === 'Synced', 'Synced after reconnecting');
    });

    test('duplicate webhook deliveries produce exactly one effect', async () => {
        const ref = await microsoftSharesReferral(org, 'Tailspin - duplicates', 20000);
        const [opp] = await eventually(org, () => {
            const rows = opportunityByReferral(org, ref.id);
            return rows.length ? rows : null;
        }, 'the incoming Opportunity');
        const before = (await requests(org, { method: 'GET', path: `referrals/${ref.id}$` })).length;
        const txBefore = org.session.transactions.length;
        await org.emulator.admin('POST', '/webhooks/faults', { kind: 'duplicate', copies: 3 });
        await org.emulator.admin('POST', `/seller/referrals/${ref.id}/deal`, { dealValue: 25000 });
        await eventually(org, () => opportunity(org, String(opp.Id)).Amount === 25000, 'the update');
        await org.settle();
        const webhookCalls = org.session.transactions.slice(txBefore).filter((t) => t.kind === 'rest');
        assert.equal(webhookCalls.length, 3, 'three identical deliveries reached the resource');
        const fetches = (await requests(org, { method: 'GET', path: `referrals/${ref.id}$` })).length - before;
        assert.equal(fetches, 1, 'the referral was fetched once');
        const receipts = org.query(`SELECT Key__c FROM CoSellWebhookReceipt__c WHERE ReferralId__c = '${ref.id}'`);
        assert.equal(new Set(receipts.map((r) => r.Key__c)).size, receipts.length, 'receipts are unique');
        const inbox = org.query(`SELECT Key__c FROM CoSellInbox__c WHERE ReferralId__c = '${ref.id}'`);
        assert.equal(inbox.length, new Set(inbox.map((r) => r.Key__c)).size);
        assert.equal(inbox.length, 2, 'one inbox row for the creation, one for the update');
    });
});
