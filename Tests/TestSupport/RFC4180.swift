/// A CSV reader for tests, independent of the tool's own.
public enum RFC4180 {
    /// The records of CSV text, each a list of fields, per RFC 4180.
    public static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var atStart = true
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && atStart {
                quoted = true
            } else if c == "," {
                record.append(field)
                field = ""
                atStart = true
                continue
            } else if c == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
                atStart = true
                continue
            } else {
                field.append(c)
            }
            atStart = false
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
