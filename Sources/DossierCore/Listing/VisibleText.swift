/// Text made safe to print on a terminal or write into Markdown: control characters are shown, never sent.
public enum VisibleText {
    /// `text` with every C0 and C1 control character and DEL written as `\u{1B}`; tabs stay; line breaks stay when
    /// `lineBreaks` (a multi-line value printed on its own lines) and otherwise become spaces.
    public static func of(_ text: String, lineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar.value {
            case 0x0A where previous == "\r": continue
            case 0x0A, 0x0D: result.append(lineBreaks ? "\n" : " ")
            case 0x09: result.append(scalar)
            case _ where isControl(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result.append(contentsOf: "\\u{\(hex.count < 2 ? "0" + hex : hex)}".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
