/**
 * Id semantics. Source: Apex Developer Guide, "Primitive Data Types" — "If you set ID to a 15-character value, Apex
 * converts the value to its 18-character representation. All invalid ID values are rejected with a runtime exception."
 * (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_primitives.htm)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdGenerator, idsEqual, isValidId, keyPrefixOf, to15, to18 } from '../../src/values/index.js';

test('15 → 18 checksum', () => {
    assert.equal(to18('001000000000001'), '001000000000001AAA');
    // each chunk of 5 encodes its upper-case letters
    assert.equal(to18('0015g00000AbCdE'), '0015g00000AbCdEAAV');
    assert.equal(to15('0015g00000AbCdEAAV'), '0015g00000AbCdE');
});

test('validation', () => {
    assert.equal(isValidId('0015g00000AbCdE'), true);
    assert.equal(isValidId('0015g00000AbCdEAAV'), true);
    assert.equal(isValidId('0015g00000AbCdEZZZ'), false);
    assert.equal(isValidId('not-an-id'), false);
    assert.throws(() => to18('bogus'), /Invalid id: bogus/);
});

test('15- and 18-character forms of one record are equal as Ids', () => {
    assert.ok(idsEqual('0015g00000AbCdE', '0015g00000AbCdEAAV'));
    assert.ok(!idsEqual('0015g00000AbCdE', '0015g00000ABCDE'));
});

test('IdGenerator makes unique valid Ids with the key prefix', () => {
    const g = new IdGenerator();
    const a = g.next('006');
    const b = g.next('006');
    assert.notEqual(a, b);
    assert.ok(isValidId(a) && a.length === 18);
    assert.equal(keyPrefixOf(a), '006');
});
