/**
 * SOQL parser (hand-written): static SOQL text sliced from Apex source (`[SELECT …]` without the brackets) and
 * dynamic strings (`Database.query`). Bind expressions (`:name`, `:obj.field`, `:Date.today().addDays(-1)`) are kept
 * as Apex source text for the interpreter to evaluate.
 *
 * Source: "SOQL and SOSL Reference", SELECT syntax
 * (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm).
 */
import { PlatformError, UnsupportedError } from '../values/errors.js';

export interface BindRef {
    /** Position in the query's bind list. */
    index: number;
    /** The Apex expression after the colon, as written. */
    text: string;
    /** Offsets of the expression inside the SOQL text. */
    start: number;
    end: number;
}

/** A number, date or datetime literal of the SOQL text (converted per field type at execution). */
export class SoqlLiteral {
    constructor(
        readonly kind: 'number' | 'date' | 'datetime',
        readonly text: string
    ) {}
}

export type SoqlValue =
    | { kind: 'literal'; value: unknown; raw: string }
    | { kind: 'bind'; bind: BindRef }
    | { kind: 'dateLiteral'; name: string; n: number | null }
    | { kind: 'list'; items: SoqlValue[] }
    | { kind: 'subquery'; query: SoqlQuery };

export interface FieldRef {
    kind: 'field';
    /** Path segments as written, e.g. ['Account', 'Owner', 'Name']. */
    path: string[];
    /** Date function wrapping the field (`CALENDAR_YEAR(CloseDate)`), or `toLabel`, `convertCurrency`, `format`. */
    fn?: string;
}

export interface AggregateRef {
    kind: 'aggregate';
    fn: 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';
    field: FieldRef | null;
}

export type SelectItem =
    | { kind: 'field'; field: FieldRef; alias?: string }
    | { kind: 'aggregate'; agg: AggregateRef; alias?: string }
    | { kind: 'subquery'; query: SoqlQuery }
    | { kind: 'fields'; which: 'ALL' | 'STANDARD' | 'CUSTOM' };

export type Condition =
    | { kind: 'and'; items: Condition[] }
    | { kind: 'or'; items: Condition[] }
    | { kind: 'not'; item: Condition }
    | { kind: 'cmp'; left: FieldRef | AggregateRef; op: string; value: SoqlValue };

export interface OrderItem {
    target: FieldRef | AggregateRef;
    desc: boolean;
    nullsLast: boolean;
}

export interface SoqlQuery {
    select: SelectItem[];
    from: string;
    alias?: string;
    where?: Condition;
    withClause?: 'USER_MODE' | 'SYSTEM_MODE' | 'SECURITY_ENFORCED';
    groupBy?: FieldRef[];
    having?: Condition;
    orderBy?: OrderItem[];
    limit?: SoqlValue;
    offset?: SoqlValue;
    forClause?: 'UPDATE' | 'VIEW' | 'REFERENCE';
    allRows: boolean;
    /** `SELECT COUNT() FROM …` */
    countOnly: boolean;
}

interface Token {
    type: 'ident' | 'string' | 'number' | 'op' | 'punct' | 'bind' | 'datetime' | 'date' | 'eof';
    value: string;
    pos: number;
    end: number;
    bind?: BindRef;
}

