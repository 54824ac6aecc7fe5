import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Emulator } from '../src/emulator.ts';
import { call, REFERRALS, start } from './helpers.ts';

let pc: Emulator;

before(async () => {
    pc = await start({ webhookDelivery: false });
});
after(async () => {
    await pc.close();
});

function seedMix(): void {
    const rows = [];
    for (let i = 0; i < 25; i++) {
        rows.push({
            id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            name: `Referral ${i}`,
            type: i % 2 === 0 ? 'Shared' : 'Independent',
            direction: i % 3 === 0 ? 'Outgoing' : 'Incoming',
            status: i % 5 === 0 ? 'New' : 'Active',
            substatus: i % 5 === 0 ? 'Pending' : 'Accepted',
            qualification: 'SalesQualified',
            createdDateTime: `2025-01-${String(1 + i).padStart(2, '0')}T10:00:00.0000000Z`,
            updatedDateTime: `2025-02-${String(28 - i).padStart(2, '0')}T10:00:00.${String(i).padStart(7, '0')}Z`,
            customerProfile: { name: `Customer ${i}`, address: { country: i % 4 === 0 ? 'GB' : 'US' } },
            details: { dealValue: 1000 * i },
            team: [{ email: `seller${i % 3}@contoso.example` }]
        });
    }
    pc.admin.seedReferrals(rows);
}

beforeEach(() => {
    pc.admin.reset();
    pc.admin.setConfig({ webhookDelivery: false });
    seedMix();
});

async function list(query: string): Promise<any> {
    const response = await call(pc, 'GET', `${REFERRALS}${query}`);
    assert.equal(response.status, 200, response.text);
    return response.json;
}

