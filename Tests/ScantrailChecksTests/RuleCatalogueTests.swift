import ScantrailChecks
import ScantrailCore
import Testing

@Suite("The rule catalogue every report and docs/rules.md are made from")
struct RuleCatalogueTests {
    @Test("every rule has a unique id, a description and a fix, written as prose without stray escapes")
    func wellFormed() {
        let rules = CheckRegistry.catalogue.rules
        #expect(Set(rules.map(\.id)).count == rules.count)
        for rule in rules {
            #expect(!rule.description.isEmpty && !rule.remediation.isEmpty, "\(rule.id)")
            for text in [rule.title, rule.description, rule.remediation] {
                #expect(!text.contains("\\\n") && !text.contains("\n"), "\(rule.id): a line break in '\(text)'")
            }
        }
    }
}
