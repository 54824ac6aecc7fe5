// `lightning/platformShowToastEvent`: the same event the platform dispatches; the page renders it (see main.js).
export class ShowToastEvent extends CustomEvent {
    constructor(detail) {
        super('lightning__showtoast', { bubbles: true, composed: true, cancelable: true, detail });
    }
}
