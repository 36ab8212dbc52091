import Foundation
import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("Object- and function-level authorization judged from recorded pairs of answers")
struct AuthorizationEvaluateTests {
    typealias Rules = AuthorizationCheck.Rules

    static let invoice = #"{"number":101,"owner":"alice","amount":"120.00","lines":[{"sku":"A-1"}]}"#

    static func trial(
        _ kind: AuthorizationCheck.Kind, _ operation: String = "GET /invoices/{number}",
        owner: ExchangeRecord = HandBuilt.record("alice", body: invoice), intruder: ExchangeRecord,
        catchAll: Bool = false
    ) -> AuthorizationCheck.Trial {
        AuthorizationCheck.Trial(
            kind: kind, operation: operation, owner: owner, intruder: intruder, ownerIsCatchAll: catchAll)
    }

    static func evaluate(
        _ trials: [AuthorizationCheck.Trial], untried: [String: String] = [:],
        notes: [AuthorizationCheck.Kind: String] = [:]
    ) -> [Outcome] {
        AuthorizationCheck(api: HandBuilt.emptyAPI).evaluate(
            AuthorizationCheck.Evidence(origin: HandBuilt.origin, trials: trials, untried: untried, notes: notes))
    }

    @Test("a peer served the owner's object fails BOLA, at the operation and the object's URL")
    func bola() {
        let outcomes = Self.evaluate([Self.trial(.bola, intruder: HandBuilt.record("bob", body: Self.invoice))])
        #expect(outcomes.count == 1 && outcomes[0].status == .failed)
        #expect(outcomes[0].ruleID == Rules.objectLevel.id)
        #expect(outcomes[0].location.path == "/invoices/{number}" && outcomes[0].location.discriminator != nil)
        #expect(outcomes[0].detail.hasPrefix("bob got alice's answer — alice: 200"))
    }