describe('list', () => {
    it('returns the OData envelope', async () => {
        const page = await list('');
        assert.equal(page['@odata.context'], 'https://api.partner.microsoft.com/v1.0/$metadata#Referrals');
        assert.equal(page['@odata.count'], 25);
        assert.equal(page.value.length, 25);
        assert.equal(page['@odata.nextLink'], undefined);
        assert.equal(page.value[0].name, 'Referral 0', 'default order: createdDateTime asc');
    });

    it('filters with the documented expressions', async () => {
        const incomingShared = await list(
            `?$filter=${encodeURIComponent("(type eq 'Shared' and direction eq 'Incoming')")}`
        );
        assert.ok(incomingShared.value.every((r: any) => r.type === 'Shared' && r.direction === 'Incoming'));
        assert.equal(incomingShared['@odata.count'], 8);
        const country = await list(
            `?$filter=${encodeURIComponent("customerProfile/address/country eq 'GB' and status eq 'Active'")}`
        );
        assert.deepEqual(
            country.value.map((r: any) => r.name),
            ['Referral 4', 'Referral 8', 'Referral 12', 'Referral 16', 'Referral 24']
        );
        const team = await list(`?$filter=${encodeURIComponent("team/any(t:t/email eq 'seller1@contoso.example')")}`);
        assert.equal(team['@odata.count'], 8);
        const value = await list(`?$filter=${encodeURIComponent("details/dealValue ge 20000 or status eq 'New'")}`);
        assert.equal(value['@odata.count'], 5 + 4, 'i >= 20, plus the New ones 0, 5, 10, 15');
    });

    it('orders by updatedDateTime desc and createdDateTime', async () => {
        const desc = await list('?$orderby=updatedDateTime%20desc&$top=3');
        assert.deepEqual(
            desc.value.map((r: any) => r.name),
            ['Referral 0', 'Referral 1', 'Referral 2']
        );
        const created = await list('?$orderby=createdDateTime desc&$top=2');
        assert.deepEqual(
            created.value.map((r: any) => r.name),
            ['Referral 24', 'Referral 23']
        );
        const bad = await call(pc, 'GET', `${REFERRALS}?$orderby=name`);
        assert.equal(bad.status, 400);
    });

    it('pages with $top and an absolute @odata.nextLink carrying $skiptoken, followed verbatim', async () => {
        const seen: string[] = [];
        let link: string | undefined =
            `${REFERRALS}?$orderby=updatedDateTime%20desc&$top=10&$filter=${encodeURIComponent("direction eq 'Incoming'")}`;
        let pages = 0;
        while (link) {
            const response = await call(pc, 'GET', link);
            assert.equal(response.status, 200, response.text);
            pages++;
            seen.push(...response.json.value.map((r: any) => r.id));
            assert.equal(response.json['@odata.count'], 16);
            link = response.json['@odata.nextLink'];
            if (link) {
                assert.ok(link.startsWith(`${pc.url}${REFERRALS}?`), link);
                assert.match(link, /\$skiptoken=/);
                assert.match(link, /\$orderby=updatedDateTime%20desc/);
            }
        }
        assert.equal(pages, 2);
        assert.equal(seen.length, 16);
        assert.equal(new Set(seen).size, 16);
    });

    it('keeps paging stable when a referral is updated between pages', async () => {
        const first = await list('?$orderby=updatedDateTime%20desc&$top=5');
        const moved = pc.admin.listReferrals().find((r) => r.name === 'Referral 20')!;
        pc.admin.updateReferral(moved.id, { name: 'Referral 20 (edited)' }, null);
        const second = await call(pc, 'GET', first['@odata.nextLink']);
        const names = second.json.value.map((r: any) => r.name);
        assert.deepEqual(names, ['Referral 5', 'Referral 6', 'Referral 7', 'Referral 8', 'Referral 9']);
    });

    it('clamps $top to 100 and pages the rest', async () => {
        pc.admin.seedBulk(150);
        const page = await list('?$top=500');
        assert.equal(page.value.length, 100);
        assert.ok(page['@odata.nextLink']);
        const next = await call(pc, 'GET', page['@odata.nextLink']);
        assert.equal(next.json.value.length, 75);
        assert.equal(next.json['@odata.nextLink'], undefined);
    });

    it('supports $skip, $select, $count, relative links, page counts and the configured page size', async () => {
        const skipped = await list('?$skip=20&$select=id,name,customerProfile/address/country&$count=true');
        assert.equal(skipped.value.length, 5);
        assert.deepEqual(Object.keys(skipped.value[0]).sort(), ['customerProfile', 'id', 'name']);
        assert.deepEqual(skipped.value[0].customerProfile, { address: { country: 'GB' } });
        pc.admin.setConfig({ nextLinkStyle: 'relative', defaultPageSize: 10, countMode: 'page' });
        const page = await list('');
        assert.equal(page.value.length, 10);
        assert.equal(page['@odata.count'], 10);
        assert.ok(page['@odata.nextLink'].startsWith(`${REFERRALS}?$skiptoken=`), page['@odata.nextLink']);
        pc.admin.setConfig({ nextLinkStyle: 'absolute', nextLinkBaseUrl: 'https://api.partner.microsoft.com' });
        const absolute = await list('');
        assert.ok(
            absolute['@odata.nextLink'].startsWith('https://api.partner.microsoft.com/v1.0/engagements/referrals?')
        );
        const zero = await list('?$top=0');
        assert.equal(zero.value.length, 0);
        assert.equal(zero['@odata.nextLink'], undefined);
    });

    it('rejects unsupported options, bad values and foreign skip tokens', async () => {
        for (const query of [
            '?$expand=team',
            '?$search=x',
            '?$top=-1',
            '?$top=ten',
            '?$skip=x',
            '?$count=maybe',
            `?$filter=${encodeURIComponent("contains(name,'x')")}`,
            '?$skiptoken=garbage',
            '?$top=1&$top=2'
        ]) {
            const response = await call(pc, 'GET', `${REFERRALS}${query}`);
            assert.equal(response.status, 400, `${query}: ${response.text}`);
        }
        const page = await list('?$top=5');
        const token = new URL(page['@odata.nextLink']).searchParams.get('$skiptoken');
        const mismatch = await call(pc, 'GET', `${REFERRALS}?$orderby=updatedDateTime desc&$skiptoken=${token}`);
        assert.equal(mismatch.status, 400);
    });

    it('allows date-time filters by default and rejects them when configured (undocumented feature)', async () => {
        const recent = await list(`?$filter=${encodeURIComponent('updatedDateTime gt 2025-02-25T00:00:00Z')}`);
        assert.deepEqual(recent.value.map((r: any) => r.name).sort(), [
            'Referral 0',
            'Referral 1',
            'Referral 2',
            'Referral 3'
        ]);
        pc.admin.setConfig({ dateFilters: 'reject' });
        const rejected = await call(
            pc,
            'GET',
            `${REFERRALS}?$filter=${encodeURIComponent('updatedDateTime gt 2025-02-25T00:00:00Z')}`
        );
        assert.equal(rejected.status, 400);
    });
});
