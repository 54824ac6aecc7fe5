import { formatLabel, prettyJson, reduceErrors, sameRecordId, showErrorToast, showToast } from 'c/coSellService';

describe('reduceErrors', () => {
    it('reads Apex AuraHandledException bodies', () => {
        expect(reduceErrors({ body: { message: 'Apex said no.' }, status: 500 })).toEqual(['Apex said no.']);
    });

    it('reads UI API read errors (array bodies)', () => {
        expect(reduceErrors({ body: [{ message: 'First.' }, { message: 'Second.' }] })).toEqual(['First.', 'Second.']);
    });

    it('reads UI API DML errors, field errors and page errors', () => {
        expect(
            reduceErrors({
                body: {
                    message: 'An error occurred while trying to update the record.',
                    output: {
                        errors: [{ message: 'Validation failed.' }],
                        fieldErrors: { Amount: [{ message: 'Amount must be positive.' }] }
                    }
                }
            })
        ).toEqual(['Validation failed.', 'Amount must be positive.']);
        expect(reduceErrors({ body: { pageErrors: [{ message: 'Page error.' }] } })).toEqual(['Page error.']);
    });

    it('reads JavaScript errors, strings and statusText, drops empties and duplicates', () => {
        expect(
            reduceErrors([new Error('JS failed.'), 'plain', { statusText: 'Bad Gateway' }, 'plain', '', null, 42])
        ).toEqual(['JS failed.', 'plain', 'Bad Gateway']);
    });

    it('returns nothing for undefined', () => {
        expect(reduceErrors(undefined)).toEqual([]);
    });
});

describe('toasts', () => {
    it('dispatches a platform toast event', () => {
        const target = document.createElement('div');
        const handler = jest.fn<void, [unknown]>();
        target.addEventListener('lightning__showtoast', (event) => handler((event as CustomEvent<unknown>).detail));

        showToast(target, 'Title', 'Message', 'success');
        showErrorToast(target, 'Failed', { body: { message: 'Because.' } });
        showErrorToast(target, 'Failed', {}, 'Fallback text');

        expect(handler.mock.calls.map((call) => call[0])).toEqual([
            { title: 'Title', message: 'Message', variant: 'success' },
            { title: 'Failed', message: 'Because.', variant: 'error', mode: 'sticky' },
            { title: 'Failed', message: 'Fallback text', variant: 'error', mode: 'sticky' }
        ]);
    });
});

describe('helpers', () => {
    it('formatLabel fills numbered placeholders', () => {
        expect(formatLabel('{0} of {1} done{2}', 3, 10, undefined)).toBe('3 of 10 done');
    });

    it('prettyJson indents JSON and leaves other text alone', () => {
        expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
        expect(prettyJson('not json')).toBe('not json');
        expect(prettyJson(null)).toBe('');
    });

    it('sameRecordId compares 15- and 18-character ids', () => {
        expect(sameRecordId('006000000000001', '006000000000001AAA')).toBe(true);
        expect(sameRecordId('006000000000002AAA', '006000000000001AAA')).toBe(false);
        expect(sameRecordId(undefined, '006000000000001AAA')).toBe(false);
    });
});
