import CYaml

/// Reads a YAML text's events with libyaml (the parser Yams is built on), for
/// ``ExpansionCounter``: anchors and aliases are seen as written, before anything is composed.
enum YAMLEventReader {
    /// Calls `take` with each event of `text` in order; stops quietly at the first syntax
    /// error (the parser proper reports it), or at what `take` throws.
    static func read<Failure: Error>(
        _ text: String, _ take: (ExpansionCounter.Event) throws(Failure) -> Void
    ) throws(Failure) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let taken = Self.event(event)
                let ended = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if let taken { try take(taken) }
                if ended { return }
            }
        }
    }

    private static func event(_ event: yaml_event_t) -> ExpansionCounter.Event? {
        func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            anchor.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }
        switch event.type {
        case YAML_SCALAR_EVENT: return .scalar(anchor: name(event.data.scalar.anchor))
        case YAML_ALIAS_EVENT:
            return name(event.data.alias.anchor).map(ExpansionCounter.Event.alias) ?? .scalar(anchor: nil)
        case YAML_SEQUENCE_START_EVENT: return .open(anchor: name(event.data.sequence_start.anchor))
        case YAML_MAPPING_START_EVENT: return .open(anchor: name(event.data.mapping_start.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: return .close
        default: return nil
        }
    }
}
