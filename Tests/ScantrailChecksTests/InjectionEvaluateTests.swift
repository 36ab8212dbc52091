import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("Injection is judged from recorded answers: only an error the provocation brings counts")
struct InjectionEvaluateTests {
    static let rows = #"{"items":[{"sku":"LAMP-01","name":"Desk lamp"},{"sku":"LAMP-02","name":"Floor lamp"}]}"#
    static let sqliteError = #"{"error":"SQLite error 1: unrecognized token: \"'lamps''\" - while executing `SELECT`"}"#

    static func judge(benign: ExchangeRecord, _ provocations: [ExchangeRecord]) -> Outcome? {
        InjectionCheck(api: HandBuilt.emptyAPI).evaluate(
            .init(
                origin: HandBuilt.origin,
                trials: [
                    .init(
                        operation: "GET /products", parameter: "query category", benign: benign,
                        provocations: provocations)
                ], untested: [:])
        ).first
    }

    @Test("no database error in any provocation passes, naming what was sent")
    func passes() {
        let outcome = Self.judge(
            benign: HandBuilt.record("usual value", body: Self.rows),
            [HandBuilt.record("quote", body: #"{"items":[]}"#), HandBuilt.record("syntax-breaking", status: 400)])
        #expect(outcome?.status == .passed)
        #expect(
            outcome?.detail
                == "quote, syntax-breaking: no database error (usual value: 200 (\(Self.rows.utf8.count) bytes))")
        #expect(outcome?.location.discriminator == "query category")
    }

    @Test("an error the quote brings fails; conditions that answer true-like and false-unlike confirm it")
    func confirmed() {
        let provocations = [
            HandBuilt.record("quote", status: 500, body: Self.sqliteError),
            HandBuilt.record("condition true", body: Self.rows),
            HandBuilt.record("condition false", body: #"{"items":[]}"#),
        ]
        let outcome = Self.judge(benign: HandBuilt.record("usual value", body: Self.rows), provocations)
        #expect(outcome?.status == .failed)
        #expect(outcome?.detail.hasPrefix("quote: 500") == true && outcome?.detail.contains("SQLite") == true)
        #expect(outcome?.detail.hasSuffix("a false one did not") == true)
        let unconfirmed = Self.judge(
            benign: HandBuilt.record("usual value", body: Self.rows),
            [
                provocations[0], HandBuilt.record("condition true", body: Self.rows),
                HandBuilt.record("condition false", body: Self.rows),
            ])
        #expect(unconfirmed?.status == .failed && unconfirmed?.detail.contains("confirmed") == false)
    }

    @Test("an error only a value of another type brings is inconclusive: bound parameters err on types too")
    func typeErrorAlone() {
        let outcome = Self.judge(
            benign: HandBuilt.record("usual value", body: Self.rows),
            [
                HandBuilt.record("quote", body: #"{"items":[]}"#), HandBuilt.record("syntax-breaking", body: "{}"),
                HandBuilt.record(
                    "type confusion", status: 500, body: #"{"error":"SQLite error 20: datatype mismatch"}"#),
            ])
        #expect(outcome?.status == .inconclusive && outcome?.detail.contains("only a value of another type") == true)
    }

    @Test("an error the usual value shows too is inconclusive, not a finding")
    func benignError() {
        let outcome = Self.judge(
            benign: HandBuilt.record("usual value", status: 500, body: Self.sqliteError),
            [HandBuilt.record("quote", status: 500, body: Self.sqliteError)])
        #expect(outcome?.status == .inconclusive && outcome?.detail.hasPrefix("the usual value already shows") == true)
    }

    @Test("operations not probed are inconclusive in passive mode and not applicable without parameters")
    func untested() {
        let outcomes = InjectionCheck(api: HandBuilt.emptyAPI).evaluate(
            .init(
                origin: HandBuilt.origin, trials: [],
                untested: [
                    "POST /search": "not tested (passive mode): POST may change state; run with --active",
                    "GET /health": "no path, query or JSON body parameter to vary",
                ]))
        #expect(outcomes.map(\.status) == [.notApplicable, .inconclusive])
    }
}
