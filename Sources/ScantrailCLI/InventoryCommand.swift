import ArgumentParser
import Foundation
import ScantrailApp
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
        let inventory = try await DescriptionLoader.load(try DescriptionLocation(parsing: location))
        let data: Data
        switch output.format {
        case .json: data = try JSONRendering.render(inventory)
        case .text: data = Data(InventoryTextRenderer().render(inventory).utf8)
        }
        try output.write(data)
    }
}
