import ArgumentParser
import Foundation
import ScantrailReports

/// `--format text|json` for the evidence-trail commands.
struct TrailFormat: ParsableArguments {
    @Option(help: "Output format: text, json.")
    var format: ViewFormat = .text

    /// Prints `text()` or `value` as JSON, as chosen.
    func print(text: () -> String, json value: some Encodable) throws {
        switch format {
        case .text: FileHandle.standardOutput.write(Data(text().utf8))
        case .json: FileHandle.standardOutput.write(try JSONRendering.render(value))
        }
    }
}
