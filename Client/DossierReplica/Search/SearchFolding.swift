/// How search compares text, the same at index and at query time: Arabic-script letter variants typed on Arabic,
/// Persian and Pashto keyboards become one form, and marks and invisible joiners are dropped. Latin case and
/// precomposed diacritics are left to SQLite's unicode61 tokenizer, which folds them.
public enum SearchFolding {
    /// The form search gives `scalar`, or nil when search ignores it. The one place the folding rules live.
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x0649, 0x06CC: "\u{064A}"  // alef maksura ى, Persian yeh ی → Arabic yeh ي
        case 0x06A9: "\u{0643}"  // Persian kaf ک → Arabic kaf ك
        case 0x0622, 0x0623, 0x0625, 0x0671: "\u{0627}"  // alef with madda, hamza above/below, wasla → alef
        case 0x0629: "\u{0647}"  // teh marbuta ة → heh ه
        case 0x06C0: "\u{0647}"  // heh with yeh above ۀ (Dari ezafe) → heh
        case 0x0660...0x0669: Unicode.Scalar(scalar.value - 0x0660 + 0x30)  // Arabic-Indic digits → 0-9
        case 0x06F0...0x06F9: Unicode.Scalar(scalar.value - 0x06F0 + 0x30)  // Persian digits → 0-9
        // Harakat, the combining madda/hamza of decomposed text, superscript alef, tatweel.
        case 0x064B...0x0655, 0x0670, 0x0640: nil
        // Zero-width non-joiner and joiner, left-to-right and right-to-left marks.
        case 0x200C...0x200F: nil
        // Latin combining accents of decomposed text (precomposed letters are folded by the tokenizer).
        case 0x0300...0x036F: nil
        default: scalar
        }
    }

    /// `text` as search indexes and queries it.
    public static func fold(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { if let kept = fold(scalar) { folded.append(kept) } }
        return String(folded)
    }

    /// The words of folded text as SQLite's unicode61 tokenizer splits them: runs of letters, numbers and private-use characters.
    static func words(_ folded: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if isWordPart(scalar) { word.append(scalar); continue }
            if !word.isEmpty { words.append(String(word)); word = String.UnicodeScalarView() }
        }
        if !word.isEmpty { words.append(String(word)) }
        return words
    }

    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse: true
        default: false
        }
    }
}
