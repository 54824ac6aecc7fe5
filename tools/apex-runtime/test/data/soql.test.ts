/**
 * SOQL semantics.
 * Sources ("SOQL and SOSL Reference", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/):
 * - ORDER BY (sforce_api_calls_soql_select_orderby.htm): "By default, null values are sorted first", "Sorting is case
 *   insensitive", ascending by default;
 * - Comparison Operators (sforce_api_calls_soql_select_comparisonoperators.htm): `=` and LIKE on text are case
 *   insensitive; IN / NOT IN; INCLUDES / EXCLUDES on multi-select picklists; semi-joins with `IN (SELECT …)`;
 * - Date Formats and Date Literals (sforce_api_calls_soql_select_dateformats.htm);
 * - Aggregate Functions (sforce_api_calls_soql_select_agg_functions.htm): `expr0` aliases, COUNT(), GROUP BY, HAVING;
 * - Relationship Queries (sforce_api_calls_soql_relationships_query_using.htm): parent paths, child sub-queries;
 * - Object Reference, ContentDocumentLink: queries need a filter on ContentDocumentId or LinkedEntityId;
 * - Apex Reference, Database.queryWithBinds (bind map) and Database.countQuery.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SObjectRecord, isUnsupportedError, type Org } from '../../src/data/index.js';
import { ApexDate, ApexDatetime, Decimal, setClock } from '../../src/values/index.js';
import { binds, dataOrg, rec } from './helpers.js';

function seed(): Org & { acc: SObjectRecord; invs: SObjectRecord[] } {
    const org = dataOrg();
    const acc = rec('Account', { Name: 'Acme', BillingCountryCode: 'DE' });
    org.db.insert([acc]);
    const invs = [
        rec('Invoice__c', {
            Name: 'beta',
            Amount__c: Decimal.parse('20'),
            Account__c: acc.id,
            Status__c: 'Sent',
            Tags__c: 'Red;Blue',
            Due__c: ApexDate.newInstance(2025, 3, 1)
        }),
        rec('Invoice__c', { Name: 'Alpha', Amount__c: null, Status__c: 'Draft', Tags__c: 'Green' }),
        rec('Invoice__c', { Name: 'gamma', Amount__c: Decimal.parse('5.5'), Account__c: acc.id, Status__c: 'Paid' })
    ];
    org.db.insert(invs);
    org.db.insert([
        rec('InvoiceLine__c', { Invoice__c: invs[0].id, Quantity__c: 1 }),
        rec('InvoiceLine__c', { Invoice__c: invs[0].id, Quantity__c: 3 })
    ]);
    return { ...org, acc, invs };
}

const names = (rows: unknown): string[] => (rows as SObjectRecord[]).map((r) => String(r.get('Name')));

test('ORDER BY: ascending, case-insensitive, nulls first by default, NULLS LAST, DESC', () => {
    const { soql } = seed();
    assert.deepEqual(names(soql.query('SELECT Name FROM Invoice__c ORDER BY Name', binds())), [
        'Alpha',
        'beta',
        'gamma'
    ]);
    assert.deepEqual(names(soql.query('SELECT Name FROM Invoice__c ORDER BY Amount__c', binds())), [
        'Alpha',
        'gamma',
        'beta'
    ]);
    assert.deepEqual(names(soql.query('SELECT Name FROM Invoice__c ORDER BY Amount__c DESC', binds())), [
        'Alpha',
        'beta',
        'gamma'
    ]);
    assert.deepEqual(names(soql.query('SELECT Name FROM Invoice__c ORDER BY Amount__c DESC NULLS LAST', binds())), [
        'beta',
        'gamma',
        'Alpha'
    ]);
    assert.deepEqual(
        names(soql.query('SELECT Name FROM Invoice__c ORDER BY Amount__c ASC NULLS LAST LIMIT 2 OFFSET 1', binds())),
        ['beta', 'Alpha']
    );
});

test('WHERE: case-insensitive = and LIKE, != includes nulls, IN with a bind list, AND/OR/NOT', () => {
    const { soql } = seed();
    assert.deepEqual(names(soql.query("SELECT Name FROM Invoice__c WHERE Name = 'ALPHA'", binds())), ['Alpha']);
    assert.deepEqual(names(soql.query("SELECT Name FROM Invoice__c WHERE Name LIKE '%A' ORDER BY Name", binds())), [
        'Alpha',
        'beta',
        'gamma'
    ]);
    assert.deepEqual(names(soql.query("SELECT Name FROM Invoice__c WHERE Name LIKE 'g_mma'", binds())), ['gamma']);
    assert.deepEqual(names(soql.query('SELECT Name FROM Invoice__c WHERE Amount__c != 20 ORDER BY Name', binds())), [
        'Alpha',
        'gamma'
    ]);
    assert.deepEqual(names(soql.query('SELECT Name FROM Invoice__c WHERE Amount__c = null', binds())), ['Alpha']);
    assert.deepEqual(names(soql.query('SELECT Name FROM Invoice__c WHERE Amount__c > 5 ORDER BY Amount__c', binds())), [
        'gamma',
        'beta'
    ]);
    assert.deepEqual(
        names(
            soql.query(
                'SELECT Name FROM Invoice__c WHERE Status__c IN :statuses ORDER BY Name',
                binds({ statuses: { items: ['sent', 'PAID'] } })
            )
        ),
        ['beta', 'gamma']
    );
    assert.deepEqual(
        names(
            soql.query(
                "SELECT Name FROM Invoice__c WHERE Status__c NOT IN ('Draft') AND (Amount__c < 10 OR Name = 'beta') ORDER BY Name",
                binds()
            )
        ),
        ['beta', 'gamma']
    );
    assert.deepEqual(names(soql.query("SELECT Name FROM Invoice__c WHERE NOT Name LIKE 'a%' ORDER BY Name", binds())), [
        'beta',
        'gamma'
    ]);
    assert.deepEqual(
        names(
            soql.query(
                "SELECT Name FROM Invoice__c WHERE Tags__c INCLUDES ('Blue', 'Green;Red') ORDER BY Name",
                binds()
            )
        ),
        ['beta']
    );
    assert.deepEqual(
        names(soql.query("SELECT Name FROM Invoice__c WHERE Tags__c EXCLUDES ('Red') ORDER BY Name", binds())),
        ['Alpha', 'gamma']
    );
});

test('Id binds accept 15- or 18-character Ids and SObjects; invalid Ids are a QueryException', () => {
    const { soql, invs } = seed();
    assert.deepEqual(
        names(soql.query('SELECT Name FROM Invoice__c WHERE Id = :id', binds({ id: invs[2].id!.slice(0, 15) }))),
        ['gamma']
    );
    assert.deepEqual(
        names(
            soql.query(
                'SELECT Name FROM Invoice__c WHERE Id IN :recs ORDER BY Name',
                binds({ recs: [invs[0], invs[1]] })
            )
        ),
        ['Alpha', 'beta']
    );
    assert.throws(
        () => soql.query('SELECT Name FROM Invoice__c WHERE Id = :id', binds({ id: 'nope' })),
        /invalid ID field: nope/
    );
});

test('parent paths, child sub-queries and semi-joins', () => {
    const { soql, acc } = seed();
    const rows = soql.query(
        "SELECT Name, Account__r.Name, Account__r.BillingCountryCode, (SELECT Quantity__c FROM Lines__r ORDER BY Quantity__c DESC) FROM Invoice__c WHERE Account__r.Name = 'acme' ORDER BY Name",
        binds()
    ) as SObjectRecord[];
    assert.deepEqual(names(rows), ['beta', 'gamma']);
    const parent = rows[0].get('Account__r') as SObjectRecord;
    assert.equal(parent.get('Name'), 'Acme');
    assert.equal(parent.get('Id'), acc.id);
    const lines = rows[0].getChildren('lines__r')!;
    assert.deepEqual(
        lines.map((l) => (l.get('Quantity__c') as Decimal).toString()),
        ['3', '1']
    );
    assert.deepEqual(rows[1].getChildren('Lines__r'), []);
    const noParent = soql.query(
        "SELECT Account__r.Name FROM Invoice__c WHERE Name = 'Alpha'",
        binds()
    ) as SObjectRecord[];
    assert.equal(noParent[0].get('Account__r'), null);
    assert.deepEqual(
        names(
            soql.query(
                "SELECT Name FROM Account WHERE Id IN (SELECT Account__c FROM Invoice__c WHERE Status__c = 'Paid')",
                binds()
            )
        ),
        ['Acme']
    );
    assert.deepEqual(
        names(soql.query('SELECT Name FROM Account WHERE Id NOT IN (SELECT Account__c FROM Invoice__c)', binds())),
        []
    );
});

test('selected fields only (plus Id), in select order; reading an unqueried field throws', () => {
    // Apex Developer Guide, "SOQL For Loops"/"Working with SOQL query results": "SObject row was retrieved via SOQL
    // without querying the requested field" is a System.SObjectException.
    const { soql } = seed();
    const [row] = soql.query(
        "SELECT Status__c, Name, Account__r.Name FROM Invoice__c WHERE Name = 'Alpha'",
        binds()
    ) as SObjectRecord[];
    assert.deepEqual(row.fieldNames(), ['Status__c', 'Name', 'Account__r', 'Id']);
    assert.equal(row.has('Amount__c'), false);
    assert.equal(row.getChecked('account__r'), null);
    assert.throws(
        () => row.getChecked('amount__c', 'Amount__c'),
        /SObject row was retrieved via SOQL without querying the requested field: Invoice__c.Amount__c/
    );
    assert.equal(rec('Invoice__c', {}).getChecked('Amount__c'), null);
});

test('COUNT(), aggregates with GROUP BY / HAVING and expr aliases', () => {
    const { soql } = seed();
    assert.equal(soql.query('SELECT COUNT() FROM Invoice__c WHERE Account__c != null', binds()), 2);
    assert.equal(soql.countQuery('SELECT COUNT() FROM Invoice__c', binds()), 3);
    const [total] = soql.query(
        'SELECT COUNT(Id), SUM(Amount__c), MAX(Amount__c), AVG(Amount__c) FROM Invoice__c',
        binds()
    ) as SObjectRecord[];
    assert.equal(total.type, 'AggregateResult');
    assert.equal(total.get('expr0'), 3);
    assert.equal((total.get('expr1') as Decimal).toString(), '25.50');
    assert.equal((total.get('expr2') as Decimal).toString(), '20.00');
    assert.equal((total.get('expr3') as Decimal).compareTo(Decimal.parse('12.75')), 0);
    const grouped = soql.query(
        'SELECT Account__c acc, COUNT(Id) n FROM Invoice__c GROUP BY Account__c HAVING COUNT(Id) > 1',
        binds()
    ) as SObjectRecord[];
    assert.equal(grouped.length, 1);
    assert.equal(grouped[0].get('n'), 2);
    assert.throws(
        () => soql.query('SELECT Name, COUNT(Id) FROM Invoice__c', binds()),
        /Field must be grouped or aggregated: Name/
    );
});

test('date literals use the running user calendar', () => {
    const { db, soql } = dataOrg();
    setClock(() => Date.UTC(2025, 2, 5, 12, 0, 0)); // Wednesday 2025-03-05
    try {
        const mk = (name: string, due: ApexDate) => rec('Invoice__c', { Name: name, Due__c: due });
        db.insert([
            mk('yesterday', ApexDate.newInstance(2025, 3, 4)),
            mk('today', ApexDate.newInstance(2025, 3, 5)),
            mk('lastMonth', ApexDate.newInstance(2025, 2, 14)),
            mk('nextWeek', ApexDate.newInstance(2025, 3, 10))
        ]);
        const q = (w: string) => names(soql.query(`SELECT Name FROM Invoice__c WHERE ${w} ORDER BY Due__c`, binds()));
        assert.deepEqual(q('Due__c = TODAY'), ['today']);
        assert.deepEqual(q('Due__c < TODAY'), ['lastMonth', 'yesterday']);
        assert.deepEqual(q('Due__c = LAST_N_DAYS:1'), ['yesterday', 'today']);
        assert.deepEqual(q('Due__c = LAST_MONTH'), ['lastMonth']);
        assert.deepEqual(q('Due__c = THIS_WEEK'), ['yesterday', 'today']);
        assert.deepEqual(q('Due__c = NEXT_WEEK'), ['nextWeek']);
        assert.deepEqual(q('Due__c > 2025-03-04'), ['today', 'nextWeek']);
        assert.deepEqual(q('CreatedDate = TODAY AND Due__c >= YESTERDAY'), ['yesterday', 'today', 'nextWeek']);
        assert.deepEqual(q('CreatedDate > 2025-03-05T11:00:00Z'), ['lastMonth', 'yesterday', 'today', 'nextWeek']);
        assert.deepEqual(q('CALENDAR_MONTH(Due__c) = 2'), ['lastMonth']);
    } finally {
        setClock(() => Date.now());
    }
    assert.ok(ApexDatetime.now().getTime() > Date.UTC(2025, 2, 6));
});

test('QueryException messages for unknown fields, objects and relationships; syntax errors', () => {
    const { soql } = dataOrg();
    const msg = (q: string): string => {
        try {
            soql.query(q, binds());
        } catch (e) {
            assert.equal((e as { apexType?: string }).apexType, 'System.QueryException');
            return (e as Error).message;
        }
        return 'no error';
    };
    assert.match(msg('SELECT Bogus__c FROM Invoice__c'), /^No such column 'Bogus__c' on entity 'Invoice__c'/);
    assert.match(msg('SELECT Id FROM Nope__c'), /^sObject type 'Nope__c' is not supported/);
    assert.match(msg('SELECT Foo__r.Name FROM Invoice__c'), /^Didn't understand relationship 'Foo__r' in field path/);
    assert.match(
        msg('SELECT Id, (SELECT Id FROM Nopes__r) FROM Invoice__c'),
        /^Didn't understand relationship 'Nopes__r' in FROM part of query call/
    );
    assert.match(msg('SELECT Id FROM Invoice__c WHERE'), /^unexpected token: <EOF>/);
    assert.match(
        msg('SELECT Id FROM ContentDocumentLink'),
        /^Implementation restriction: ContentDocumentLink requires a filter/
    );
    assert.match(msg('SELECT Id FROM Invoice__c WITH SECURITY_ENFORCED'), /not supported in API version 67.0/);
    assert.match(msg('SELECT Id FROM Invoice__c OFFSET 2001'), /Maximum SOQL offset allowed is 2000/);
});

test('Database.queryWithBinds resolves names from the bind map', () => {
    const { soql } = seed();
    assert.deepEqual(names(soql.queryWithBinds('SELECT Name FROM Invoice__c WHERE Status__c = :st', { st: 'Paid' })), [
        'gamma'
    ]);
    assert.throws(
        () => soql.queryWithBinds('SELECT Name FROM Invoice__c WHERE Status__c = :missing', {}),
        /Key 'missing' does not exist in the bindMap/
    );
});

test('bind expressions keep their Apex source text', () => {
    const { soql } = seed();
    const c = soql.compile(
        'SELECT Id FROM Invoice__c WHERE Account__c = :inv.Account__c AND Due__c > :Date.today().addDays(-1) AND Name IN :names LIMIT :max'
    );
    assert.deepEqual(
        c.binds.map((b) => b.text),
        ['inv.Account__c', 'Date.today().addDays(-1)', 'names', 'max']
    );
    assert.equal(c.resultKind, 'records');
});

test('ALL ROWS includes deleted rows; FOR UPDATE is accepted', () => {
    const { db, soql, invs } = seed();
    db.delete([invs[1].id!]);
    assert.equal(soql.query('SELECT COUNT() FROM Invoice__c', binds()), 2);
    assert.deepEqual(
        names(soql.query('SELECT Name, IsDeleted FROM Invoice__c WHERE IsDeleted = true ALL ROWS', binds())),
        ['Alpha']
    );
    assert.equal((soql.query('SELECT Id FROM Invoice__c FOR UPDATE', binds()) as SObjectRecord[]).length, 2);
});

test('onSoql hook counts queries and rows', () => {
    const { db, soql } = seed();
    const calls: number[] = [];
    db.hooks.onSoql = (n) => calls.push(n);
    soql.query('SELECT Id, (SELECT Id FROM Lines__r) FROM Invoice__c', binds());
    soql.query('SELECT COUNT() FROM Invoice__c', binds());
    assert.deepEqual(calls, [5, 1]);
});

test('UserRecordAccess needs UserId and RecordId filters and follows object permissions', () => {
    // Object Reference, "UserRecordAccess": query with UserId = and RecordId = / IN. Sharing is not modelled.
    const { db, soql, invs } = seed();
    const rows = soql.query(
        'SELECT RecordId, HasEditAccess, MaxAccessLevel FROM UserRecordAccess WHERE UserId = :u AND RecordId IN :ids',
        binds({ u: db.adminUserId, ids: [invs[0].id, invs[1].id] })
    ) as SObjectRecord[];
    assert.deepEqual(
        rows.map((r) => [r.get('RecordId'), r.get('HasEditAccess'), r.get('MaxAccessLevel')]),
        [
            [invs[0].id, true, 'All'],
            [invs[1].id, true, 'All']
        ]
    );
    assert.throws(
        () => soql.query('SELECT RecordId FROM UserRecordAccess', binds()),
        /UserRecordAccess requires a filter/
    );
    assert.deepEqual(soql.query("SELECT Id FROM Site WHERE Status = 'Active'", binds()), []);
});

test('standard objects outside the catalogue fail loudly as unsupported, unknown names as the platform does', () => {
    const { soql } = dataOrg();
    assert.throws(
        () => soql.query('SELECT Id FROM OpportunityLineItem', binds()),
        (e: unknown) => isUnsupportedError(e)
    );
    assert.throws(
        () => soql.query('SELECT Id FROM Opportunityy', binds()),
        /sObject type 'Opportunityy' is not supported/
    );
});

test('Date and Datetime binds compare with Date and DateTime fields', () => {
    // Regression: a Datetime bind value must not be mistaken for a date literal.
    const { soql } = seed();
    const now = ApexDatetime.now();
    assert.equal(soql.query('SELECT COUNT() FROM Invoice__c WHERE CreatedDate <= :now', binds({ now })), 3);
    assert.equal(soql.query('SELECT COUNT() FROM Invoice__c WHERE CreatedDate > :now', binds({ now })), 0);
    // milliseconds of the bind are ignored: a stamp equals the same second + 900 ms
    const [first] = soql.query('SELECT CreatedDate FROM Invoice__c LIMIT 1', binds()) as SObjectRecord[];
    const plus900 = (first.get('CreatedDate') as ApexDatetime).addMilliseconds(900);
    assert.ok(
        (soql.query('SELECT COUNT() FROM Invoice__c WHERE CreatedDate >= :t', binds({ t: plus900 })) as number) >= 1
    );
    assert.deepEqual(
        names(
            soql.query('SELECT Name FROM Invoice__c WHERE Due__c = :d', binds({ d: ApexDate.newInstance(2025, 3, 1) }))
        ),
        ['beta']
    );
});

test('a queried record with a null parent relationship can be saved again', () => {
    const { db, soql } = seed();
    const [row] = soql.query(
        "SELECT Name, Account__r.Name FROM Invoice__c WHERE Name = 'Alpha'",
        binds()
    ) as SObjectRecord[];
    row.put('Name', 'Alpha 2');
    assert.equal(db.update([row])[0].success, true);
});

test('polymorphic parents (What, Owner), toLabel, FIELDS(STANDARD), COUNT_DISTINCT', () => {
    const { db, soql, acc, invs } = seed();
    db.insert([rec('Task', { Subject: 'Call Acme', WhatId: acc.id })]);
    const [task] = soql.query('SELECT Subject, What.Name, What.Type, Owner.Name FROM Task', binds()) as SObjectRecord[];
    const what = task.get('What') as SObjectRecord;
    assert.equal(what.type, 'Account');
    assert.deepEqual([what.get('Name'), what.get('Type')], ['Acme', 'Account']);
    assert.equal((task.get('Owner') as SObjectRecord).get('Name'), 'User User');
    assert.equal(soql.query("SELECT COUNT() FROM Task WHERE What.Type = 'Account'", binds()), 1);
    const [labelled] = soql.query(
        'SELECT toLabel(Status__c) FROM Invoice__c WHERE Id = :id',
        binds({ id: invs[0].id })
    ) as SObjectRecord[];
    assert.equal(labelled.get('Status__c'), 'Sent to customer');
    const [std] = soql.query(
        'SELECT FIELDS(STANDARD) FROM Invoice__c WHERE Id = :id',
        binds({ id: invs[0].id })
    ) as SObjectRecord[];
    assert.ok(std.has('OwnerId') && std.has('CreatedDate') && !std.has('Amount__c'));
    const [distinct] = soql.query('SELECT COUNT_DISTINCT(Account__c) FROM Invoice__c', binds()) as SObjectRecord[];
    assert.equal(distinct.get('expr0'), 1);
});
