trigger CoSellLogEventTrigger on CoSellLogEvent__e(after insert) {
    new CoSellLogEventTriggerHandler().run();
}
