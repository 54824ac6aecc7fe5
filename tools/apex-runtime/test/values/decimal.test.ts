/**
 * Decimal semantics.
 * Sources: Apex Reference Guide, "Decimal Class"
 * (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_decimal.htm) — rounding
 * mode examples, precision(), round(), setScale(); Apex Developer Guide, "Primitive Data Types"
 * (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_primitives.htm) — scale of
 * a Decimal created from a String / from a non-decimal number.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal, type RoundingMode } from '../../src/values/index.js';

const D = Decimal.parse;

test('scale comes from the string (Primitive Data Types)', () => {
    assert.equal(D('1.10').scale, 2);
    assert.equal(D('1.10').toString(), '1.10');
    assert.equal(D('3').scale, 0);
    assert.throws(() => D('abc'), /Invalid decimal: abc/);
});

test('scale of a Decimal from a Double goes through the Double string form', () => {
    assert.equal(Decimal.fromDouble(100.0).toString(), '100.0');
    assert.equal(Decimal.fromDouble(0.1).toString(), '0.1');
    assert.equal(Decimal.fromInteger(42).toString(), '42');
});

test('add/subtract keep the larger scale, multiply adds scales', () => {
    assert.equal(D('1.10').add(D('2')).toString(), '3.10');
    assert.equal(D('5.000').subtract(D('0.5')).toString(), '4.500');
    assert.equal(D('1.5').multiply(D('2.25')).toString(), '3.375');
});

test('rounding modes match the Decimal Class examples', () => {
    const inputs = ['5.5', '1.1', '-1.1', '-2.7'];
    const expected: Record<RoundingMode, bigint[] | null> = {
        CEILING: [6n, 2n, -1n, -2n],
        DOWN: [5n, 1n, -1n, -2n],
        FLOOR: [5n, 1n, -2n, -3n],
        UP: [6n, 2n, -2n, -3n],
        HALF_UP: [6n, 1n, -1n, -3n],
        HALF_DOWN: [5n, 1n, -1n, -3n],
        HALF_EVEN: [6n, 1n, -1n, -3n],
        UNNECESSARY: null
    };
    for (const [mode, values] of Object.entries(expected) as [RoundingMode, bigint[] | null][]) {
        if (!values) continue;
        assert.deepEqual(
            inputs.map((x) => D(x).round(mode)),
            values,
            mode
        );
    }
    assert.deepEqual(
        ['2.5', '1.6', '-2.5'].map((x) => D(x).round('HALF_EVEN')),
        [2n, 2n, -2n]
    );
    assert.deepEqual(
        ['5.5', '-5.5'].map((x) => D(x).round('HALF_DOWN')),
        [5n, -5n]
    );
    assert.throws(() => D('1.1').round('UNNECESSARY'), /Rounding necessary/);
    assert.equal(D('1.0').round('UNNECESSARY'), 1n);
});

test('round() without a mode rounds half even', () => {
    assert.equal(D('2.5').round(), 2n);
    assert.equal(D('3.5').round(), 4n);
});

test('setScale rounds half up by default and accepts a rounding mode', () => {
    assert.equal(D('1.005').setScale(2).toString(), '1.01');
    assert.equal(D('1.005').setScale(2, 'HALF_EVEN').toString(), '1.00');
    assert.equal(D('1.5').setScale(3).toString(), '1.500');
});

test('divide(divisor, scale[, mode]) and the / operator', () => {
    assert.equal(D('19').divide(D('100'), 3).toString(), '0.190');
    assert.equal(D('5').divide(D('3'), 30).toString(), '1.666666666666666666666666666667');
    assert.equal(D('1').divide(D('3'), 2, 'UP').toString(), '0.34');
    assert.equal(D('1.0').divideOperator(D('4.0')).toString(), '0.25');
    assert.equal(D('21.0').divideOperator(D('2')).toString(), '10.5');
    // 33 significant digits for a non-terminating quotient (approximation, see README)
    assert.equal(D('1').divideOperator(D('3')).toString(), '0.' + '3'.repeat(33));
    assert.throws(() => D('1').divideOperator(D('0')), /Divide by 0/);
});

test('precision, intValue, longValue, doubleValue', () => {
    assert.equal(D('123.45').precision(), 5);
    assert.equal(D('123.123').precision(), 6);
    assert.equal(D('-7.9').intValue(), -7);
    assert.equal(D('12345678901.5').longValue(), 12345678901n);
    assert.equal(D('0.25').doubleValue(), 0.25);
});

test('compareTo and equality ignore scale', () => {
    assert.equal(D('1.1').compareTo(D('1.10')), 0);
    assert.ok(D('1.1').equals(D('1.100')));
    assert.equal(D('-2').compareTo(D('1')), -1);
});

test('toString uses scientific notation like BigDecimal; toPlainString never does', () => {
    assert.equal(D('0.0000001').toString(), '1E-7');
    assert.equal(D('0.0000001').toPlainString(), '0.0000001');
    assert.equal(D('100').stripTrailingZeros().toString(), '1E+2');
    assert.equal(D('100').stripTrailingZeros().toPlainString(), '100');
    assert.equal(D('12345.6789').toPlainString(), '12345.6789');
});

test('format() uses the en_US locale', () => {
    assert.equal(D('12345.6789').format(), '12,345.679');
    assert.equal(D('-1234567').format(), '-1,234,567');
    assert.equal(D('0.5').format(), '0.5');
});

test('pow', () => {
    assert.equal(D('1.5').pow(2).toString(), '2.25');
    assert.equal(D('7').pow(0).toString(), '1');
});