const DATE_LITERALS = new Set([
    'YESTERDAY',
    'TODAY',
    'TOMORROW',
    'LAST_WEEK',
    'THIS_WEEK',
    'NEXT_WEEK',
    'LAST_MONTH',
    'THIS_MONTH',
    'NEXT_MONTH',
    'LAST_90_DAYS',
    'NEXT_90_DAYS',
    'THIS_QUARTER',
    'LAST_QUARTER',
    'NEXT_QUARTER',
    'THIS_YEAR',
    'LAST_YEAR',
    'NEXT_YEAR',
    'THIS_FISCAL_QUARTER',
    'LAST_FISCAL_QUARTER',
    'NEXT_FISCAL_QUARTER',
    'THIS_FISCAL_YEAR',
    'LAST_FISCAL_YEAR',
    'NEXT_FISCAL_YEAR'
]);
const DATE_N_LITERALS = new Set([
    'LAST_N_DAYS',
    'NEXT_N_DAYS',
    'N_DAYS_AGO',
    'LAST_N_WEEKS',
    'NEXT_N_WEEKS',
    'N_WEEKS_AGO',
    'LAST_N_MONTHS',
    'NEXT_N_MONTHS',
    'N_MONTHS_AGO',
    'LAST_N_QUARTERS',
    'NEXT_N_QUARTERS',
    'N_QUARTERS_AGO',
    'LAST_N_YEARS',
    'NEXT_N_YEARS',
    'N_YEARS_AGO',
    'LAST_N_FISCAL_QUARTERS',
    'NEXT_N_FISCAL_QUARTERS',
    'LAST_N_FISCAL_YEARS',
    'NEXT_N_FISCAL_YEARS'
]);
const DATE_FUNCTIONS = new Set([
    'CALENDAR_MONTH',
    'CALENDAR_QUARTER',
    'CALENDAR_YEAR',
    'DAY_IN_MONTH',
    'DAY_IN_WEEK',
    'DAY_IN_YEAR',
    'DAY_ONLY',
    'FISCAL_MONTH',
    'FISCAL_QUARTER',
    'FISCAL_YEAR',
    'HOUR_IN_DAY',
    'WEEK_IN_MONTH',
    'WEEK_IN_YEAR'
]);
const FIELD_FUNCTIONS = new Set(['TOLABEL', 'CONVERTCURRENCY', 'FORMAT', 'GROUPING']);
const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
const CLAUSE_WORDS = new Set([
    'FROM',
    'WHERE',
    'WITH',
    'GROUP',
    'HAVING',
    'ORDER',
    'LIMIT',
    'OFFSET',
    'FOR',
    'ALL',
    'USING',
    'UPDATE'
]);

function syntaxError(message: string): PlatformError {
    return new PlatformError('System.QueryException', message);
}

function tokenError(t: { type: string; value: string }): PlatformError {
    return syntaxError(t.type === 'eof' ? 'unexpected token: <EOF>' : `unexpected token: '${t.value}'`);
}

/** Reads the Apex expression of a bind starting at `i` (just after the colon). Returns its end offset. */
function scanBindExpression(src: string, i: number): number {
    let depth = 0;
    let j = i;
    let inString = false;
    while (j < src.length) {
        const c = src[j];
        if (inString) {
            if (c === '\\') j++;
            else if (c === "'") inString = false;
            j++;
            continue;
        }
        if (c === "'") {
            inString = true;
            j++;
            continue;
        }
        if (c === '(' || c === '[' || c === '{') depth++;
        else if (c === ')' || c === ']' || c === '}') {
            if (depth === 0) break;
            depth--;
        } else if (depth === 0) {
            if (/\s/.test(c) || c === ',') break;
            if (c === '-' && j > i && !/[\w)\]]/.test(src[j - 1])) {
                /* unary minus inside an expression */
            } else if (c === '-' && j === i) {
                /* leading minus */
            } else if (!/[\w.?$<>-]/.test(c)) break;
            if (c === '<' || c === '>') {
                // generic type arguments only after `new List` etc.; otherwise an operator ends the bind
                if (!/new\s+\w+$/i.test(src.slice(i, j)) && !/<[\w\s,.<]*$/.test(src.slice(i, j))) break;
            }
        }
        j++;
    }
    return j;
}

