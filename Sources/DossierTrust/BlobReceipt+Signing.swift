import DossierCore

/// A file's receipt is signed by the server's identity key like its other statements.
extension BlobReceipt: ServerSignedStatement {}
