import DossierCore
/// Placeholder.
public enum ServerPlaceholder {}