function tokenize(src: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    let bindIndex = 0;
    while (i < src.length) {
        const c = src[i];
        if (/\s/.test(c)) {
            i++;
            continue;
        }
        const start = i;
        if (c === "'") {
            let j = i + 1;
            let value = '';
            while (j < src.length && src[j] !== "'") {
                if (src[j] === '\\' && j + 1 < src.length) {
                    const n = src[j + 1];
                    value +=
                        n === 'n'
                            ? '\n'
                            : n === 't'
                              ? '\t'
                              : n === 'r'
                                ? '\r'
                                : n === 'b'
                                  ? '\b'
                                  : n === 'f'
                                    ? '\f'
                                    : n;
                    j += 2;
                    continue;
                }
                value += src[j++];
            }
            if (j >= src.length) throw syntaxError(`line 1:${start} mismatched character '<EOF>' expecting '''`);
            tokens.push({ type: 'string', value, pos: start, end: j + 1 });
            i = j + 1;
            continue;
        }
        if (c === ':') {
            // date literal with N (LAST_N_DAYS:5) is handled by the parser: a bind follows only after an operator
            const prev = tokens[tokens.length - 1];
            if (prev && prev.type === 'ident' && DATE_N_LITERALS.has(prev.value.toUpperCase())) {
                tokens.push({ type: 'punct', value: ':', pos: i, end: i + 1 });
                i++;
                continue;
            }
            let j = i + 1;
            while (j < src.length && /\s/.test(src[j])) j++;
            const end = scanBindExpression(src, j);
            const text = src.slice(j, end).trim();
            if (!text) throw syntaxError(`unexpected token: ':'`);
            const bind: BindRef = { index: bindIndex++, text, start: j, end };
            tokens.push({ type: 'bind', value: text, pos: start, end, bind });
            i = end;
            continue;
        }
        const dt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})/.exec(src.slice(i));
        if (dt) {
            tokens.push({ type: 'datetime', value: dt[0], pos: start, end: i + dt[0].length });
            i += dt[0].length;
            continue;
        }
        const d = /^\d{4}-\d{2}-\d{2}(?![\dT])/.exec(src.slice(i));
        if (d) {
            tokens.push({ type: 'date', value: d[0], pos: start, end: i + d[0].length });
            i += d[0].length;
            continue;
        }
        const num = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i));
        if (
            num &&
            (c !== '-' && c !== '+' ? true : !tokens.length || ['op', 'punct'].includes(tokens[tokens.length - 1].type))
        ) {
            tokens.push({ type: 'number', value: num[0], pos: start, end: i + num[0].length });
            i += num[0].length;
            continue;
        }
        const ident = /^[A-Za-z_][\w]*/.exec(src.slice(i));
        if (ident) {
            tokens.push({ type: 'ident', value: ident[0], pos: start, end: i + ident[0].length });
            i += ident[0].length;
            continue;
        }
        const op = /^(<=|>=|!=|<>|=|<|>)/.exec(src.slice(i));
        if (op) {
            tokens.push({ type: 'op', value: op[0] === '<>' ? '!=' : op[0], pos: start, end: i + op[0].length });
            i += op[0].length;
            continue;
        }
        if ('(),.'.includes(c)) {
            tokens.push({ type: 'punct', value: c, pos: start, end: i + 1 });
            i++;
            continue;
        }
        throw syntaxError(`unexpected token: '${c}'`);
    }
    tokens.push({ type: 'eof', value: '', pos: src.length, end: src.length });
    return tokens;
}

class Parser {
    private i = 0;
    readonly binds: BindRef[] = [];

    constructor(private readonly tokens: Token[]) {
        for (const t of tokens) if (t.bind) this.binds.push(t.bind);
    }

    private peek(k = 0): Token {
        return this.tokens[Math.min(this.i + k, this.tokens.length - 1)];
    }

    private next(): Token {
        return this.tokens[this.i++];
    }

    private isWord(word: string, k = 0): boolean {
        const t = this.peek(k);
        return t.type === 'ident' && t.value.toUpperCase() === word;
    }

    private acceptWord(word: string): boolean {
        if (this.isWord(word)) {
            this.i++;
            return true;
        }
        return false;
    }

    private expectWord(word: string): void {
        if (!this.acceptWord(word)) throw this.unexpected(`expecting ${word}`);
    }

    private isPunct(p: string): boolean {
        const t = this.peek();
        return t.type === 'punct' && t.value === p;
    }

    private expectPunct(p: string): void {
        if (!this.isPunct(p)) throw this.unexpected(`expecting '${p}'`);
        this.i++;
    }

    private unexpected(detail?: string): PlatformError {
        const t = this.peek();
        return syntaxError(
            t.type === 'eof'
                ? `unexpected token: <EOF>${detail ? ` (${detail})` : ''}`
                : `unexpected token: '${t.value}'`
        );
    }

