import ScantrailChecks
import ScantrailCore

extension RuleCatalogue {
    /// Every rule of every check Scantrail ships, the OpenAPI-driven ones included: what
    /// `scantrail rules` lists and docs/rules.md is generated from.
    public static var shipped: RuleCatalogue { CheckRegistry.catalogue }
}
