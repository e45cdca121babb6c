/// The version both binaries print for `--version`.
public enum DossierVersion {
    /// The current version.
    public static let current = "2.0.0-dev"
}
