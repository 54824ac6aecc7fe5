/**
 * The OData subset Partner Center documents for `GET /v1.0/engagements/referrals` (DOC-LIST20): `$filter` with the
 * comparison operators, `and` / `or` / `not`, parentheses, nested property paths (`customerProfile/address/country`)
 * and lambda operators (`team/any(t:t/email eq '...')`); `$orderby` on `createdDateTime` / `updatedDateTime`;
 * `$select` of (nested) properties.
 *
 * Anything outside that subset (functions such as `contains`, arithmetic, `$expand`) is rejected with an
 * {@link ODataError}, so a client that relies on an undocumented feature fails loudly against the emulator.
 */

import { parseTicks } from './clock.ts';

/** A malformed or unsupported OData expression; the server answers 400. */
export class ODataError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'ODataError';
    }
}

type Token =
    | { kind: 'punct'; value: '(' | ')' | ',' | ':' | '/' }
    | { kind: 'ident'; value: string }
    | { kind: 'string'; value: string }
    | { kind: 'number'; value: number }
    | { kind: 'datetime'; value: string }
    | { kind: 'guid'; value: string }
    | { kind: 'end' };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < source.length) {
        const ch = source[i];
        if (/\s/.test(ch)) {
            i++;
        } else if (ch === '(' || ch === ')' || ch === ',' || ch === ':' || ch === '/') {
            tokens.push({ kind: 'punct', value: ch });
            i++;
        } else if (ch === "'") {
            let value = '';
            i++;
            for (;;) {
                if (i >= source.length) {
                    throw new ODataError('Unterminated string literal in $filter');
                }
                if (source[i] === "'") {
                    if (source[i + 1] === "'") {
                        value += "'";
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                value += source[i++];
            }
            tokens.push({ kind: 'string', value });
        } else if (GUID.test(source.slice(i, i + 36)) && !/[A-Za-z0-9_-]/.test(source[i + 36] ?? '')) {
            // An unquoted GUID literal may start with a letter, so check for it before identifiers.
            tokens.push({ kind: 'guid', value: source.slice(i, i + 36) });
            i += 36;
        } else if (/[0-9-]/.test(ch)) {
            const start = i;
            while (i < source.length && /[0-9A-Za-z:.+-]/.test(source[i])) {
                i++;
            }
            const text = source.slice(start, i);
            if (GUID.test(text)) {
                tokens.push({ kind: 'guid', value: text });
            } else if (DATE_LIKE.test(text)) {
                if (parseTicks(text) === undefined) {
                    throw new ODataError(`Invalid date-time literal '${text}' in $filter`);
                }
                tokens.push({ kind: 'datetime', value: text });
            } else if (NUMBER.test(text)) {
                tokens.push({ kind: 'number', value: Number(text) });
            } else {
                throw new ODataError(`Invalid literal '${text}' in $filter`);
            }
        } else if (/[A-Za-z_$@]/.test(ch)) {
            const start = i;
            while (i < source.length && /[A-Za-z0-9_.$@]/.test(source[i])) {
                i++;
            }
            const word = source.slice(start, i);
            // Typed literals: datetime'…', datetimeoffset'…', guid'…' (OData v3 spelling).
            if (source[i] === "'" && /^(datetime|datetimeoffset|guid)$/i.test(word)) {
                const end = source.indexOf("'", i + 1);
                if (end < 0) {
                    throw new ODataError('Unterminated typed literal in $filter');
                }
                const text = source.slice(i + 1, end);
                i = end + 1;
                if (/^guid$/i.test(word)) {
                    tokens.push({ kind: 'guid', value: text });
                } else {
                    if (parseTicks(text) === undefined) {
                        throw new ODataError(`Invalid date-time literal '${text}' in $filter`);
                    }
                    tokens.push({ kind: 'datetime', value: text });
                }
            } else {
                tokens.push({ kind: 'ident', value: word });
            }
        } else {
            throw new ODataError(`Unexpected character '${ch}' at position ${i} in $filter`);
        }
    }
    tokens.push({ kind: 'end' });
    return tokens;
}

/** Comparison operators of the documented subset. */
export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const UNSUPPORTED_OPERATORS = new Set(['add', 'sub', 'mul', 'div', 'mod', 'has', 'in']);

/** A parsed `$filter` expression. */
export type FilterNode =
    | { type: 'and' | 'or'; left: FilterNode; right: FilterNode }
    | { type: 'not'; operand: FilterNode }
    | { type: 'compare'; op: ComparisonOperator; left: FilterNode; right: FilterNode }
    | { type: 'path'; segments: string[] }
    | { type: 'lambda'; quantifier: 'any' | 'all'; collection: string[]; variable?: string; body?: FilterNode }
    | {
          type: 'literal';
          value: string | number | boolean | null;
          literalKind: 'string' | 'number' | 'boolean' | 'null' | 'datetime' | 'guid';
      };

class Parser {
    private position = 0;

    constructor(private readonly tokens: Token[]) {}

    parse(): FilterNode {
        const node = this.parseOr();
        const next = this.peek();
        if (next.kind !== 'end') {
            throw new ODataError(`Unexpected ${describe(next)} in $filter`);
        }
        return node;
    }

    private peek(): Token {
        return this.tokens[this.position];
    }

    private take(): Token {
        return this.tokens[this.position++];
    }

    private isKeyword(word: string): boolean {
        const token = this.peek();
        return token.kind === 'ident' && token.value.toLowerCase() === word;
    }

    private expectPunct(value: string): void {
        const token = this.take();
        if (token.kind !== 'punct' || token.value !== value) {
            throw new ODataError(`Expected '${value}' but found ${describe(token)} in $filter`);
        }
    }

    private parseOr(): FilterNode {
        let left = this.parseAnd();
        while (this.isKeyword('or')) {
            this.take();
            left = { type: 'or', left, right: this.parseAnd() };
        }
        return left;
    }

    private parseAnd(): FilterNode {
        let left = this.parseNot();
        while (this.isKeyword('and')) {
            this.take();
            left = { type: 'and', left, right: this.parseNot() };
        }
        return left;
    }

    private parseNot(): FilterNode {
        if (this.isKeyword('not')) {
            this.take();
            return { type: 'not', operand: this.parseNot() };
        }
        return this.parseComparison();
    }

    private parseComparison(): FilterNode {
        const left = this.parsePrimary();
        const token = this.peek();
        if (token.kind === 'ident') {
            const word = token.value.toLowerCase();
            if (COMPARISONS.has(word)) {
                this.take();
                const right = this.parsePrimary();
                return { type: 'compare', op: word as ComparisonOperator, left, right };
            }
            if (UNSUPPORTED_OPERATORS.has(word)) {
                throw new ODataError(`The operator '${word}' is not supported in $filter`);
            }
        }
        return left;
    }

    private parsePrimary(): FilterNode {
        const token = this.take();
        switch (token.kind) {
            case 'punct':
                if (token.value === '(') {
                    const inner = this.parseOr();
                    this.expectPunct(')');
                    return inner;
                }
                throw new ODataError(`Unexpected '${token.value}' in $filter`);
            case 'string':
                return { type: 'literal', value: token.value, literalKind: 'string' };
            case 'number':
                return { type: 'literal', value: token.value, literalKind: 'number' };
            case 'datetime':
                return { type: 'literal', value: token.value, literalKind: 'datetime' };
            case 'guid':
                return { type: 'literal', value: token.value, literalKind: 'guid' };
            case 'ident':
                return this.parseIdentifier(token.value);
            default:
                throw new ODataError('Unexpected end of $filter');
        }
    }

    private parseIdentifier(first: string): FilterNode {
        const lower = first.toLowerCase();
        if (lower === 'true' || lower === 'false') {
            return { type: 'literal', value: lower === 'true', literalKind: 'boolean' };
        }
        if (lower === 'null') {
            return { type: 'literal', value: null, literalKind: 'null' };
        }
        const next = this.peek();
        if (next.kind === 'punct' && next.value === '(') {
            throw new ODataError(`The function '${first}' is not supported in $filter`);
        }
        const segments = [first];
        while (this.peek().kind === 'punct' && (this.peek() as { value: string }).value === '/') {
            this.take();
            const segment = this.take();
            if (segment.kind !== 'ident') {
                throw new ODataError(`Expected a property name after '/' but found ${describe(segment)} in $filter`);
            }
            const segmentLower = segment.value.toLowerCase();
            const afterSegment = this.peek();
            if (afterSegment.kind === 'punct' && afterSegment.value === '(') {
                if (segmentLower !== 'any' && segmentLower !== 'all') {
                    throw new ODataError(`The function '${segment.value}' is not supported in $filter`);
                }
                return this.parseLambda(segmentLower, segments);
            }
            segments.push(segment.value);
        }
        return { type: 'path', segments };
    }

    private parseLambda(quantifier: 'any' | 'all', collection: string[]): FilterNode {
        this.expectPunct('(');
        const close = this.peek();
        if (close.kind === 'punct' && close.value === ')') {
            if (quantifier === 'all') {
                throw new ODataError("'all' requires a lambda expression in $filter");
            }
            this.take();
            return { type: 'lambda', quantifier, collection };
        }
        const variable = this.take();
        if (variable.kind !== 'ident') {
            throw new ODataError(`Expected a lambda variable but found ${describe(variable)} in $filter`);
        }
        this.expectPunct(':');
        const body = this.parseOr();
        this.expectPunct(')');
        return { type: 'lambda', quantifier, collection, variable: variable.value, body };
    }
}

function describe(token: Token): string {
    switch (token.kind) {
        case 'end':
            return 'end of expression';
        case 'punct':
            return `'${token.value}'`;
        default:
            return `'${String(token.value)}'`;
    }
}

/** Parses a `$filter` value into an expression tree. */
export function parseFilter(source: string): FilterNode {
    if (!source.trim()) {
        throw new ODataError('$filter is empty');
    }
    return new Parser(tokenize(source)).parse();
}

/** Lists every property path used by a filter (outside lambda variables), e.g. to reject some of them. */
export function filterPaths(node: FilterNode): string[][] {
    const paths: string[][] = [];
    const walk = (n: FilterNode, variables: Set<string>): void => {
        switch (n.type) {
            case 'and':
            case 'or':
                walk(n.left, variables);
                walk(n.right, variables);
                break;
            case 'not':
                walk(n.operand, variables);
                break;
            case 'compare':
                walk(n.left, variables);
                walk(n.right, variables);
                break;
            case 'path':
                if (!variables.has(n.segments[0])) {
                    paths.push(n.segments);
                }
                break;
            case 'lambda':
                if (!variables.has(n.collection[0])) {
                    paths.push(n.collection);
                }
                if (n.body && n.variable) {
                    walk(n.body, new Set([...variables, n.variable]));
                }
                break;
            case 'literal':
                break;
        }
    };
    walk(node, new Set());
    return paths;
}

/** Whether the filter compares anything against a date-time literal. */
export function usesDateTimeLiteral(node: FilterNode): boolean {
    switch (node.type) {
        case 'and':
        case 'or':
            return usesDateTimeLiteral(node.left) || usesDateTimeLiteral(node.right);
        case 'not':
            return usesDateTimeLiteral(node.operand);
        case 'compare':
            return usesDateTimeLiteral(node.left) || usesDateTimeLiteral(node.right);
        case 'lambda':
            return node.body ? usesDateTimeLiteral(node.body) : false;
        case 'literal':
            return node.literalKind === 'datetime';
        default:
            return false;
    }
}

/** Reads a property by exact name, falling back to a case-insensitive match (keys may arrive in PascalCase). */
export function getProperty(target: unknown, key: string): unknown {
    if (target === null || typeof target !== 'object' || Array.isArray(target)) {
        return undefined;
    }
    const record = target as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(record, key)) {
        return record[key];
    }
    const lower = key.toLowerCase();
    for (const candidate of Object.keys(record)) {
        if (candidate.toLowerCase() === lower) {
            return record[candidate];
        }
    }
    return undefined;
}

