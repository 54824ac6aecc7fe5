/**
 * Apex `Date`, `Datetime` and `Time`.
 *
 * Sources: Apex Reference Guide, "Date Class", "Datetime Class" and "Time Class"
 * (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_date.htm,
 * .../apex_methods_system_datetime.htm, .../apex_methods_system_time.htm). Patterns follow Java's
 * `SimpleDateFormat`, which the Datetime `format(String)` methods document. The user locale is en_US.
 */
import { PlatformError } from './errors.js';
import {
    isValidTimeZone,
    localToEpoch,
    normalizeTimeZone,
    nowMillis,
    offsetMillis,
    shortZoneName,
    userTimeZone
} from './timezone.js';

const MS_PER_DAY = 86_400_000;
const MONTH_NAMES = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December'
];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// ------------------------------------------------------------------ civil calendar helpers (proleptic Gregorian)

/** Days since 1970-01-01 of a civil date (month 1-12; out-of-range months and days are normalised). */
export function daysFromCivil(y: number, m: number, d: number): number {
    // normalise month
    y += Math.floor((m - 1) / 12);
    m = ((((m - 1) % 12) + 12) % 12) + 1;
    const yy = m <= 2 ? y - 1 : y;
    const era = Math.floor(yy / 400);
    const yoe = yy - era * 400;
    const mp = (m + 9) % 12;
    const doy = Math.floor((153 * mp + 2) / 5);
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468 + (d - 1);
}

/** Civil date of a day number. */
export function civilFromDays(z: number): { year: number; month: number; day: number } {
    z += 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const y = yoe + era * 400;
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    return { year: m <= 2 ? y + 1 : y, month: m, day: d };
}

