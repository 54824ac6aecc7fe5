// `lightning/navigation` (NavigationMixin only). There is no Lightning app to navigate in the preview: GenerateUrl
// answers the URL Lightning Experience uses for the page references the components build, and Navigate records the
// request in `window.__previewNavigations` (for the tests) instead of leaving the page. A page reference the stub
// does not know fails loudly rather than producing a wrong link.
const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

function urlOf(pageReference) {
    const { type, attributes = {}, state = {} } = pageReference || {};
    if (type === 'standard__objectPage' && attributes.actionName === 'list' && attributes.objectApiName) {
        const query = new URLSearchParams(state).toString();
        return `/lightning/o/${attributes.objectApiName}/list${query ? `?${query}` : ''}`;
    }
    throw new Error(`The preview's lightning/navigation stub does not model ${JSON.stringify(pageReference)}`);
}

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference, replace) {
            urlOf(pageReference);
            (window.__previewNavigations ||= []).push({ pageReference, replace: Boolean(replace) });
        }

        [GenerateUrl](pageReference) {
            return Promise.resolve().then(() => urlOf(pageReference));
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
