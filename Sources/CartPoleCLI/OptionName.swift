/// A setting's name as the command line writes it: the option `--NAME`.
func optionName(_ setting: String) -> String { "--" + setting }