export function isLeapYear(year: number): boolean {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
    return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function pad(n: number, width: number): string {
    const s = String(Math.abs(n));
    return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

/** Broken-down fields of an instant (or a wall-clock time) for formatting. */
interface Fields {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    millisecond: number;
    /** days since epoch of the local date */
    dayNumber: number;
}

function fieldsOfLocalMillis(local: number): Fields {
    const dayNumber = Math.floor(local / MS_PER_DAY);
    const msOfDay = local - dayNumber * MS_PER_DAY;
    const { year, month, day } = civilFromDays(dayNumber);
    return {
        year,
        month,
        day,
        hour: Math.floor(msOfDay / 3_600_000),
        minute: Math.floor(msOfDay / 60_000) % 60,
        second: Math.floor(msOfDay / 1000) % 60,
        millisecond: msOfDay % 1000,
        dayNumber
    };
}

function dayOfWeek(dayNumber: number): number {
    return (((dayNumber + 4) % 7) + 7) % 7; // 0 = Sunday
}

function dayOfYearOf(f: { year: number; dayNumber: number }): number {
    return f.dayNumber - daysFromCivil(f.year, 1, 1) + 1;
}

/** Week of year for en_US (weeks start on Sunday; the week holding 1 January is week 1). */
function weekOfYear(f: Fields): number {
    const saturday = f.dayNumber + (6 - dayOfWeek(f.dayNumber));
    if (civilFromDays(saturday).year > f.year) return 1;
    const jan1 = daysFromCivil(f.year, 1, 1);
    return Math.floor((f.dayNumber - jan1 + dayOfWeek(jan1)) / 7) + 1;
}

function weekOfMonth(f: Fields): number {
    const first = daysFromCivil(f.year, f.month, 1);
    return Math.floor((f.day - 1 + dayOfWeek(first)) / 7) + 1;
}

/**
 * Formats with a Java `SimpleDateFormat` pattern. `offset` is the zone offset in ms and `tz` the zone id used for
 * `z`; `instant` is the epoch instant (for zone names).
 */
export function formatPattern(pattern: string, f: Fields, tz: string, offset: number, instant: number): string {
    let out = '';
    let i = 0;
    while (i < pattern.length) {
        const c = pattern[i];
        if (c === "'") {
            // quoted text; '' is a literal quote
            if (pattern[i + 1] === "'") {
                out += "'";
                i += 2;
                continue;
            }
            let j = i + 1;
            let text = '';
            while (j < pattern.length) {
                if (pattern[j] === "'") {
                    if (pattern[j + 1] === "'") {
                        text += "'";
                        j += 2;
                        continue;
                    }
                    break;
                }
                text += pattern[j++];
            }
            out += text;
            i = j + 1;
            continue;
        }
        if (!/[A-Za-z]/.test(c)) {
            out += c;
            i++;
            continue;
        }
        let n = 1;
        while (pattern[i + n] === c) n++;
        i += n;
        out += formatField(c, n, f, tz, offset, instant);
    }
    return out;
}

function formatField(c: string, n: number, f: Fields, tz: string, offset: number, instant: number): string {
    switch (c) {
        case 'G':
            return f.year > 0 ? 'AD' : 'BC';
        case 'y':
        case 'Y':
            return n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
        case 'M':
        case 'L':
            if (n >= 4) return MONTH_NAMES[f.month - 1];
            if (n === 3) return MONTH_NAMES[f.month - 1].slice(0, 3);
            return pad(f.month, n);
        case 'd':
            return pad(f.day, n);
        case 'D':
            return pad(dayOfYearOf(f), n);
        case 'E':
            return n >= 4 ? DAY_NAMES[dayOfWeek(f.dayNumber)] : DAY_NAMES[dayOfWeek(f.dayNumber)].slice(0, 3);
        case 'u':
            return pad(dayOfWeek(f.dayNumber) === 0 ? 7 : dayOfWeek(f.dayNumber), n);
        case 'F':
            return pad(Math.floor((f.day - 1) / 7) + 1, n);
        case 'w':
            return pad(weekOfYear(f), n);
        case 'W':
            return pad(weekOfMonth(f), n);
        case 'a':
            return f.hour < 12 ? 'AM' : 'PM';
        case 'H':
            return pad(f.hour, n);
        case 'k':
            return pad(f.hour === 0 ? 24 : f.hour, n);
        case 'K':
            return pad(f.hour % 12, n);
        case 'h':
            return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
        case 'm':
            return pad(f.minute, n);
        case 's':
            return pad(f.second, n);
        case 'S':
            return pad(f.millisecond, n);
        case 'z':
            return shortZoneName(tz, instant, n >= 4);
        case 'Z': {
            const sign = offset < 0 ? '-' : '+';
            const mins = Math.abs(offset) / 60000;
            return `${sign}${pad(Math.floor(mins / 60), 2)}${pad(mins % 60, 2)}`;
        }
        case 'X': {
            if (offset === 0) return 'Z';
            const sign = offset < 0 ? '-' : '+';
            const mins = Math.abs(offset) / 60000;
            const hh = pad(Math.floor(mins / 60), 2);
            const mm = pad(mins % 60, 2);
            if (n === 1) return `${sign}${hh}`; // ISO 8601 hours only, like SimpleDateFormat
            if (n === 2) return `${sign}${hh}${mm}`;
            return `${sign}${hh}:${mm}`;
        }
        default:
            throw new PlatformError('System.StringException', `Illegal pattern character '${c}'`);
    }
}

// ------------------------------------------------------------------ Date

/** Apex `Date`: a calendar day with no time zone. Immutable. */
export class ApexDate {
    readonly year: number;
    readonly month: number;
    readonly day: number;

    private constructor(year: number, month: number, day: number) {
        this.year = year;
        this.month = month;
        this.day = day;
    }

    /** `Date.newInstance(year, month, day)`; out-of-range values roll over as in Java's lenient calendar. */
    static newInstance(year: number, month: number, day: number): ApexDate {
        return ApexDate.fromDayNumber(daysFromCivil(year, month, day));
    }

    static fromDayNumber(n: number): ApexDate {
        const c = civilFromDays(n);
        return new ApexDate(c.year, c.month, c.day);
    }

    /** `Date.today()` in the running user's time zone. */
    static today(): ApexDate {
        return ApexDatetime.now().date();
    }

    /**
     * `Date.valueOf(String)`: `yyyy-MM-dd`, optionally followed by a time which is ignored.
     * Throws `System.TypeException: Invalid date: <s>`.
     */
    static valueOf(text: string): ApexDate {
        const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?\s*$/.exec(text);
        if (!m) throw new PlatformError('System.TypeException', `Invalid date: ${text}`);
        const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
        if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
            throw new PlatformError('System.TypeException', `Invalid date: ${text}`);
        }
        return new ApexDate(y, mo, d);
    }

    /** `Date.parse(String)` in the en_US locale format `M/d/yyyy`. */
    static parse(text: string): ApexDate {
        const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{2,4})\s*$/.exec(text);
        if (!m) throw new PlatformError('System.TypeException', `Invalid date: ${text}`);
        let y = Number(m[3]);
        if (m[3].length === 2) y += 2000;
        const [mo, d] = [Number(m[1]), Number(m[2])];
        if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
            throw new PlatformError('System.TypeException', `Invalid date: ${text}`);
        }
        return new ApexDate(y, mo, d);
    }

    static isLeapYear(year: number): boolean {
        return isLeapYear(year);
    }

    static daysInMonth(year: number, month: number): number {
        return daysInMonth(year, month);
    }

    dayNumber(): number {
        return daysFromCivil(this.year, this.month, this.day);
    }

    addDays(n: number): ApexDate {
        return ApexDate.fromDayNumber(this.dayNumber() + n);
    }

    /** Adds months; the day is clamped to the last day of the resulting month (Jan 31 + 1 month = Feb 28/29). */
    addMonths(n: number): ApexDate {
        const total = this.year * 12 + (this.month - 1) + n;
        const y = Math.floor(total / 12);
        const m = total - y * 12 + 1;
        return new ApexDate(y, m, Math.min(this.day, daysInMonth(y, m)));
    }

    addYears(n: number): ApexDate {
        return this.addMonths(n * 12);
    }

    /** `daysBetween(other)`: other − this, in days. */
    daysBetween(other: ApexDate): number {
        return other.dayNumber() - this.dayNumber();
    }

    /** `monthsBetween(other)`: months between the two dates, ignoring the days. */
    monthsBetween(other: ApexDate): number {
        return (other.year - this.year) * 12 + (other.month - this.month);
    }

    dayOfYear(): number {
        return this.dayNumber() - daysFromCivil(this.year, 1, 1) + 1;
    }

    /** 0 = Sunday … 6 = Saturday (a helper; Apex has no Date.dayOfWeek). */
    dayOfWeek(): number {
        return dayOfWeek(this.dayNumber());
    }

    isSameDay(other: ApexDate): boolean {
        return this.compareTo(other) === 0;
    }

    toStartOfMonth(): ApexDate {
        return new ApexDate(this.year, this.month, 1);
    }

    /** First day of the week in the en_US locale (Sunday). */
    toStartOfWeek(): ApexDate {
        return this.addDays(-this.dayOfWeek());
    }

    compareTo(other: ApexDate): number {
        const a = this.dayNumber();
        const b = other.dayNumber();
        return a === b ? 0 : a < b ? -1 : 1;
    }

    equals(other: ApexDate): boolean {
        return this.compareTo(other) === 0;
    }

    /** `format()` in the en_US locale: `M/d/yyyy`. */
    format(): string {
        return `${this.month}/${this.day}/${this.year}`;
    }

    /** `String.valueOf(Date)`: `yyyy-MM-dd`. */
    toString(): string {
        return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
    }

    /** Implicit string conversion of a Date (concatenation): `yyyy-MM-dd 00:00:00`. */
    toConcatString(): string {
        return `${this.toString()} 00:00:00`;
    }

    /** JSON form: `"yyyy-MM-dd"`. */
    toJSON(): string {
        return this.toString();
    }
}

