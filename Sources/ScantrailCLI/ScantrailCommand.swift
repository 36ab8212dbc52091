import ArgumentParser
import ScantrailApp
import ScantrailCore

/// The `scantrail` command line: thin wiring over the library modules.
public struct ScantrailCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "scantrail",
        abstract: "External security scanner for HTTP APIs whose results are SOC 2 evidence.",
        version: ScannerInfo.current.version,
        subcommands: [
            ScanCommand.self, TLSCommand.self, InventoryCommand.self, HistoryCommand.self, FindingsCommand.self,
            FindingCommand.self,
            AcceptCommand.self,
            DiffCommand.self, ReportCommand.self, EvidenceCommand.self, AuditCommand.self, SigningKeyCommand.self,
            ServeCommand.self, APIKeysCommand.self, TargetsCommand.self, WorkerCommand.self, AlertsCommand.self,
            TicketsCommand.self,
            RulesCommand.self, NoticesCommand.self,
            DemoCommand.self,
        ]
    )

    public init() {}

    /// Parses `arguments`, runs the command and returns the process exit status: usage errors
    /// are 2 (not ArgumentParser's 64), help and version are 0.
    public static func exitStatus(running arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        } catch let error as AppError {
            return ExitStatus.report(error)
        } catch let error as TargetError {
            StandardError.write("scantrail: error: \(error)")
            return ExitStatus.usage.rawValue
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return 0
            }
            StandardError.write(fullMessage(for: error))
            return ExitStatus.usage.rawValue
        }
    }
}