    @Test("a peer refused, or answered with something else, passes")
    func refused() {
        let outcomes = Self.evaluate([
            Self.trial(.bola, intruder: HandBuilt.record("bob", status: 404, body: #"{"error":"not found"}"#)),
            Self.trial(
                .bola, intruder: HandBuilt.record("bob", body: #"{"number":205,"owner":"bob","amount":"3.00"}"#)),
        ])
        #expect(outcomes.map(\.status) == [.passed, .passed])
    }

    @Test("an admin operation served to a user fails BFLA, at the operation without a discriminator")
    func bfla() {
        let users = #"[{"id":1,"role":"admin"},{"id":2,"role":"user"}]"#
        let outcomes = Self.evaluate([
            Self.trial(
                .bfla, "GET /admin/users", owner: HandBuilt.record("root", body: users),
                intruder: HandBuilt.record("alice", body: users))
        ])
        #expect(outcomes.map(\.ruleID) == [Rules.functionLevel.id] && outcomes[0].status == .failed)
        #expect(outcomes[0].location.discriminator == nil)
    }

    @Test("only the very same object compares: a user answered at another path than the admin's is not judged")
    func sameObject() {
        func record(_ name: String, path: String) -> ExchangeRecord {
            let exchange = HandBuilt.exchange(headers: [("Content-Type", "application/json")], body: Self.invoice)
            let moved = HTTPExchange(
                request: .init(method: "GET", url: HandBuilt.origin + path, headers: []), response: exchange.response,
                failure: nil, durationMilliseconds: 1, requestsSent: 1)
            return ExchangeRecord(moved, sentAs: name, secrets: [])
        }
        for kind in [AuthorizationCheck.Kind.bola, .bfla] {
            let apart = Self.trial(
                kind, "GET /admin/users/{id}/orders", owner: record("ops", path: "/admin/users/u-ops/orders"),
                intruder: record("bob", path: "/admin/users/u-bob/orders"))
            let outcome = Self.evaluate([apart])[0]
            #expect(outcome.status == .inconclusive && outcome.detail.contains("not the same object"), "\(kind)")
            let same = Self.trial(
                kind, "GET /admin/users/{id}/orders", owner: record("ops", path: "/admin/users/u-ops/orders"),
                intruder: record("bob", path: "/admin/users/u-ops/orders"))
            #expect(Self.evaluate([same])[0].status == .failed)
        }
    }

    @Test("when the rightful caller is refused too, or gets the catch-all page, nothing is judged")
    func noReference() {
        let outcomes = Self.evaluate([
            Self.trial(
                .bola, owner: HandBuilt.record("alice", status: 403), intruder: HandBuilt.record("bob", status: 403)),
            Self.trial(.bola, intruder: HandBuilt.record("bob", body: Self.invoice), catchAll: true),
        ])
        #expect(outcomes.allSatisfy { $0.status == .inconclusive })
        #expect(outcomes[0].detail.hasPrefix("the rightful caller was refused too"))
        #expect(outcomes[1].detail.hasPrefix("the rightful caller got the server's catch-all page"))
    }

    @Test("operations with nothing to try and missing identities are inconclusive with the reason, sorted")
    func untriedAndNotes() {
        let outcomes = Self.evaluate(
            [], untried: ["GET /z/{id}": "more than one path parameter", "GET /a/{id}": "no id of alice's"],
            notes: [.bfla: "needs an admin identity and a non-admin one"])
        #expect(outcomes.map(\.location.path) == ["/a/{id}", "/z/{id}", "/"])
        #expect(outcomes.allSatisfy { $0.status == .inconclusive })
        #expect(outcomes[0].detail == "not tested: no id of alice's")
        #expect(outcomes[2].ruleID == Rules.functionLevel.id)
    }

    @Test("evidence notes are stored under the kind's name")
    func notesEncodeByName() throws {
        let evidence = AuthorizationCheck.Evidence(
            origin: HandBuilt.origin, trials: [], untried: [:], notes: [.bola: "needs two identities"])
        let text = String(decoding: try JSONEncoder().encode(evidence), as: UTF8.self)
        #expect(text.contains(#""notes":{"bola":"needs two identities"}"#))
    }
    /// A write trial of `PUT /invoices/{number}`: the owner's write-back, the intruder's, and the
    /// control without credentials.
    static func write(
        owner: Int = 200, intruder: ExchangeRecord,
        anonymous: ExchangeRecord? = HandBuilt.record("anonymous", status: 401)
    ) -> AuthorizationCheck.Trial {
        var trial = Self.trial(
            .bola, "PUT /invoices/{number}", owner: HandBuilt.record("alice", status: owner, body: invoice),
            intruder: intruder)
        trial.write = AuthorizationCheck.WriteBack(read: "GET /invoices/{number}", anonymous: anonymous)
        return trial
    }

    @Test(
        "a peer's write-back that succeeds like the owner's, refused without credentials, fails BOLA and says it was harmless"
    )
    func writeBack() {
        let written = Self.evaluate([Self.write(intruder: HandBuilt.record("bob", body: Self.invoice))])
        #expect(written.map(\.status) == [.failed])
        #expect(written[0].detail.hasPrefix("bob could write alice's object — alice: 200"))
        #expect(written[0].detail.contains("anonymous: 401"))
        #expect(
            written[0].detail.hasSuffix(
                "the body was alice's own GET /invoices/{number} answer, written back unchanged"))
        let refused = Self.evaluate([
            Self.write(intruder: HandBuilt.record("bob", status: 404, body: "{}"), anonymous: nil)
        ])
        #expect(refused.map(\.status) == [.passed])
    }

    @Test(
        "a write-back proves nothing when the owner's own is refused, anyone's succeeds, or the peer gets another body")
    func writeBackInconclusive() {
        let bob = HandBuilt.record("bob", body: Self.invoice)
        let trials = [
            Self.write(owner: 400, intruder: bob),
            Self.write(intruder: bob, anonymous: HandBuilt.record("anonymous", body: Self.invoice)),
            Self.write(intruder: HandBuilt.record("bob", body: #"{"ok":false,"error":"not your invoice"}"#)),
        ]
        let outcomes = trials.map { Self.evaluate([$0])[0] }
        #expect(outcomes.allSatisfy { $0.status == .inconclusive })
        #expect(outcomes[0].detail.hasPrefix("the rightful caller's own write-back was refused"))
        #expect(outcomes[1].detail.hasPrefix("the write succeeds without credentials too"))
        #expect(outcomes[2].detail.hasPrefix("bob's write answered success with another body"))
    }

    @Test("administrative writes that were not sent are inconclusive BFLA at their operation, with why")
    func untriedFunctions() {
        let evidence = AuthorizationCheck.Evidence(
            origin: HandBuilt.origin, trials: [], untried: [:], notes: [:],
            untriedFunctions: ["DELETE /admin/users/{id}": "a DELETE cannot be undone by writing a value back"])
        let outcomes = AuthorizationCheck(api: HandBuilt.emptyAPI).evaluate(evidence)
        #expect(outcomes.count == 1 && outcomes[0].ruleID == Rules.functionLevel.id)
        #expect(outcomes[0].status == .inconclusive && outcomes[0].location.method == "DELETE")
        #expect(outcomes[0].detail == "not tested: a DELETE cannot be undone by writing a value back")
    }

}

@Suite("Values harvested from earlier answers feed the operations that need them")
struct HarvestedValuesTests {
    static let bodies: [JSONValue] = [
        .array([
            .object(["id": .number(7), "orderId": .string("o-2"), "customer": .object(["id": .number(70)])]),
            .object(["id": .number(3), "orderId": .string("o-1")]),
        ])
    ]

    @Test("a parameter's own name is looked up first, anywhere in the answers, sorted and limited")
    func ownName() {
        #expect(HarvestedValues(Self.bodies).values(for: "orderId", limit: 5) == ["o-1", "o-2"])
        #expect(HarvestedValues(Self.bodies).values(for: "orderId", limit: 1) == ["o-1"])
    }

    @Test("an …Id parameter falls back to id, nested ones included; a plain name does not")
    func idFallback() {
        #expect(HarvestedValues(Self.bodies).values(for: "userId", limit: 5) == ["3", "7", "70"])
        #expect(HarvestedValues(Self.bodies).values(for: "slug", limit: 5).isEmpty)
    }

    @Test("values another identity also sees are left out")
    func excluding() {
        let shared = HarvestedValues([.object(["id": .number(7)])])
        #expect(HarvestedValues(Self.bodies).values(for: "id", excluding: shared, limit: 5) == ["3", "70"])
    }

    @Test("records whose body is not JSON are skipped")
    func records() {
        let values = HarvestedValues(records: [
            HandBuilt.record("alice", body: "<html>"), HandBuilt.record("alice", body: #"{"id":"u-9"}"#),
        ])
        #expect(values.values(for: "id", limit: 5) == ["u-9"])
    }
}

@Suite("Mass assignment is judged from what a write answered")
struct MassAssignmentEvaluateTests {
    typealias Trial = MassAssignmentCheck.Trial

    static func evaluate(_ trials: [Trial]) -> [Outcome] {
        MassAssignmentCheck(api: HandBuilt.emptyAPI).evaluate(
            MassAssignmentCheck.Evidence(origin: HandBuilt.origin, trials: trials))
    }

    static let injected: [String: JSONValue] = ["role": .string("admin"), "isAdmin": .bool(true)]

    @Test("an injected field that comes back with the injected value fails, naming it")
    func bound() {
        let outcomes = Self.evaluate([
            Trial(
                operation: "PATCH /me", notTested: nil, injected: Self.injected,
                record: HandBuilt.record("alice", body: #"{"name":"Alice","role":"admin","isAdmin":false}"#))
        ])
        #expect(outcomes.map(\.status) == [.failed])
        #expect(outcomes[0].detail.hasPrefix("undeclared fields came back as sent: role — 200"))
    }

    @Test("a field that comes back with another value, or not at all, passes")
    func ignored() {
        let outcomes = Self.evaluate([
            Trial(
                operation: "PATCH /me", notTested: nil, injected: Self.injected,
                record: HandBuilt.record("alice", body: #"{"name":"Alice","role":"user"}"#))
        ])
        #expect(outcomes.map(\.status) == [.passed])
        #expect(outcomes[0].detail.hasPrefix("none of isAdmin, role came back"))
    }

    @Test("a refused write, a write not sent and no write at all are inconclusive")
    func inconclusive() {
        let outcomes = Self.evaluate([
            Trial(
                operation: "POST /users", notTested: nil, injected: Self.injected,
                record: HandBuilt.record("alice", status: 403)),
            Trial(
                operation: "PUT /me", notTested: "PUT is not sent without --active", injected: Self.injected,
                record: nil),
        ])
        #expect(outcomes.map(\.status) == [.inconclusive, .inconclusive])
        #expect(outcomes[0].detail == "the write was refused (403 (2 bytes)): nothing bound to judge")
        #expect(outcomes[1].detail == "PUT is not sent without --active")
        #expect(Self.evaluate([]).map(\.status) == [.inconclusive])
    }

    @Test("an answer that is not JSON binds nothing")
    func notJSON() {
        let outcomes = Self.evaluate([
            Trial(
                operation: "PATCH /me", notTested: nil, injected: Self.injected,
                record: HandBuilt.record("alice", body: "role=admin"))
        ])
        #expect(outcomes.map(\.status) == [.passed])
    }

}

@Suite("Trials on objects the scan created, judged on hand-built evidence")
struct CreatedObjectEvaluateTests {
    typealias Check = AuthorizationCheck

    static func trial(_ operation: String, owner: Int, intruder: Int, anonymous: Int? = nil) -> Check.Trial {
        var trial = Check.Trial(
            kind: .bola, operation: operation, owner: HandBuilt.record("ann", status: owner),
            intruder: HandBuilt.record("ben", status: intruder), ownerIsCatchAll: false)
        trial.created = Check.OnCreated(
            path: "/notes/n1", anonymous: anonymous.map { HandBuilt.record("anonymous", status: $0) })
        return trial
    }

    static func outcomes(_ trials: [Check.Trial], created: [Check.CreatedObject] = []) -> [Outcome] {
        var evidence = Check.Evidence(origin: HandBuilt.origin, trials: trials, untried: [:], notes: [:])
        evidence.created = created
        return Check(api: HandBuilt.emptyAPI).evaluate(evidence)
    }

    @Test("the intruder's success fails at a place named for the created object, never its id")
    func intruderSucceeds() {
        let outcomes = Self.outcomes([Self.trial("DELETE /notes/{noteId}", owner: 404, intruder: 204)])
        #expect(outcomes.map(\.status) == [.failed])
        #expect(outcomes[0].location.discriminator == "object the scan created")
        #expect(outcomes[0].detail.contains("ben could delete ann's object") && outcomes[0].detail.contains("gone"))
    }

    @Test("refused for the intruder passes when the creator succeeded; inconclusive when the creator was refused too")
    func refusals() {
        let outcomes = Self.outcomes([
            Self.trial("GET /notes/{noteId}", owner: 200, intruder: 404),
            Self.trial("PUT /notes/{noteId}", owner: 403, intruder: 403),
        ])
        #expect(outcomes.map(\.status) == [.passed, .inconclusive])
    }

    @Test("a success without credentials too is authentication's failure: inconclusive here")
    func anonymousToo() {
        let outcomes = Self.outcomes([Self.trial("GET /notes/{noteId}", owner: 200, intruder: 200, anonymous: 200)])
        #expect(outcomes.map(\.status) == [.inconclusive] && outcomes[0].detail.contains("without credentials"))
    }

    @Test("an object the scan could not remove is said where it was made, with what to do")
    func leftBehind() {
        let left = Check.CreatedObject(
            creation: "POST /notes", creator: "ann", path: "/notes/n1", removed: false,
            fate: "left in place: ann's clean-up DELETE answered 500 (0 bytes)")
        let outcomes = Self.outcomes([], created: [left])
        let cleanUp = outcomes.first { $0.location.discriminator == "clean-up" }
        #expect(cleanUp?.status == .inconclusive && cleanUp?.location.path == "/notes")
        #expect(cleanUp?.detail.contains("remove it by hand") == true)
    }

    @Test("a created object's id: id, the parameter's name, uuid or _id, under data too; else the Location header")
    func ids() {
        func id(_ body: String, location: String? = nil) -> String? {
            var headers = [("Content-Type", "application/json")]
            if let location { headers.append(("Location", location)) }
            return CreatedID.of(HandBuilt.exchange(status: 201, headers: headers, body: body), parameter: "noteId")
        }
        #expect(id(#"{"id":42}"#) == "42" && id(#"{"noteId":"n7"}"#) == "n7")
        #expect(id(#"{"data":{"uuid":"3fa8"}}"#) == "3fa8")
        #expect(id("{}", location: "/notes/n9?x=1") == "n9")
        #expect(id(#"{"name":"x"}"#) == nil && id(#"{"id":1.5}"#) == nil)
    }
}

@Suite("Items of a shared list that name their owner")
struct OwnedListItemsTests {
    static let list: JSONValue = .object([
        "notes": .array([
            .object(["id": .string("n1"), "title": .string("plans"), "owner": .string("ann")]),
            .object(["id": .string("n2"), "title": .string("list"), "owner": .string("ben")]),
            .object(["noteId": .string("n3"), "author": .string("ann@example.test")]),
        ])
    ])

    @Test("an owner field equal to one of the identity's names makes the item its own")
    func owned() {
        let items = OwnedListItems.items(in: Self.list, ownedBy: ["ann", "ann@example.test"], parameter: "noteId")
        #expect(items.map(\.id) == ["n1", "n3"])
        #expect(items[0].fields == ["id", "owner", "title"])
        #expect(OwnedListItems.items(in: Self.list, ownedBy: ["carol"], parameter: "noteId").isEmpty)
    }

    @Test("a detail's fields beyond the list's are what only its owner should see")
    func unlisted() {
        #expect(
            OwnedListItems.unlisted(
                in: #"{"id":"n1","owner":"ann","title":"plans","text":"secret"}"#,
                listed: ["id", "owner", "title"]) == ["text"])
        #expect(OwnedListItems.unlisted(in: #"{"data":{"id":"n1","title":"plans"}}"#, listed: ["id", "title"]).isEmpty)
    }

    @Test("the peer's success on a listed item fails only when the detail shows more than the list")
    func judged() {
        func trial(_ body: String) -> AuthorizationCheck.Trial {
            var trial = AuthorizationCheck.Trial(
                kind: .bola, operation: "GET /notes/{noteId}", owner: HandBuilt.record("ann", body: body),
                intruder: HandBuilt.record("ben", body: body), ownerIsCatchAll: false)
            trial.listedFields = ["id", "owner", "title"]
            return trial
        }
        let outcomes = AuthorizationCheck(api: HandBuilt.emptyAPI).evaluate(
            .init(
                origin: HandBuilt.origin,
                trials: [
                    trial(#"{"id":"n1","owner":"ann","title":"p","text":"x"}"#), trial(#"{"id":"n1","title":"p"}"#),
                ],
                untried: [:], notes: [:]))
        #expect(outcomes.map(\.status) == [.failed, .passed])
        #expect(outcomes[0].detail.contains("the detail adds text"))
    }
}
