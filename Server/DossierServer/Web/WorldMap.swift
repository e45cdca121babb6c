import DossierCore
import Foundation

/// The map page's drawing (issue 18): country outlines shipped with the server (Natural Earth 1:110m, public domain;
/// `scripts/make-world-map.py`) as SVG paths in degrees, and one mark per incident that has coordinates, in an
/// equirectangular view around the marks. No tile server, no CDN, no script: it works with no internet.
struct WorldMap: Sendable {
    /// A country's outline and its bounds in map units (x = longitude, y = −latitude).
    struct Country: Sendable {
        var name: String
        var path: String
        var bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double)
    }

    /// The outlines.
    let countries: [Country]

    /// The outlines as shipped.
    static let shipped: WorldMap = {
        guard let url = Bundle.module.url(forResource: "world-110m", withExtension: "json", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url),
              let document = try? JSONDecoder().decode(Document.self, from: data) else { return WorldMap(countries: []) }
        return WorldMap(countries: document.countries.map { Country(name: $0.name, path: $0.path, bounds: bounds(of: $0.path)) })
    }()

    private struct Document: Decodable {
        struct Entry: Decodable { var name: String; var path: String }
        var countries: [Entry]
    }

    /// The smallest box holding a path's points.
    static func bounds(of path: String) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        var box = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
        let numbers = path.split(whereSeparator: { "MLZ ".contains($0) }).compactMap { Double($0) }
        for index in stride(from: 0, to: numbers.count - 1, by: 2) {
            box = (min(box.minX, numbers[index]), min(box.minY, numbers[index + 1]), max(box.maxX, numbers[index]), max(box.maxY, numbers[index + 1]))
        }
        return box
    }

    /// The page's values: the view box around `marks` (longitude, latitude) with a margin, the countries that cross it,
    /// and each mark.
    func drawing(marks: [(id: String, label: String, lat: Double, lon: Double)]) -> [String: Any] {
        let xs = marks.map(\.lon), ys = marks.map { -$0.lat }
        var box = (minX: (xs.min() ?? 60) - 2, minY: (ys.min() ?? -38) - 2, maxX: (xs.max() ?? 75) + 2, maxY: (ys.max() ?? -29) + 2)
        // At least ten degrees each way, so a single mark shows its region.
        if box.maxX - box.minX < 10 { let mid = (box.minX + box.maxX) / 2; (box.minX, box.maxX) = (mid - 5, mid + 5) }
        if box.maxY - box.minY < 10 { let mid = (box.minY + box.maxY) / 2; (box.minY, box.maxY) = (mid - 5, mid + 5) }
        let visible = countries.filter { $0.bounds.maxX >= box.minX && $0.bounds.minX <= box.maxX && $0.bounds.maxY >= box.minY && $0.bounds.minY <= box.maxY }
        let radius = max(box.maxX - box.minX, box.maxY - box.minY) / 120
        let format = { (value: Double) in String(format: "%.3f", value) }
        let drawn: [[String: String]]
        if marks.count <= Self.markLimit {
            drawn = marks.map { ["href": "/incidents/\($0.id)", "label": $0.label, "x": format($0.lon), "y": format(-$0.lat), "r": format(radius)] }
        } else {
            // Very many incidents: one mark per cell of a grid over the view, sized by how many it holds.
            let cell = max(box.maxX - box.minX, box.maxY - box.minY) / 40
            let cells = Dictionary(grouping: marks) { mark in Int((mark.lon / cell).rounded(.down)) &* 1_000_003 &+ Int((-mark.lat / cell).rounded(.down)) }
            drawn = cells.sorted { $0.key < $1.key }.map(\.value).map { group in
                let x = group.map(\.lon).reduce(0, +) / Double(group.count), y = -group.map(\.lat).reduce(0, +) / Double(group.count)
                return ["href": "/incidents", "label": "\(group.count) incidents, such as \(group[0].label)", "x": format(x), "y": format(y),
                        "r": format(radius * min(3, sqrt(Double(group.count)) / 4 + 1))]
            }
        }
        return [
            "viewBox": [box.minX, box.minY, box.maxX - box.minX, box.maxY - box.minY].map(format).joined(separator: " "),
            "countries": visible.map { ["name": $0.name, "path": $0.path] },
            "marks": drawn, "grouped": marks.count > Self.markLimit,
            "stroke": format(radius / 4),
        ]
    }

    /// Up to this many incidents get a mark each; beyond, marks stand for places.
    static let markLimit = 2_000
}
