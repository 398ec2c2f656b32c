/// Task indices as array-job schedulers write them (Slurm's `--array`): ascending, runs of consecutive
/// indices as ranges, `3,17,40-42`.
package enum ArrayIndices {
    package static func syntax(_ indices: [Int]) -> String {
        var parts: [String] = []
        var sorted = Array(Set(indices)).sorted()[...]
        while let first = sorted.first {
            var last = first
            sorted = sorted.dropFirst()
            while sorted.first == last + 1 {
                last += 1
                sorted = sorted.dropFirst()
            }
            parts.append(last == first ? "\(first)" : "\(first)-\(last)")
        }
        return parts.joined(separator: ",")
    }
}
