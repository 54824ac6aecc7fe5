/** Public surface of the value layer (Decimal, Date/Datetime/Time, Ids, time zones, errors). */
export { Decimal, DIVISION_PRECISION, ROUNDING_MODES, divideAndRound, javaDoubleToString } from './decimal.js';
export type { RoundingMode } from './decimal.js';
export {
    ApexDate,
    ApexDatetime,
    ApexTime,
    daysFromCivil,
    civilFromDays,
    isLeapYear,
    daysInMonth,
    formatPattern
} from './datetime.js';
export { IdGenerator, isValidId, to18, to15, keyPrefixOf, idSuffix, idsEqual } from './id.js';
export {
    setUserTimeZoneProvider,
    userTimeZone,
    setClock,
    nowMillis,
    normalizeTimeZone,
    isValidTimeZone,
    offsetMillis,
    localToEpoch
} from './timezone.js';
export { PlatformError, UnsupportedError, isUnsupportedError } from './errors.js';
