import ArgumentParser
import ScantrailApp
import ScantrailCore
import ScantrailReports

extension RuleCatalogueRenderer.Format: ExpressibleByArgument {}

/// `scantrail rules`: list the rule catalogue.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule with its severity and its TSC, OWASP API 2023 and CWE mapping.",
        discussion: "'scantrail rules --format markdown > docs/rules.md' regenerates the documentation."
    )

    @Option(help: "Output format: \(RuleCatalogueRenderer.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: RuleCatalogueRenderer.Format = .text

    func run() throws {
        print(try RuleCatalogueRenderer(catalogue: .shipped).render(format), terminator: "")
    }
}