function resolvePath(segments: string[], root: unknown, scope: Map<string, unknown>): unknown {
    let current: unknown;
    let rest = segments;
    if (scope.has(segments[0])) {
        current = scope.get(segments[0]);
        rest = segments.slice(1);
    } else {
        current = root;
    }
    for (const segment of rest) {
        current = getProperty(current, segment);
        if (current === undefined) {
            return undefined;
        }
    }
    return current;
}

type Value = unknown;

function evaluate(node: FilterNode, root: unknown, scope: Map<string, unknown>): Value {
    switch (node.type) {
        case 'and':
            return truthy(evaluate(node.left, root, scope)) && truthy(evaluate(node.right, root, scope));
        case 'or':
            return truthy(evaluate(node.left, root, scope)) || truthy(evaluate(node.right, root, scope));
        case 'not':
            return !truthy(evaluate(node.operand, root, scope));
        case 'literal':
            return node.value;
        case 'path':
            return resolvePath(node.segments, root, scope);
        case 'lambda': {
            const collection = resolvePath(node.collection, root, scope);
            const items = Array.isArray(collection) ? collection : [];
            if (!node.body || !node.variable) {
                return items.length > 0;
            }
            const body = node.body;
            const variable = node.variable;
            const test = (item: unknown): boolean => {
                const inner = new Map(scope);
                inner.set(variable, item);
                return truthy(evaluate(body, root, inner));
            };
            return node.quantifier === 'any' ? items.some(test) : items.every(test);
        }
        case 'compare': {
            const left = evaluate(node.left, root, scope);
            const right = evaluate(node.right, root, scope);
            const dateTime =
                (node.left.type === 'literal' && node.left.literalKind === 'datetime') ||
                (node.right.type === 'literal' && node.right.literalKind === 'datetime');
            const guid =
                (node.left.type === 'literal' && node.left.literalKind === 'guid') ||
                (node.right.type === 'literal' && node.right.literalKind === 'guid');
            return compare(node.op, left, right, dateTime, guid);
        }
    }
}