    parseQuery(nested = false): SoqlQuery {
        this.expectWord('SELECT');
        const q: SoqlQuery = { select: [], from: '', allRows: false, countOnly: false };
        if (this.isWord('COUNT') && this.peek(1).value === '(' && this.peek(2).value === ')') {
            this.i += 3;
            q.countOnly = true;
        } else {
            q.select = this.parseSelectList();
        }
        this.expectWord('FROM');
        const from = this.next();
        if (from.type !== 'ident') throw tokenError(from);
        q.from = from.value;
        if (this.peek().type === 'ident' && !CLAUSE_WORDS.has(this.peek().value.toUpperCase()) && !this.isWord('AS')) {
            q.alias = this.next().value;
        } else if (this.acceptWord('AS')) {
            q.alias = this.next().value;
        }
        if (this.isWord('USING')) throw new UnsupportedError('SOQL USING SCOPE');
        if (this.acceptWord('WHERE')) q.where = this.parseCondition(false);
        if (this.acceptWord('WITH')) {
            const w = this.next().value.toUpperCase();
            if (w === 'USER_MODE' || w === 'SYSTEM_MODE' || w === 'SECURITY_ENFORCED') q.withClause = w;
            else throw new UnsupportedError(`SOQL WITH ${w}`);
        }
        if (this.acceptWord('GROUP')) {
            this.expectWord('BY');
            if (this.isWord('ROLLUP') || this.isWord('CUBE'))
                throw new UnsupportedError(`SOQL GROUP BY ${this.peek().value}`);
            q.groupBy = [this.parseFieldRef()];
            while (this.isPunct(',')) {
                this.i++;
                q.groupBy.push(this.parseFieldRef());
            }
            if (this.acceptWord('HAVING')) q.having = this.parseCondition(true);
        }
        if (this.acceptWord('ORDER')) {
            this.expectWord('BY');
            q.orderBy = [this.parseOrderItem()];
            while (this.isPunct(',')) {
                this.i++;
                q.orderBy.push(this.parseOrderItem());
            }
        }
        if (this.acceptWord('LIMIT')) q.limit = this.parseValue();
        if (this.acceptWord('OFFSET')) q.offset = this.parseValue();
        if (this.acceptWord('FOR')) {
            const w = this.next().value.toUpperCase();
            if (w === 'UPDATE' || w === 'VIEW' || w === 'REFERENCE') q.forClause = w;
            else throw syntaxError(`unexpected token: '${w}'`);
        }
        if (this.acceptWord('UPDATE')) {
            // FOR VIEW/REFERENCE … UPDATE TRACKING / VIEWSTAT
            throw new UnsupportedError('SOQL UPDATE TRACKING/VIEWSTAT');
        }
        if (this.acceptWord('ALL')) {
            this.expectWord('ROWS');
            q.allRows = true;
        }
        if (!nested && this.peek().type !== 'eof') throw this.unexpected();
        return q;
    }

    private parseSelectList(): SelectItem[] {
        const items: SelectItem[] = [this.parseSelectItem()];
        while (this.isPunct(',')) {
            this.i++;
            items.push(this.parseSelectItem());
        }
        return items;
    }

    private parseSelectItem(): SelectItem {
        if (this.isPunct('(')) {
            this.i++;
            const query = this.parseQuery(true);
            this.expectPunct(')');
            return { kind: 'subquery', query };
        }
        if (this.isWord('TYPEOF')) throw new UnsupportedError('SOQL TYPEOF');
        if (this.isWord('FIELDS') && this.peek(1).value === '(') {
            this.i += 2;
            const which = this.next().value.toUpperCase();
            this.expectPunct(')');
            if (which !== 'ALL' && which !== 'STANDARD' && which !== 'CUSTOM') throw this.unexpected();
            return { kind: 'fields', which };
        }
        const t = this.peek();
        if (t.type === 'ident' && AGGREGATES.has(t.value.toUpperCase()) && this.peek(1).value === '(') {
            const agg = this.parseAggregate();
            return { kind: 'aggregate', agg, alias: this.parseAlias() };
        }
        const field = this.parseFieldRef();
        return { kind: 'field', field, alias: this.parseAlias() };
    }

    private parseAlias(): string | undefined {
        const t = this.peek();
        if (t.type === 'ident' && !CLAUSE_WORDS.has(t.value.toUpperCase()) && !this.isPunct(',')) {
            this.i++;
            return t.value;
        }
        return undefined;
    }

    private parseAggregate(): AggregateRef {
        const fn = this.next().value.toUpperCase() as AggregateRef['fn'];
        this.expectPunct('(');
        let field: FieldRef | null = null;
        if (!this.isPunct(')')) field = this.parseFieldRef();
        this.expectPunct(')');
        return { kind: 'aggregate', fn, field };
    }

    private parseFieldRef(): FieldRef {
        const t = this.next();
        if (t.type !== 'ident') throw tokenError(t);
        const upper = t.value.toUpperCase();
        if ((DATE_FUNCTIONS.has(upper) || FIELD_FUNCTIONS.has(upper)) && this.isPunct('(')) {
            this.i++;
            const inner = this.parseFieldRef();
            this.expectPunct(')');
            return { ...inner, fn: upper };
        }
        const path = [t.value];
        while (this.isPunct('.')) {
            this.i++;
            const n = this.next();
            if (n.type !== 'ident') throw tokenError(n);
            path.push(n.value);
        }
        return { kind: 'field', path };
    }

    private parseOrderItem(): OrderItem {
        const t = this.peek();
        const target =
            t.type === 'ident' && AGGREGATES.has(t.value.toUpperCase()) && this.peek(1).value === '('
                ? this.parseAggregate()
                : this.parseFieldRef();
        let desc = false;
        if (this.acceptWord('DESC')) desc = true;
        else this.acceptWord('ASC');
        let nullsLast = false;
        if (this.acceptWord('NULLS')) {
            if (this.acceptWord('LAST')) nullsLast = true;
            else this.expectWord('FIRST');
        }
        return { target, desc, nullsLast };
    }