// ------------------------------------------------------------------ Time

/** Apex `Time`: a time of day in milliseconds (0 … 86,399,999), no time zone. Immutable. */
export class ApexTime {
    readonly millisOfDay: number;

    private constructor(ms: number) {
        this.millisOfDay = ((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
    }

    static newInstance(hour: number, minute: number, second: number, millisecond: number): ApexTime {
        return new ApexTime(((hour * 60 + minute) * 60 + second) * 1000 + millisecond);
    }

    static fromMillisOfDay(ms: number): ApexTime {
        return new ApexTime(ms);
    }

    /** Parses `HH:mm[:ss[.SSS]][Z]` (the JSON form). */
    static parseIso(text: string): ApexTime {
        const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?Z?$/.exec(text.trim());
        if (!m) throw new PlatformError('System.TypeException', `Invalid time: ${text}`);
        const ms = m[4] ? Number((m[4] + '00').slice(0, 3)) : 0;
        return ApexTime.newInstance(Number(m[1]), Number(m[2]), Number(m[3] ?? 0), ms);
    }

    hour(): number {
        return Math.floor(this.millisOfDay / 3_600_000);
    }
    minute(): number {
        return Math.floor(this.millisOfDay / 60_000) % 60;
    }
    second(): number {
        return Math.floor(this.millisOfDay / 1000) % 60;
    }
    millisecond(): number {
        return this.millisOfDay % 1000;
    }

    addHours(n: number): ApexTime {
        return new ApexTime(this.millisOfDay + n * 3_600_000);
    }
    addMinutes(n: number): ApexTime {
        return new ApexTime(this.millisOfDay + n * 60_000);
    }
    addSeconds(n: number): ApexTime {
        return new ApexTime(this.millisOfDay + n * 1000);
    }
    addMilliseconds(n: number): ApexTime {
        return new ApexTime(this.millisOfDay + n);
    }

    compareTo(other: ApexTime): number {
        return Math.sign(this.millisOfDay - other.millisOfDay);
    }

    equals(other: ApexTime): boolean {
        return this.millisOfDay === other.millisOfDay;
    }

    /** `format()`: the en_US short time, e.g. `2:05 PM`. */
    format(): string {
        const f: Fields = {
            year: 1970,
            month: 1,
            day: 1,
            hour: this.hour(),
            minute: this.minute(),
            second: this.second(),
            millisecond: this.millisecond(),
            dayNumber: 0
        };
        return formatPattern('h:mm a', f, 'GMT', 0, 0);
    }

    /** `String.valueOf(Time)`: `HH:mm:ss.SSSZ`, e.g. `14:05:21.457Z`. */
    toString(): string {
        return `${pad(this.hour(), 2)}:${pad(this.minute(), 2)}:${pad(this.second(), 2)}.${pad(this.millisecond(), 3)}Z`;
    }

    toJSON(): string {
        return this.toString();
    }
}

// ------------------------------------------------------------------ Datetime

/** Apex `Datetime`: an instant in epoch milliseconds (GMT). Local views use the running user's time zone. */
export class ApexDatetime {
    readonly millis: number;

    constructor(millis: number) {
        if (!Number.isFinite(millis)) throw new PlatformError('System.TypeException', 'Invalid date/time');
        this.millis = Math.trunc(millis);
    }

    static now(): ApexDatetime {
        return new ApexDatetime(nowMillis());
    }

    /** `Datetime.newInstance(Long milliseconds)` */
    static fromMillis(ms: number | bigint): ApexDatetime {
        return new ApexDatetime(Number(ms));
    }

    /** `Datetime.newInstance(year, month, day[, hour, minute, second])` in the running user's time zone. */
    static newInstance(
        year: number,
        month: number,
        day: number,
        hour = 0,
        minute = 0,
        second = 0,
        ms = 0
    ): ApexDatetime {
        const local = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
        return new ApexDatetime(localToEpoch(normalizeTimeZone(userTimeZone()), local));
    }

    /** `Datetime.newInstance(Date, Time)` in the running user's time zone. */
    static fromDateTime(date: ApexDate, time: ApexTime): ApexDatetime {
        const local = date.dayNumber() * MS_PER_DAY + time.millisOfDay;
        return new ApexDatetime(localToEpoch(normalizeTimeZone(userTimeZone()), local));
    }

    /** `Datetime.newInstanceGmt(...)` */
    static newInstanceGmt(
        year: number,
        month: number,
        day: number,
        hour = 0,
        minute = 0,
        second = 0,
        ms = 0
    ): ApexDatetime {
        return new ApexDatetime(
            daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + ms
        );
    }

    /** `Datetime.newInstanceGmt(Date, Time)` */
    static fromDateTimeGmt(date: ApexDate, time: ApexTime): ApexDatetime {
        return new ApexDatetime(date.dayNumber() * MS_PER_DAY + time.millisOfDay);
    }

    private static parseLocalText(text: string): number | null {
        const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?\s*$/.exec(text);
        if (!m) return null;
        const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
        const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
        if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
        return daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000;
    }

    /** `Datetime.valueOf('yyyy-MM-dd HH:mm:ss')` in the running user's time zone. */
    static valueOf(text: string): ApexDatetime {
        const local = ApexDatetime.parseLocalText(text);
        if (local === null) throw new PlatformError('System.TypeException', `Invalid date/time: ${text}`);
        return new ApexDatetime(localToEpoch(normalizeTimeZone(userTimeZone()), local));
    }

    /** `Datetime.valueOfGmt('yyyy-MM-dd HH:mm:ss')` */
    static valueOfGmt(text: string): ApexDatetime {
        const local = ApexDatetime.parseLocalText(text);
        if (local === null) throw new PlatformError('System.TypeException', `Invalid date/time: ${text}`);
        return new ApexDatetime(local);
    }

    /** `Datetime.parse(String)` in the en_US locale (`M/d/yyyy h:mm a`), user time zone. */
    static parse(text: string): ApexDatetime {
        const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{2,4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])\s*$/.exec(
            text
        );
        if (!m) throw new PlatformError('System.TypeException', `Invalid date/time: ${text}`);
        let y = Number(m[3]);
        if (m[3].length === 2) y += 2000;
        let h = Number(m[4]) % 12;
        if (/p/i.test(m[7])) h += 12;
        return ApexDatetime.newInstance(y, Number(m[1]), Number(m[2]), h, Number(m[5]), Number(m[6] ?? 0));
    }

    /**
     * Parses ISO-8601 as `JSON.deserialize` does for Datetime: `yyyy-MM-ddTHH:mm:ss[.fraction][Z|±hh:mm|±hhmm]`;
     * fractions of any length (Partner Center sends 7 digits) are truncated to milliseconds; no zone means GMT.
     * Returns null when the text is not ISO-8601.
     */
    static tryParseIso(text: string): ApexDatetime | null {
        const m =
            /^\s*([+-]?\d{4,})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?\s*$/.exec(
                text
            );
        if (!m) return null;
        const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
        const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
        if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 24 || mi > 59 || s > 60) return null;
        const ms = m[7] ? Number((m[7] + '00').slice(0, 3)) : 0;
        let offset = 0;
        const z = m[8];
        if (z && z !== 'Z' && z !== 'z') {
            const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(z)!;
            offset = (Number(zm[2]) * 60 + Number(zm[3] ?? 0)) * 60_000 * (zm[1] === '-' ? -1 : 1);
        }
        const local = daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + ms;
        return new ApexDatetime(local - offset);
    }

