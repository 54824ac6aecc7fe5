// `lightning/empApi` for the preview: platform events arrive as server-sent events from `/events`.
const subscriptions = new Map();
const errorHandlers = [];
let source;
let nextId = 1;

function ensureSource() {
    if (source) {
        return;
    }
    source = new EventSource('/events');
    source.onmessage = (event) => {
        const message = JSON.parse(event.data);
        for (const subscription of subscriptions.values()) {
            if (subscription.channel === message.channel) {
                subscription.onMessage(message);
            }
        }
    };
    source.onerror = () => {
        // EventSource reconnects by itself; report like CometD does so the card can say live updates are off.
        if (source.readyState === EventSource.CLOSED) {
            errorHandlers.forEach((handler) => handler({ error: 'event stream closed' }));
        }
    };
}

export function isEmpEnabled() {
    return Promise.resolve(typeof EventSource !== 'undefined');
}

export function onError(callback) {
    errorHandlers.push(callback);
}

export function setDebugFlag() {
    return Promise.resolve();
}

export function subscribe(channel, replayId, onMessage) {
    ensureSource();
    const id = String(nextId++);
    subscriptions.set(id, { channel, onMessage });
    return Promise.resolve({ id, channel, replayId });
}

export function unsubscribe(subscription, callback) {
    subscriptions.delete(subscription.id);
    if (callback) {
        callback({ successful: true });
    }
    return Promise.resolve({ successful: true });
}
