import Foundation
import ScantrailChecks
import ScantrailCore
import ScantrailTestSupport
import Testing

@Suite("GraphQL as an API, against a real graphql-core server in a lax, a limited and a hardened face")
struct GraphQLServerTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("GraphQL/graphql_server.py")

    /// The check's outcomes at /graphql of the server in `mode`.
    static func outcomes(_ mode: String, active: Bool = true) async throws -> [Outcome] {
        let server = try Subprocess(["python3", script.path, mode])
        defer { server.kill() }
        let port = try await server.firstMatch { text in
            text.split(separator: "\n").first { $0.hasPrefix("listening ") }.flatMap { Int($0.dropFirst(10)) }
        }
        let outcomes = try await CheckHarness.outcomes(
            of: GraphQLCheck(), at: "http://127.0.0.1:\(port)/", configuration: ScanConfiguration(active: active))
        return outcomes.filter { $0.location.path == "/graphql" }
    }

    @Test(
        "a default setup fails every probe graphql-cop makes, and SQL pasted from a query's and a mutation's argument")
    func lax() async throws {
        let failed = Set(try await Self.outcomes("lax").filter { $0.status == .failed }.map(\.key))
        #expect(
            failed == [
                "graphql.introspection-enabled", "graphql.field-suggestions", "graphql.batching-unlimited[batch]",
                "graphql.batching-unlimited[aliases]", "graphql.query-limits-missing[depth]",
                "graphql.query-limits-missing[duplication]", "graphql.query-limits-missing[directives]",
                "graphql.csrf[form POST]", "graphql.csrf[multipart POST]",
                "graphql.csrf[GET mutation]", "graphql.sql-error[search(term)]",
                "graphql.sql-error[mutation rename(name)]", "graphql.debug-output[tracing]",
                "graphql.debug-output[stack trace]", "graphql.debug-output[IDE]",
            ])
    }

    @Test("a query over GET is allowed by GraphQL over HTTP; form posts fail only where the site sets cookies")
    func crossSite() async throws {
        let lax = try await Self.outcomes("lax")
        #expect(lax.first { $0.key == "graphql.csrf[GET query]" }?.status == .passed)
        let bearer = Dictionary(
            try await Self.outcomes("bearer").filter { $0.ruleID == "graphql.csrf" }.map { ($0.key, $0) },
            uniquingKeysWith: { first, _ in first })
        #expect(bearer["graphql.csrf[GET mutation]"]?.status == .failed)
        #expect(bearer["graphql.csrf[GET query]"]?.status == .passed)
        for post in ["form POST", "multipart POST"] {
            let outcome = try #require(bearer["graphql.csrf[\(post)]"])
            #expect(outcome.status == .inconclusive && outcome.detail.contains("no answer on the site set a cookie"))
        }
    }

    @Test("limits and transports hardened, introspection on: only introspection fails; depth is tried and refused")
    func limited() async throws {
        let outcomes = try await Self.outcomes("limited")
        #expect(outcomes.filter { $0.status == .failed }.map(\.key) == ["graphql.introspection-enabled"])
        let depth = try #require(outcomes.first { $0.key == "graphql.query-limits-missing[depth]" })
        #expect(depth.status == .passed && depth.detail.contains("depth limit"), "\(depth.detail)")
        #expect(outcomes.first { $0.key == "graphql.sql-error[search(term)]" }?.status == .passed)
        #expect(outcomes.first { $0.key == "graphql.sql-error[mutation rename(name)]" }?.status == .passed)
    }

    @Test("the hardened face gives no finding; without introspection depth is inconclusive, never passed")
    func hardened() async throws {
        let outcomes = try await Self.outcomes("hardened")
        #expect(outcomes.filter { $0.status == .failed }.isEmpty, "\(outcomes.filter { $0.status == .failed })")
        #expect(outcomes.first { $0.key == "graphql.query-limits-missing[depth]" }?.status == .inconclusive)
    }

    @Test("passive mode never sends a mutation: neither over GET nor with a quote in its arguments")
    func passive() async throws {
        let outcomes = try await Self.outcomes("lax", active: false)
        let mutation = try #require(outcomes.first { $0.key == "graphql.csrf[GET mutation]" })
        #expect(mutation.status == .inconclusive && mutation.detail.contains("passive mode"))
        let arguments = try #require(outcomes.first { $0.key == "graphql.sql-error[mutations]" })
        #expect(arguments.status == .inconclusive && arguments.detail.contains("rename(name)"), "\(arguments.detail)")
        #expect(!outcomes.contains { $0.key == "graphql.sql-error[mutation rename(name)]" })
    }
}

extension Outcome {
    /// `rule[discriminator]`, or the rule alone.
    fileprivate var key: String { location.discriminator.map { "\(ruleID)[\($0)]" } ?? ruleID }
}
