import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, formatTicks, parseTicks, toOffsetForm } from '../src/clock.ts';
import { compileFilter, ODataError, parseOrderBy, parseSelect, project } from '../src/odata.ts';

const referral = {
    id: '7c1e0f62-4a51-4d8e-9b2a-3e5d6c7a8b90',
    engagementId: 'd2b7c0a4-91f3-4c6e-8a15-0b9e2f4d3c21',
    status: 'Active',
    substatus: 'Accepted',
    type: 'Shared',
    direction: 'Incoming',
    qualification: 'SalesQualified',
    statusReason: null,
    favorite: false,
    updatedDateTime: '2025-03-10T09:12:44.1234567Z',
    customerProfile: { name: "O'Brien Ltd", address: { country: 'US' } },
    details: { dealValue: 120000 },
    team: [{ email: 'john.doe@contoso-partner.example' }, { email: 'jane.roe@contoso-partner.example' }]
};

function matches(filter: string): boolean {
    return compileFilter(filter)(referral);
}

describe('$filter', () => {
    it('evaluates the documented examples', () => {
        assert.equal(matches("engagementId eq 'd2b7c0a4-91f3-4c6e-8a15-0b9e2f4d3c21'"), true);
        assert.equal(matches("status eq 'Active' and qualification eq 'SalesQualified'"), true);
        assert.equal(matches("customerProfile/address/country eq 'US' and direction eq 'Incoming'"), true);
        assert.equal(matches("(type eq 'Shared' and direction eq 'Incoming')"), true);
        assert.equal(matches("(direction eq 'Incoming' and substatus eq 'Pending')"), false);
        assert.equal(
            matches(
                "status eq 'Active' and direction eq 'Incoming' and type eq 'Shared' and team/any(t:t/email eq 'jane.roe@contoso-partner.example')"
            ),
            true
        );
        assert.equal(matches("team/any(t:t/email eq 'nobody@example.com')"), false);
    });

    it('supports ne, gt, ge, lt, le on numbers and strings', () => {
        assert.equal(matches('details/dealValue gt 100000'), true);
        assert.equal(matches('details/dealValue ge 120000'), true);
        assert.equal(matches('details/dealValue lt 120000'), false);
        assert.equal(matches('details/dealValue le 120000.0'), true);
        assert.equal(matches("status ne 'Closed'"), true);
        assert.equal(matches("status gt 'Aardvark'"), true);
    });

    it('combines or, and, not and parentheses with the usual precedence', () => {
        assert.equal(matches("status eq 'New' or status eq 'Active' and direction eq 'Outgoing'"), false);
        assert.equal(matches("(status eq 'New' or status eq 'Active') and direction eq 'Incoming'"), true);
        assert.equal(matches("not (status eq 'Closed')"), true);
        assert.equal(matches("status eq 'Closed' or not direction eq 'Outgoing'"), true);
    });

    it('compares null, booleans, GUID literals and escaped quotes', () => {
        assert.equal(matches('statusReason eq null'), true);
        assert.equal(matches('statusReason ne null'), false);
        assert.equal(matches('missingField eq null'), true);
        assert.equal(matches('favorite eq false'), true);
        assert.equal(matches('engagementId eq D2B7C0A4-91F3-4C6E-8A15-0B9E2F4D3C21'), true);
        assert.equal(matches("customerProfile/name eq 'O''Brien Ltd'"), true);
    });

    it('compares date-times as instants, with any number of fractional digits', () => {
        assert.equal(matches('updatedDateTime gt 2025-03-10T09:12:44.1234566Z'), true);
        assert.equal(matches('updatedDateTime gt 2025-03-10T09:12:44.1234567Z'), false);
        assert.equal(matches('updatedDateTime ge 2025-03-10T09:12:44.1234567Z'), true);
        assert.equal(matches('updatedDateTime lt 2025-03-10T10:12:44+01:00'), false);
        assert.equal(matches("updatedDateTime gt datetime'2025-03-01T00:00:00Z'"), true);
        assert.equal(matches('updatedDateTime lt 2025-03-11'), true);
    });

    it('supports all() and an argument-less any()', () => {
        assert.equal(matches("team/all(t:t/email ne 'x@y.com')"), true);
        assert.equal(matches('team/any()'), true);
        assert.equal(compileFilter('team/any()')({ team: [] }), false);
    });

    it('rejects unsupported or malformed expressions loudly', () => {
        for (const bad of [
            "contains(name, 'Fab')",
            "name/startswith('x')",
            'details/dealValue add 1 eq 2',
            "status eq 'Active",
            "status eq 'Active' and",
            '(status eq 1',
            "status eq 'a' )",
            '',
            'status # 1'
        ]) {
            assert.throws(() => compileFilter(bad), ODataError, bad);
        }
    });
});

describe('$orderby and $select', () => {
    it('accepts only the documented order fields', () => {
        assert.deepEqual(parseOrderBy('updatedDateTime desc', ['createdDateTime', 'updatedDateTime']), [
            { field: 'updatedDateTime', descending: true }
        ]);
        assert.deepEqual(parseOrderBy('createddatetime', ['createdDateTime', 'updatedDateTime']), [
            { field: 'createdDateTime', descending: false }
        ]);
        assert.throws(() => parseOrderBy('name asc', ['createdDateTime']), ODataError);
        assert.throws(() => parseOrderBy('createdDateTime sideways', ['createdDateTime']), ODataError);
    });

    it('projects top-level and nested paths', () => {
        const projected = project(referral, parseSelect('id,status,customerProfile/address/country'));
        assert.deepEqual(projected, {
            id: referral.id,
            status: 'Active',
            customerProfile: { address: { country: 'US' } }
        });
        assert.throws(() => parseSelect('id,na-me'), ODataError);
    });
});

describe('clock formats', () => {
    it('round-trips 7-digit timestamps and converts to the +00:00 form', () => {
        const ticks = parseTicks('2025-03-10T09:12:44.1234567Z');
        assert.ok(ticks !== undefined);
        assert.equal(formatTicks(ticks), '2025-03-10T09:12:44.1234567Z');
        assert.equal(toOffsetForm('2025-03-10T09:12:44.1234567Z'), '2025-03-10T09:12:44.1234567+00:00');
        assert.equal(parseTicks('2025-03-12T21:24:52.040469Z'), parseTicks('2025-03-12T21:24:52.0404690Z'));
        assert.equal(addDays('2025-03-12T21:24:52.0404690Z', 14), '2025-03-26T21:24:52.0404690Z');
        assert.equal(parseTicks('not a date'), undefined);
    });
});
