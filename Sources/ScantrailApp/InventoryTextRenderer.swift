import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// What an imported description documents, as the checks see it, in plain text: its servers,
/// security schemes, every operation with its security and the request the checks would send.
public struct InventoryTextRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The inventory as text, one operation per two lines, with the broken parts skipped.
    public func render(_ inventory: APIInventory) -> String {
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
        return DisplayText.escaped(lines.joined(separator: "\n") + "\n", keepingLayout: true)
    }
}
