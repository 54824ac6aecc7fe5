trigger CoSellOpportunityTrigger on Opportunity(
    before insert,
    before update,
    after insert,
    after update,
    after undelete
) {
    new CoSellOpportunityTriggerHandler().run();
}
