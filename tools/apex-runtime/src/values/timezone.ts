/**
 * Time zones and the runtime clock.
 *
 * The running user's time zone defaults to GMT (the runtime's documented choice); the interpreter sets a provider
 * so that `System.runAs(user)` with a `TimeZoneSidKey` changes it. Offsets come from the ICU data bundled with
 * Node (`Intl.DateTimeFormat`), so daylight saving time follows the IANA database like the platform does.
 */
import { PlatformError } from './errors.js';
import { JAVA_ZONE_NAMES } from './tznames.js';

let userTimeZoneProvider: () => string = () => 'GMT';
let clock: () => number = () => Date.now();

/** Sets the function that returns the running user's time zone id (e.g. `America/Los_Angeles`). */
export function setUserTimeZoneProvider(provider: () => string): void {
    userTimeZoneProvider = provider;
}

/** The running user's time zone id. */
export function userTimeZone(): string {
    return userTimeZoneProvider() || 'GMT';
}

/** Replaces the clock (epoch milliseconds) used by `Datetime.now()` / `Date.today()`; for tests of the runtime. */
export function setClock(now: () => number): void {
    clock = now;
}

export function nowMillis(): number {
    return clock();
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(tz: string): Intl.DateTimeFormat {
    let f = formatterCache.get(tz);
    if (!f) {
        try {
            f = new Intl.DateTimeFormat('en-US', {
                timeZone: tz,
                hourCycle: 'h23',
                year: 'numeric',
                month: 'numeric',
                day: 'numeric',
                hour: 'numeric',
                minute: 'numeric',
                second: 'numeric',
                era: 'short'
            });
        } catch {
            throw new PlatformError('System.TypeException', `Invalid time zone: ${tz}`);
        }
        formatterCache.set(tz, f);
    }
    return f;
}

/** Canonicalises a platform time zone id; `GMT`/`UTC`/`Z` are GMT. Unknown ids throw. */
export function normalizeTimeZone(tz: string | null | undefined): string {
    if (!tz) return 'GMT';
    if (/^(gmt|utc|z)$/i.test(tz)) return 'GMT';
    partsFormatter(tz);
    return tz;
}

/** True when the id names a time zone the runtime knows. */
export function isValidTimeZone(tz: string): boolean {
    try {
        normalizeTimeZone(tz);
        return true;
    } catch {
        return false;
    }
}

/** Offset of `tz` from GMT at the instant `epochMillis`, in milliseconds (positive east of Greenwich). */
export function offsetMillis(tz: string, epochMillis: number): number {
    if (tz === 'GMT' || tz === 'UTC') return 0;
    const f = partsFormatter(tz);
    const secondsFloor = Math.floor(epochMillis / 1000) * 1000;
    const parts = f.formatToParts(new Date(secondsFloor));
    const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? '0');
    let year = get('year');
    const era = parts.find((p) => p.type === 'era')?.value;
    if (era && /^B/i.test(era)) year = 1 - year;
    const asUtc = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    const fixed = new Date(asUtc);
    if (year >= 0 && year < 100) fixed.setUTCFullYear(year);
    return fixed.getTime() - secondsFloor;
}

/** Converts a wall-clock time in `tz` (as if it were GMT millis) to the epoch instant. */
export function localToEpoch(tz: string, localAsUtcMillis: number): number {
    if (tz === 'GMT' || tz === 'UTC') return localAsUtcMillis;
    let guess = localAsUtcMillis - offsetMillis(tz, localAsUtcMillis);
    const off2 = offsetMillis(tz, guess);
    guess = localAsUtcMillis - off2;
    return guess;
}

/** Offset of `tz` from GMT in standard time for the year of `epochMillis` (the smaller of January and July). */
function standardOffset(tz: string, epochMillis: number): number {
    const year = new Date(epochMillis).getUTCFullYear();
    return Math.min(offsetMillis(tz, Date.UTC(year, 0, 1)), offsetMillis(tz, Date.UTC(year, 6, 1)));
}

function gmtOffsetName(offset: number): string {
    const sign = offset < 0 ? '-' : '+';
    const mins = Math.abs(offset) / 60000;
    return `GMT${sign}${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;
}

/**
 * Display name of the zone at an instant for the `z` pattern letter, as java.util.TimeZone prints it in en_US
 * (`PST`/`PDT`, `CET`/`CEST`, `IST`; `zzzz`: `Pacific Standard Time`). Zones without a Java name print
 * `GMT+hh:mm`.
 */
export function shortZoneName(tz: string, epochMillis: number, long = false): string {
    if (tz === 'GMT' || tz === 'UTC')
        return long ? (tz === 'UTC' ? 'Coordinated Universal Time' : 'Greenwich Mean Time') : tz;
    const names = JAVA_ZONE_NAMES[tz];
    const offset = offsetMillis(tz, epochMillis);
    if (names) {
        const daylight = offset > standardOffset(tz, epochMillis);
        return names[(long ? 2 : 0) + (daylight ? 1 : 0)];
    }
    return gmtOffsetName(offset);
}
