trigger CoSellOpportunityTrigger on Opportunity(before insert, before update, after insert, after update) {
    new CoSellOpportunityTriggerHandler().run();
}
