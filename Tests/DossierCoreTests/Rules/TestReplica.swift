// TestReplica, IDs and Seed moved to DossierTestSupport (shared with the replica tests);
// this one re-export makes them visible in every file of DossierCoreTests.
@_exported import DossierTestSupport
