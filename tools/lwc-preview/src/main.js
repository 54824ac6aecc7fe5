// Preview entry: synthetic shadow first (LBC needs it), then mount the requested component like a Lightning page.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import CoSellCard from 'c/coSellCard';
import CoSellSetup from 'c/coSellSetup';

const params = new URLSearchParams(window.location.search);
const view = params.get('view') === 'setup' ? 'setup' : 'card';
const recordId = params.get('recordId') || '006000000000001AAA';

// Stand-in for the platform's toast container.
window.__previewToasts = [];
document.addEventListener('lightning__showtoast', (event) => {
    const { title = '', message = '', variant = 'info', mode = 'dismissible' } = event.detail || {};
    window.__previewToasts.push({ title, message, variant, mode });
    const toast = document.createElement('div');
    toast.className = `slds-notify slds-notify_toast slds-theme_${variant === 'info' ? 'info' : variant}`;
    toast.setAttribute('role', 'status');
    toast.dataset.variant = variant;
    const body = document.createElement('div');
    body.className = 'slds-notify__content';
    const heading = document.createElement('h2');
    heading.className = 'slds-text-heading_small';
    heading.textContent = title;
    const text = document.createElement('p');
    text.textContent = message;
    body.append(heading, text);
    toast.append(body);
    document.getElementById('toasts').append(toast);
    setTimeout(() => toast.remove(), mode === 'sticky' ? 15000 : 6000);
});

// `?card=<scenario>` / `?setup=<scenario>` reset the fixtures first (fixtures mode only; ignored in proxy mode).
async function applyScenario() {
    const scenario = {};
    for (const key of ['card', 'setup']) {
        if (params.get(key)) scenario[key] = params.get(key);
    }
    if (Object.keys(scenario).length > 0) {
        await fetch('/__preview/scenario', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(scenario)
        });
    }
}

async function mount() {
    await applyScenario();
    const host = document.getElementById(view === 'setup' ? 'setup-host' : 'card-host');
    document.body.dataset.view = view;
    if (view === 'setup') {
        host.append(createElement('c-co-sell-setup', { is: CoSellSetup }));
    } else {
        const card = createElement('c-co-sell-card', { is: CoSellCard });
        card.recordId = recordId;
        const size = params.get('timelineSize');
        if (size !== null) {
            card.timelineSize = Number(size);
        }
        card.disableLiveRefresh = params.get('live') === 'off';
        host.append(card);
    }
}

mount().catch((error) => {
    document.body.dataset.mountError = String(error);
    throw error;
});
