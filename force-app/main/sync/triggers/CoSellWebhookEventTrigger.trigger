trigger CoSellWebhookEventTrigger on CoSellWebhookEvent__e(after insert) {
    new CoSellWebhookEventTriggerHandler().run();
}
