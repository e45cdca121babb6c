import DossierCore
import Foundation
import Hummingbird

/// Text helpers for hand-made bodies.
enum Body {
    /// A value's canonical JSON text.
    static func json<T: Encodable>(_ value: T) -> String { String(decoding: CanonicalJSON.encode(value), as: UTF8.self) }

    /// A push of raw element texts.
    static func push(_ elements: [String]) -> ByteBuffer { ByteBuffer(string: "{\"changes\":[" + elements.joined(separator: ",") + "]}") }

    /// A change's JSON object with keys replaced, added (a non-nil value) or removed (nil).
    static func edited(_ change: Change, _ edits: [String: String?]) -> String {
        var object = try! JSONSerialization.jsonObject(with: CanonicalJSON.encode(change)) as! [String: Any]
        var raw: [String: String] = [:]
        for (key, value) in edits {
            object.removeValue(forKey: key)
            if let value { raw[key] = value }
        }
        var text = String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        text.removeLast()
        for (key, value) in raw.sorted(by: { $0.key < $1.key }) { text += ",\"\(key)\":\(value)" }
        return text + "}"
    }
}