function truthy(value: Value): boolean {
    return value === true;
}

function compare(op: ComparisonOperator, left: Value, right: Value, dateTime: boolean, guid: boolean): boolean {
    const leftNull = left === null || left === undefined;
    const rightNull = right === null || right === undefined;
    if (leftNull || rightNull) {
        if (op === 'eq') {
            return leftNull && rightNull;
        }
        if (op === 'ne') {
            return !(leftNull && rightNull);
        }
        return false;
    }
    let a: number | bigint | string | boolean;
    let b: number | bigint | string | boolean;
    if (dateTime) {
        const ta = typeof left === 'string' ? parseTicks(left) : undefined;
        const tb = typeof right === 'string' ? parseTicks(right) : undefined;
        if (ta === undefined || tb === undefined) {
            return op === 'ne';
        }
        a = ta;
        b = tb;
    } else if (guid && typeof left === 'string' && typeof right === 'string') {
        a = left.toLowerCase();
        b = right.toLowerCase();
    } else if (typeof left === 'number' || typeof right === 'number') {
        const na =
            typeof left === 'number' ? left : typeof left === 'string' && left.trim() !== '' ? Number(left) : NaN;
        const nb =
            typeof right === 'number' ? right : typeof right === 'string' && right.trim() !== '' ? Number(right) : NaN;
        if (Number.isNaN(na) || Number.isNaN(nb)) {
            return op === 'ne';
        }
        a = na;
        b = nb;
    } else if (typeof left === 'string' && typeof right === 'string') {
        a = left;
        b = right;
    } else if (typeof left === 'boolean' && typeof right === 'boolean') {
        if (op !== 'eq' && op !== 'ne') {
            throw new ODataError(`The operator '${op}' cannot compare booleans`);
        }
        a = left;
        b = right;
    } else {
        // Objects, arrays or mixed types never compare equal.
        return op === 'ne';
    }
    switch (op) {
        case 'eq':
            return a === b;
        case 'ne':
            return a !== b;
        case 'gt':
            return a > b;
        case 'ge':
            return a >= b;
        case 'lt':
            return a < b;
        case 'le':
            return a <= b;
    }
}