    /** Like `tryParseIso` but throws `System.JSONException`-style `TypeException` when invalid. */
    static parseIso(text: string): ApexDatetime {
        const dt = ApexDatetime.tryParseIso(text);
        if (!dt) throw new PlatformError('System.TypeException', `Invalid date/time: ${text}`);
        return dt;
    }

    // ---- views

    private localMillis(tz = normalizeTimeZone(userTimeZone())): number {
        return this.millis + offsetMillis(tz, this.millis);
    }

    private fieldsIn(tz: string): Fields {
        return fieldsOfLocalMillis(this.millis + offsetMillis(tz, this.millis));
    }

    private local(): Fields {
        return this.fieldsIn(normalizeTimeZone(userTimeZone()));
    }

    private gmt(): Fields {
        return fieldsOfLocalMillis(this.millis);
    }

    getTime(): number {
        return this.millis;
    }

    year(): number {
        return this.local().year;
    }
    month(): number {
        return this.local().month;
    }
    day(): number {
        return this.local().day;
    }
    hour(): number {
        return this.local().hour;
    }
    minute(): number {
        return this.local().minute;
    }
    second(): number {
        return this.local().second;
    }
    millisecond(): number {
        return this.local().millisecond;
    }
    dayOfYear(): number {
        return dayOfYearOf(this.local());
    }
    yearGmt(): number {
        return this.gmt().year;
    }
    monthGmt(): number {
        return this.gmt().month;
    }
    dayGmt(): number {
        return this.gmt().day;
    }
    hourGmt(): number {
        return this.gmt().hour;
    }
    minuteGmt(): number {
        return this.gmt().minute;
    }
    secondGmt(): number {
        return this.gmt().second;
    }
    millisecondGmt(): number {
        return this.gmt().millisecond;
    }
    dayOfYearGmt(): number {
        return dayOfYearOf(this.gmt());
    }

