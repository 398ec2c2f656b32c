/// Settings as files record them, each by name, beside the settings version their writer knew: the
/// format policy that lets settings be added without breaking what was written before. A file written
/// before a setting existed lacks it and reads as the setting's default; a file that should hold a setting
/// and does not is damaged.
package enum SettingsRecord {
    /// The settings version a writer of `settings` records: the newest setting's.
    package static func version<Root>(of settings: [Setting<Root>]) -> Int {
        settings.map(\.introduced).max() ?? 1
    }

    /// The settings a record written with settings version `version` should hold but does not.
    package static func lacking<Root>(_ recorded: some Collection<String>, in settings: [Setting<Root>], version: Int)
        -> [Setting<Root>]
    {
        let names = Set(recorded)
        return settings.filter { $0.introduced <= version && !names.contains($0.name) }
    }
}
