/** Date, Datetime and Time methods (Apex Reference Guide, "Date Class", "Datetime Class", "Time Class"). */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { toJsNumber } from '../interpreter/ops.js';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime.js';
import { UnsupportedError } from '../values/errors.js';
import type { NativeRegistry } from './registry.js';
import { valueMethods } from './runtime.js';
import { int, npe } from './util.js';

function n(v: any): number {
    if (v === null || v === undefined) npe();
    return toJsNumber(v);
}

export function installDatetime(reg: NativeRegistry): void {
    reg.add({
        name: 'Date',
        statics: {
            today: () => ApexDate.today(),
            newinstance: (_rt, a) => ApexDate.newInstance(int(a[0]), int(a[1]), int(a[2])),
            valueof: (_rt, a) => {
                const v = a[0];
                if (v === null) return null;
                if (v instanceof ApexDatetime) return v.dateGmt();
                if (v instanceof ApexDate) return v;
                return ApexDate.valueOf(String(v));
            },
            parse: (_rt, a) => ApexDate.parse(String(a[0])),
            isleapyear: (_rt, a) => ApexDate.isLeapYear(int(a[0])),
            daysinmonth: (_rt, a) => ApexDate.daysInMonth(int(a[0]), int(a[1])),
        },
    });
    valueMethods.date = {
        adddays: (_rt, d: ApexDate, a) => d.addDays(int(a[0])),
        addmonths: (_rt, d: ApexDate, a) => d.addMonths(int(a[0])),
        addyears: (_rt, d: ApexDate, a) => d.addYears(int(a[0])),
        day: (_rt, d: ApexDate) => d.day,
        month: (_rt, d: ApexDate) => d.month,
        year: (_rt, d: ApexDate) => d.year,
        dayofyear: (_rt, d: ApexDate) => d.dayOfYear(),
        daysbetween: (_rt, d: ApexDate, a) => d.daysBetween(a[0] ?? npe()),
        monthsbetween: (_rt, d: ApexDate, a) => d.monthsBetween(a[0] ?? npe()),
        issameday: (_rt, d: ApexDate, a) => d.isSameDay(a[0] ?? npe()),
        tostartofmonth: (_rt, d: ApexDate) => d.toStartOfMonth(),
        tostartofweek: (_rt, d: ApexDate) => d.toStartOfWeek(),
        format: (_rt, d: ApexDate) => d.format(),
        tostring: (_rt, d: ApexDate) => d.toString(),
        equals: (_rt, d: ApexDate, a) => a[0] instanceof ApexDate && d.equals(a[0]),
        hashcode: (_rt, d: ApexDate) => d.dayNumber(),
        compareto: (_rt, d: ApexDate, a) => d.compareTo(a[0]),
    };

    reg.add({
        name: 'Datetime',
        statics: {
            now: () => ApexDatetime.now(),
            newinstance: (_rt, a) => {
                if (a.length === 1) return ApexDatetime.fromMillis(typeof a[0] === 'bigint' ? a[0] : n(a[0]));
                if (a.length === 2) return ApexDatetime.fromDateTime(a[0], a[1]);
                return ApexDatetime.newInstance(int(a[0]), int(a[1]), int(a[2]), int(a[3] ?? 0), int(a[4] ?? 0), int(a[5] ?? 0));
            },
            newinstancegmt: (_rt, a) => {
                if (a.length === 2) return ApexDatetime.fromDateTimeGmt(a[0], a[1]);
                return ApexDatetime.newInstanceGmt(int(a[0]), int(a[1]), int(a[2]), int(a[3] ?? 0), int(a[4] ?? 0), int(a[5] ?? 0));
            },
            valueof: (_rt, a) => (a[0] === null ? null : a[0] instanceof ApexDatetime ? a[0] : ApexDatetime.valueOf(String(a[0]))),
            valueofgmt: (_rt, a) => (a[0] === null ? null : ApexDatetime.valueOfGmt(String(a[0]))),
            parse: (_rt, a) => ApexDatetime.parse(String(a[0])),
        },
    });
    valueMethods.datetime = {
        addmilliseconds: (_rt, d: ApexDatetime, a) => d.addMilliseconds(n(a[0])),
        addseconds: (_rt, d: ApexDatetime, a) => d.addSeconds(n(a[0])),
        addminutes: (_rt, d: ApexDatetime, a) => d.addMinutes(n(a[0])),
        addhours: (_rt, d: ApexDatetime, a) => d.addHours(n(a[0])),
        adddays: (_rt, d: ApexDatetime, a) => d.addDays(n(a[0])),
        addmonths: (_rt, d: ApexDatetime, a) => d.addMonths(n(a[0])),
        addyears: (_rt, d: ApexDatetime, a) => d.addYears(n(a[0])),
        date: (_rt, d: ApexDatetime) => d.date(),
        dategmt: (_rt, d: ApexDatetime) => d.dateGmt(),
        time: (_rt, d: ApexDatetime) => d.time(),
        timegmt: (_rt, d: ApexDatetime) => d.timeGmt(),
        day: (_rt, d: ApexDatetime) => d.day(),
        daygmt: (_rt, d: ApexDatetime) => d.dayGmt(),
        dayofyear: (_rt, d: ApexDatetime) => d.dayOfYear(),
        dayofyeargmt: (_rt, d: ApexDatetime) => d.dayOfYearGmt(),
        hour: (_rt, d: ApexDatetime) => d.hour(),
        hourgmt: (_rt, d: ApexDatetime) => d.hourGmt(),
        minute: (_rt, d: ApexDatetime) => d.minute(),
        minutegmt: (_rt, d: ApexDatetime) => d.minuteGmt(),
        second: (_rt, d: ApexDatetime) => d.second(),
        secondgmt: (_rt, d: ApexDatetime) => d.secondGmt(),
        millisecond: (_rt, d: ApexDatetime) => d.millisecond(),
        millisecondgmt: (_rt, d: ApexDatetime) => d.millisecondGmt(),
        month: (_rt, d: ApexDatetime) => d.month(),
        monthgmt: (_rt, d: ApexDatetime) => d.monthGmt(),
        year: (_rt, d: ApexDatetime) => d.year(),
        yeargmt: (_rt, d: ApexDatetime) => d.yearGmt(),
        gettime: (_rt, d: ApexDatetime) => BigInt(d.getTime()),
        issameday: (_rt, d: ApexDatetime, a) => d.isSameDay(a[0] ?? npe()),
        format: (_rt, d: ApexDatetime, a) => (a.length === 0 ? d.format() : d.format(String(a[0]), a[1] ?? null)),
        formatgmt: (_rt, d: ApexDatetime, a) => d.formatGmt(String(a[0])),
        formatlong: (_rt, d: ApexDatetime) => d.formatLong(),
        tostring: (_rt, d: ApexDatetime) => d.toString(),
        equals: (_rt, d: ApexDatetime, a) => a[0] instanceof ApexDatetime && d.equals(a[0]),
        hashcode: (_rt, d: ApexDatetime) => d.getTime() | 0,
        compareto: (_rt, d: ApexDatetime, a) => d.compareTo(a[0]),
    };

    reg.add({
        name: 'Time',
        statics: {
            newinstance: (_rt, a) => ApexTime.newInstance(int(a[0]), int(a[1]), int(a[2]), int(a[3])),
        },
    });
    valueMethods.time = {
        hour: (_rt, t: ApexTime) => t.hour(),
        minute: (_rt, t: ApexTime) => t.minute(),
        second: (_rt, t: ApexTime) => t.second(),
        millisecond: (_rt, t: ApexTime) => t.millisecond(),
        addhours: (_rt, t: ApexTime, a) => t.addHours(int(a[0])),
        addminutes: (_rt, t: ApexTime, a) => t.addMinutes(int(a[0])),
        addseconds: (_rt, t: ApexTime, a) => t.addSeconds(int(a[0])),
        addmilliseconds: (_rt, t: ApexTime, a) => t.addMilliseconds(int(a[0])),
        tostring: (_rt, t: ApexTime) => t.toString(),
        equals: (_rt, t: ApexTime, a) => a[0] instanceof ApexTime && t.equals(a[0]),
        format: (_rt, t: ApexTime) => t.format(),
    };
}
