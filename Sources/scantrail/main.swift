import Foundation
import ScantrailCLI

exit(await ScantrailCommand.exitStatus(running: Array(CommandLine.arguments.dropFirst())))
