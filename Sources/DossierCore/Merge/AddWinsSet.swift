/// `set`: an observed-remove set where an add and a concurrent remove leave the element present.
///
/// Every add is tagged with its change's version; a remove names the add tags it had seen, so an add it
/// had not seen survives.
public struct AddWinsSet: Hashable, Sendable, Codable {
    /// Add tags by element.
    public internal(set) var adds: [String: Set<HLC>] = [:]
    /// Removed add tags by element.
    public internal(set) var removed: [String: Set<HLC>] = [:]

    /// An empty set.
    public init() {}

    /// The merge of an add.
    public func adding(_ element: String, tag: HLC) -> AddWinsSet {
        var next = self
        next.adds[element, default: []].insert(tag)
        return next
    }

    /// The merge of a remove of the adds it had seen.
    public func removing(_ element: String, tags: Set<HLC>) -> AddWinsSet {
        var next = self
        next.removed[element, default: []].formUnion(tags)
        return next
    }

    /// The add tags of an element still in force.
    public func liveTags(of element: String) -> Set<HLC> {
        (adds[element] ?? []).subtracting(removed[element] ?? [])
    }

    /// The elements present, sorted.
    public var elements: [String] {
        adds.keys.filter { !liveTags(of: $0).isEmpty }.sorted()
    }
}
