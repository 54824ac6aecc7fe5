// Browser side of the preview's Apex seam: every @salesforce/apex/<Class>.<method> call becomes
// `POST /apex/<Class>.<method>` with the parameters as a JSON object. The preview server answers from stateful
// fixtures (fixtures mode) or forwards the request unchanged to a backend that runs the real Apex controllers
// (proxy mode). Errors come back shaped like the platform's: { status, ok: false, statusText, body: { message } }.

/**
 * Calls one endpoint of the preview server.
 * @param {string} path e.g. /apex/CoSellCardController.getCard
 * @param {object} params JSON-serialisable parameters
 * @returns {Promise<unknown>} the parsed JSON result
 */
export async function post(path, params) {
    let response;
    try {
        response = await fetch(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(params ?? {})
        });
    } catch (networkError) {
        throw { status: 0, ok: false, statusText: 'Network error', body: { message: String(networkError) } };
    }
    const text = await response.text();
    let body = null;
    if (text) {
        try {
            body = JSON.parse(text);
        } catch {
            body = { message: text };
        }
    }
    if (!response.ok) {
        throw {
            status: response.status,
            ok: false,
            statusText: response.statusText,
            body: body && typeof body === 'object' ? body : { message: String(body) }
        };
    }
    return body;
}

const refreshers = new WeakMap();

/**
 * Remembers how to refresh the value a wire adapter provisioned, so refreshApex(value) can find its adapter.
 * @param {object} value the provisioned { data, error } object
 * @param {() => Promise<void>} refresh re-runs the adapter
 */
export function registerRefresh(value, refresh) {
    refreshers.set(value, refresh);
}

/**
 * The preview's refreshApex: re-runs the adapter that provisioned `value`.
 * @param {object} value exactly what the wire provisioned
 * @returns {Promise<void>}
 */
export function refreshApex(value) {
    const refresh = value ? refreshers.get(value) : undefined;
    return refresh ? refresh() : Promise.resolve();
}

function configReady(config) {
    return config && Object.values(config).every((value) => value !== undefined);
}

/**
 * Builds one Apex method: callable for imperative use, with an `.adapter` wire adapter for @wire.
 * @param {string} name Class.method
 * @returns {Function}
 */
export function makeApexMethod(name) {
    const call = (params) => post(`/apex/${name}`, params);
    class ApexAdapter {
        constructor(dataCallback) {
            this.dataCallback = dataCallback;
            this.config = undefined;
            this.connected = false;
        }
        connect() {
            this.connected = true;
        }
        disconnect() {
            this.connected = false;
        }
        update(config) {
            this.config = config;
            if (configReady(config)) {
                this.fetch();
            }
        }
        async fetch() {
            let value;
            try {
                value = { data: await call(this.config), error: undefined };
            } catch (error) {
                value = { data: undefined, error };
            }
            registerRefresh(value, () => this.fetch());
            if (this.connected) {
                this.dataCallback(value);
            }
        }
    }
    call.adapter = ApexAdapter;
    return call;
}
