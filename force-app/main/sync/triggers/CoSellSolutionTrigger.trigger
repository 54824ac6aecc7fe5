trigger CoSellSolutionTrigger on CoSellSolution__c(after insert, after update, after delete) {
    new CoSellSolutionTriggerHandler().run();
}