    /** `date()`: the local date in the running user's time zone. */
    date(): ApexDate {
        return ApexDate.fromDayNumber(this.local().dayNumber);
    }

    dateGmt(): ApexDate {
        return ApexDate.fromDayNumber(this.gmt().dayNumber);
    }

    time(): ApexTime {
        const f = this.local();
        return ApexTime.newInstance(f.hour, f.minute, f.second, f.millisecond);
    }

    timeGmt(): ApexTime {
        const f = this.gmt();
        return ApexTime.newInstance(f.hour, f.minute, f.second, f.millisecond);
    }

    // ---- arithmetic

    addMilliseconds(n: number): ApexDatetime {
        return new ApexDatetime(this.millis + n);
    }
    addSeconds(n: number): ApexDatetime {
        return new ApexDatetime(this.millis + n * 1000);
    }
    addMinutes(n: number): ApexDatetime {
        return new ApexDatetime(this.millis + n * 60_000);
    }
    addHours(n: number): ApexDatetime {
        return new ApexDatetime(this.millis + n * 3_600_000);
    }

    /** Adds days on the user's wall clock (keeps the local time across daylight-saving changes). */
    addDays(n: number): ApexDatetime {
        const tz = normalizeTimeZone(userTimeZone());
        return new ApexDatetime(localToEpoch(tz, this.localMillis(tz) + n * MS_PER_DAY));
    }

