import DossierCore
import GRDB
/// Placeholder.
public enum ReplicaPlaceholder {}