/** Compiles a `$filter` into a predicate over referral objects. */
export function compileFilter(source: string): (item: unknown) => boolean {
    const tree = parseFilter(source);
    return (item) => truthy(evaluate(tree, item, new Map()));
}

/** One `$orderby` key. */
export interface OrderKey {
    field: string;
    descending: boolean;
}

/** Parses `$orderby`; only the fields in `allowed` may be used (Partner Center documents two). */
export function parseOrderBy(source: string, allowed: readonly string[]): OrderKey[] {
    const keys: OrderKey[] = [];
    for (const part of source.split(',')) {
        const words = part.trim().split(/\s+/).filter(Boolean);
        if (words.length === 0 || words.length > 2) {
            throw new ODataError(`Invalid $orderby clause '${part.trim()}'`);
        }
        const field = allowed.find((name) => name.toLowerCase() === words[0].toLowerCase());
        if (!field) {
            throw new ODataError(
                `$orderby on '${words[0]}' is not supported; use one of: ${allowed.join(', ')} (asc or desc)`
            );
        }
        const direction = (words[1] ?? 'asc').toLowerCase();
        if (direction !== 'asc' && direction !== 'desc') {
            throw new ODataError(`Invalid $orderby direction '${words[1]}'`);
        }
        keys.push({ field, descending: direction === 'desc' });
    }
    return keys;
}

/** Parses `$select` into property paths. */
export function parseSelect(source: string): string[][] {
    const paths = source
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => part.split('/').map((segment) => segment.trim()));
    if (paths.length === 0) {
        throw new ODataError('$select is empty');
    }
    for (const path of paths) {
        if (path.some((segment) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment) && segment !== '*')) {
            throw new ODataError(`Invalid $select path '${path.join('/')}'`);
        }
    }
    return paths;
}

/** Projects an object onto the selected paths (`*` keeps everything). */
export function project(item: Record<string, unknown>, paths: string[][]): Record<string, unknown> {
    if (paths.some((path) => path.length === 1 && path[0] === '*')) {
        return item;
    }
    const result: Record<string, unknown> = {};
    for (const path of paths) {
        copyPath(item, result, path);
    }
    return result;
}

function copyPath(source: Record<string, unknown>, target: Record<string, unknown>, path: string[]): void {
    const [head, ...rest] = path;
    const key = Object.keys(source).find((candidate) => candidate.toLowerCase() === head.toLowerCase());
    if (key === undefined) {
        return;
    }
    const value = source[key];
    if (rest.length === 0 || value === null || typeof value !== 'object' || Array.isArray(value)) {
        target[key] = value;
        return;
    }
    const existing = target[key];
    const child: Record<string, unknown> =
        existing !== null && typeof existing === 'object' && !Array.isArray(existing)
            ? (existing as Record<string, unknown>)
            : {};
    target[key] = child;
    copyPath(value as Record<string, unknown>, child, rest);
}
