trigger CoSellSyncKickTrigger on CoSellSyncKick__e(after insert) {
    new CoSellSyncKickTriggerHandler().run();
}