    private parseCondition(having: boolean): Condition {
        const items = [this.parseAnd(having)];
        while (this.acceptWord('OR')) items.push(this.parseAnd(having));
        return items.length === 1 ? items[0] : { kind: 'or', items };
    }

    private parseAnd(having: boolean): Condition {
        const items = [this.parseNot(having)];
        while (this.acceptWord('AND')) items.push(this.parseNot(having));
        return items.length === 1 ? items[0] : { kind: 'and', items };
    }

    private parseNot(having: boolean): Condition {
        if (this.acceptWord('NOT')) return { kind: 'not', item: this.parseNot(having) };
        if (this.isPunct('(')) {
            this.i++;
            const c = this.parseCondition(having);
            this.expectPunct(')');
            return c;
        }
        return this.parseComparison(having);
    }

    private parseComparison(having: boolean): Condition {
        const t = this.peek();
        const left: FieldRef | AggregateRef =
            having && t.type === 'ident' && AGGREGATES.has(t.value.toUpperCase()) && this.peek(1).value === '('
                ? this.parseAggregate()
                : this.parseFieldRef();
        const opTok = this.peek();
        if (opTok.type === 'op') {
            this.i++;
            return { kind: 'cmp', left, op: opTok.value, value: this.parseValue() };
        }
        if (this.acceptWord('LIKE')) return { kind: 'cmp', left, op: 'LIKE', value: this.parseValue() };
        if (this.isWord('NOT') && this.isWord('IN', 1)) {
            this.i += 2;
            return { kind: 'cmp', left, op: 'NOT IN', value: this.parseInValue() };
        }
        if (this.acceptWord('IN')) return { kind: 'cmp', left, op: 'IN', value: this.parseInValue() };
        if (this.acceptWord('INCLUDES')) return { kind: 'cmp', left, op: 'INCLUDES', value: this.parseInValue() };
        if (this.acceptWord('EXCLUDES')) return { kind: 'cmp', left, op: 'EXCLUDES', value: this.parseInValue() };
        throw this.unexpected();
    }

    private parseInValue(): SoqlValue {
        if (this.peek().type === 'bind') return this.parseValue();
        this.expectPunct('(');
        if (this.isWord('SELECT')) {
            const query = this.parseQuery(true);
            this.expectPunct(')');
            return { kind: 'subquery', query };
        }
        const items: SoqlValue[] = [this.parseValue()];
        while (this.isPunct(',')) {
            this.i++;
            items.push(this.parseValue());
        }
        this.expectPunct(')');
        return { kind: 'list', items };
    }

    private parseValue(): SoqlValue {
        const t = this.next();
        switch (t.type) {
            case 'bind':
                return { kind: 'bind', bind: t.bind! };
            case 'string':
                return { kind: 'literal', value: t.value, raw: t.value };
            case 'number':
                return { kind: 'literal', value: new SoqlLiteral('number', t.value), raw: t.value };
            case 'date':
                return { kind: 'literal', value: new SoqlLiteral('date', t.value), raw: t.value };
            case 'datetime':
                return { kind: 'literal', value: new SoqlLiteral('datetime', t.value), raw: t.value };
            case 'ident': {
                const u = t.value.toUpperCase();
                if (u === 'NULL') return { kind: 'literal', value: null, raw: 'null' };
                if (u === 'TRUE') return { kind: 'literal', value: true, raw: 'true' };
                if (u === 'FALSE') return { kind: 'literal', value: false, raw: 'false' };
                if (DATE_LITERALS.has(u)) return { kind: 'dateLiteral', name: u, n: null };
                if (DATE_N_LITERALS.has(u)) {
                    this.expectPunct(':');
                    const n = this.next();
                    if (n.type !== 'number') throw tokenError(n);
                    return { kind: 'dateLiteral', name: u, n: Number(n.value) };
                }
                throw syntaxError(`unexpected token: '${t.value}'`);
            }
            default:
                throw tokenError(t);
        }
    }
}

/** Parses SOQL text. Throws `PlatformError('System.QueryException', …)` for syntax errors. */
export function parseSoql(text: string): { query: SoqlQuery; binds: BindRef[] } {
    const p = new Parser(tokenize(text.trim()));
    const query = p.parseQuery(false);
    return { query, binds: p.binds };
}
