/**
 * Time handling in Partner Center's formats.
 *
 * Partner Center timestamps are UTC with 7 fractional digits (.NET ticks of 100 ns) and `Z`; webhook events carry
 * the same instant with a `+00:00` offset. Node only has millisecond clocks, so the sub-millisecond digits come from
 * a counter that also keeps every timestamp the emulator hands out strictly increasing: the package's stale-event
 * guard compares `updatedDateTime` values, and two writes in the same millisecond must still be ordered.
 */

const TICKS_PER_MS = 10_000n;

/** A clock that can be shifted (to test the 14-day expiry) and never returns the same tick twice. */
export class Clock {
    private offsetMs = 0;
    private lastTicks = 0n;

    /** Milliseconds since the epoch, including the configured offset. */
    nowMs(): number {
        return Date.now() + this.offsetMs;
    }

    /** A strictly increasing instant in 100 ns ticks since the epoch. */
    nextTicks(): bigint {
        // Sub-millisecond digits from the high-resolution timer, so timestamps carry 7 significant digits like the
        // real ones and parsers that drop digits are caught.
        const subMs = BigInt(Math.floor((performance.now() % 1) * 10_000));
        let ticks = BigInt(this.nowMs()) * TICKS_PER_MS + subMs;
        if (ticks <= this.lastTicks) {
            ticks = this.lastTicks + 1n;
        }
        this.lastTicks = ticks;
        return ticks;
    }

    /** A strictly increasing timestamp in Partner Center's format. */
    nextTimestamp(): string {
        return formatTicks(this.nextTicks());
    }

    getOffsetMs(): number {
        return this.offsetMs;
    }

    /** Moves the emulator's notion of "now" (only forward or backward relative to the real clock). */
    setOffsetMs(offsetMs: number): void {
        this.offsetMs = offsetMs;
    }

    /** Never hand out a tick at or before one already persisted (state loaded from a file). */
    observe(timestamp: unknown): void {
        if (typeof timestamp !== 'string') {
            return;
        }
        const ticks = parseTicks(timestamp);
        if (ticks !== undefined && ticks > this.lastTicks) {
            this.lastTicks = ticks;
        }
    }
}

/** `2025-03-10T09:12:44.1234567Z` (or `+00:00` instead of `Z` when `offsetStyle` is set). */
export function formatTicks(ticks: bigint, offsetStyle = false): string {
    const ms = Number(ticks / TICKS_PER_MS);
    const fraction = (ticks % 10_000_000n).toString().padStart(7, '0');
    const base = new Date(ms).toISOString().slice(0, 19);
    return `${base}.${fraction}${offsetStyle ? '+00:00' : 'Z'}`;
}

const DATE_TIME =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Parses an ISO-8601 date or date-time with any number of fractional digits into 100 ns ticks.
 * A date without a time is UTC midnight; a date-time without an offset is taken as UTC.
 * Returns undefined for anything that is not a date.
 */
export function parseTicks(value: string): bigint | undefined {
    const match = DATE_TIME.exec(value.trim());
    if (!match) {
        return undefined;
    }
    const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = match;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    if (Number.isNaN(ms)) {
        return undefined;
    }
    let offsetMinutes = 0;
    if (zone.toUpperCase() !== 'Z') {
        const sign = zone.startsWith('-') ? -1 : 1;
        const digits = zone.slice(1).replace(':', '');
        offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
    }
    const fractionTicks = BigInt((frac + '0000000').slice(0, 7));
    return (BigInt(ms) - BigInt(offsetMinutes) * 60_000n) * TICKS_PER_MS + fractionTicks;
}

/** Converts a Partner Center `...Z` timestamp to the `+00:00` form used by `ResourceChangeUtcDate`. */
export function toOffsetForm(timestamp: string): string {
    const ticks = parseTicks(timestamp);
    return ticks === undefined ? timestamp : formatTicks(ticks, true);
}

/** A timestamp `days` after the given one, at full tick precision. */
export function addDays(timestamp: string, days: number): string {
    const ticks = parseTicks(timestamp);
    if (ticks === undefined) {
        throw new Error(`Not a timestamp: ${timestamp}`);
    }
    return formatTicks(ticks + BigInt(days) * 86_400_000n * TICKS_PER_MS);
}
