import ArgumentParser
import Foundation
import ScantrailCore
import ScantrailOpenAPI
import ScantrailReports

/// `scantrail inventory FILE|URL`: what an OpenAPI description documents, as the checks see it.
struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Import an OpenAPI 3.x or Swagger 2.0 description and list its operations and security.",
        discussion: """
            The same import `scan --openapi` uses: $refs within and across files, servers, security schemes, \
            parameters with the values the checks would send. Broken parts are listed with their location; \
            a document that cannot be read exits 2.
            """
    )

    @Argument(help: "The description: a file (JSON or YAML) or an http(s) URL.")
    var location: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let inventory = try await APIDescriptionSource.load(location, configuration: ScanConfiguration())
        let data: Data
        switch output.format {
        case .json: data = try JSONRendering.render(inventory)
        case .text: data = Data(Self.text(inventory).utf8)
        }
        try output.write(data)
    }

    static func text(_ inventory: APIInventory) -> String {
        var lines = ["\(inventory.title) \(inventory.version) (\(inventory.specification))"]
        if !inventory.servers.isEmpty { lines.append("servers: " + inventory.servers.joined(separator: ", ")) }
        for (name, scheme) in inventory.securitySchemes.sorted(by: { $0.key < $1.key }) {
            let detail = [scheme.scheme, scheme.location, scheme.name].compactMap { $0 }.joined(separator: " ")
            lines.append("security scheme \(name): \(scheme.type)\(detail.isEmpty ? "" : " (\(detail))")")
        }
        lines.append("")
        for operation in inventory.operations {
            let security =
                operation.isSecured
                ? operation.security.map { $0.joined(separator: "+") }.joined(separator: " | ")
                : operation.security.isEmpty ? "public" : "optional"
            lines.append("\(operation.label.padding(toLength: 44, withPad: " ", startingAt: 0)) \(security)")
            lines.append("    sent as \(operation.method) \(operation.concretePath())")
        }
        lines.append("")
        lines.append(
            "\(inventory.operations.count) operations, \(inventory.operations.filter(\.isSecured).count) secured")
        if !inventory.issues.isEmpty {
            lines.append("skipped \(inventory.issues.count) broken parts:")
            lines += inventory.issues.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