    /** Adds months on the user's wall clock; the day is clamped to the month's length. */
    addMonths(n: number): ApexDatetime {
        const tz = normalizeTimeZone(userTimeZone());
        const f = this.fieldsIn(tz);
        const d = ApexDate.newInstance(f.year, f.month, 1).addMonths(n);
        const day = Math.min(f.day, daysInMonth(d.year, d.month));
        const local =
            daysFromCivil(d.year, d.month, day) * MS_PER_DAY +
            ((f.hour * 60 + f.minute) * 60 + f.second) * 1000 +
            f.millisecond;
        return new ApexDatetime(localToEpoch(tz, local));
    }

    addYears(n: number): ApexDatetime {
        return this.addMonths(12 * n);
    }

    isSameDay(other: ApexDatetime): boolean {
        return this.date().equals(other.date());
    }

    compareTo(other: ApexDatetime): number {
        return Math.sign(this.millis - other.millis);
    }

    equals(other: ApexDatetime): boolean {
        return this.millis === other.millis;
    }

    // ---- formatting

    /**
     * `format()`: en_US short date and time in the user's zone with the ICU locale formats new orgs use,
     * `M/d/yyyy, h:mm a` (the older JDK formats had no comma) — see the README.
     */
    format(): string;
    /** `format(pattern)` in the user's zone, `format(pattern, timeZoneId)` in the given zone. */
    format(pattern: string, timeZone?: string | null): string;
    format(pattern?: string, timeZone?: string | null): string {
        // An unknown time zone id formats in GMT, like java.util.TimeZone.getTimeZone.
        const tz =
            timeZone != null && !isValidTimeZone(timeZone) ? 'GMT' : normalizeTimeZone(timeZone ?? userTimeZone());
        const offset = offsetMillis(tz, this.millis);
        return formatPattern(
            pattern ?? 'M/d/yyyy, h:mm a',
            fieldsOfLocalMillis(this.millis + offset),
            tz,
            offset,
            this.millis
        );
    }

    /** `formatGmt(pattern)` */
    formatGmt(pattern: string): string {
        return formatPattern(pattern, this.gmt(), 'GMT', 0, this.millis);
    }

    /** `formatLong()`: `M/d/yyyy, h:mm:ss a z` in the user's zone (ICU en_US). */
    formatLong(): string {
        return this.format('M/d/yyyy, h:mm:ss a z');
    }

    /** GMT `yyyy-MM-dd HH:mm:ss`: how a Datetime prints in debug output and string concatenation. */
    toString(): string {
        return this.formatGmt('yyyy-MM-dd HH:mm:ss');
    }

    /** `String.valueOf(Datetime)`: `yyyy-MM-dd HH:mm:ss` in the running user's time zone. */
    toLocalString(): string {
        return this.format('yyyy-MM-dd HH:mm:ss');
    }

    /** JSON form: `2025-03-03T14:05:21.457Z`. */
    toJSON(): string {
        return this.formatGmt("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    }
}
