import ScantrailCore
import Testing

@Suite("The redaction every piece of evidence passes through")
struct EvidenceRedactorTests {
    let redactor = EvidenceRedactor(shapes: [.init(pattern: #"\b(tok_[A-Za-z0-9]{12,})\b"#, minimumEntropy: 3)])

    @Test("a secret of a known shape keeps its first four characters; a low-entropy look-alike is left")
    func shapes() {
        #expect(redactor.redact("id tok_9fQ2xLm4Pz8Rk1 end") == "id tok_…[REDACTED] end")
        #expect(redactor.redact("id tok_aaaaaaaaaaaaaa end") == "id tok_aaaaaaaaaaaaaa end")
    }

    @Test("known secrets go whole, the longest first; ones too short to look for are ignored")
    func known() {
        let knowing = redactor.knowing(["hunter2-password", "hunter2", "abc"])
        #expect(knowing.redact("pw=hunter2-password&p=hunter2") == "pw=[REDACTED]&p=[REDACTED]")
        #expect(knowing.redact("abc stays") == "abc stays")
    }

    @Test("every string of a JSON value is redacted, numbers and structure kept")
    func json() {
        let value = JSONValue.object([
            "a": .array([.string("tok_9fQ2xLm4Pz8Rk1"), .number(42), .bool(true), .null])
        ])
        #expect(
            redactor.redact(value)
                == .object(["a": .array([.string("tok_…[REDACTED]"), .number(42), .bool(true), .null])]))
        #expect(redactor.redact(redactor.redact(value)) == redactor.redact(value))
    }
}
