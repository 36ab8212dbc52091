import ArgumentParser
import ScantrailApp

extension FailThreshold: ExpressibleByArgument {}
