import STPModel
import STPReport

/// The command line: subcommands with long options, flags and positional words, and the help.
///
/// Hand-written rather than swift-argument-parser: that library brings FoundationEssentials
/// (for its JSON help dump) and reflection, and a one-option ArgumentParser program peaks at
/// 9.2 MB resident against 4.9 MB for a plain one (static builds, measured here), which put the
/// dashboard over its 10 MB budget. See DECISIONS.md.

/// One option: `--name VALUE` (or `--name=VALUE`), or a flag `--name`.
struct OptionSpec {
  let name: String
  /// The value's name in help (`dir`); nil for a flag.
  let value: String?
  let help: String
  /// The values allowed, if only some are.
  var choices: [String]? = nil
  /// Left out of the help.
  var hidden = false

  static func option(_ name: String, _ value: String, _ help: String, choices: [String]? = nil)
    -> OptionSpec
  {
    OptionSpec(name: name, value: value, help: help, choices: choices)
  }

  static func flag(_ name: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, value: nil, help: help)
  }
}

/// Positional words after the options.
struct ArgumentSpec {
  let name: String
  let help: String
  /// Takes every remaining word (`show Humber Coast`).
  var variadic = false
}

/// A subcommand: its name, help and what it accepts.
struct CommandSpec {
  let name: String
  let abstract: String
  var discussion: String? = nil
  var options: [OptionSpec]
  var argument: ArgumentSpec? = nil
}

/// What the command line gave one command.
struct ParsedCommand {
  let spec: CommandSpec
  var values: [String: String] = [:]
  /// Every value of an option given more than once (`--stp A --stp B`), in order.
  var repeated: [String: [String]] = [:]
  var flags: Set<String> = []
  var words: [String] = []

  func value(_ name: String) -> String? { values[name] }
  /// All the values an option was given, in order (empty when none).
  func all(_ name: String) -> [String] { repeated[name] ?? [] }
  func flag(_ name: String) -> Bool { flags.contains(name) }

  /// A value that must be one of an enumeration's raw values (checked while parsing).
  func choice<T: RawRepresentable>(_ name: String, default d: T) -> T where T.RawValue == String {
    values[name].flatMap { T(rawValue: $0) } ?? d
  }
}

/// The program's command line: the commands, the default one and the top-level help.
struct CommandLineSpec {
  let program: String
  let abstract: String
  let discussion: String
  let version: String
  let commands: [CommandSpec]
  let defaultCommand: String

  enum Outcome {
    case run(ParsedCommand)
    case help(String)
    case version(String)
  }

  /// Parses `args` (without the program name); a usage problem throws `UsageFailure`.
  func parse(_ args: [String]) throws(UsageFailure) -> Outcome {
    var args = args[...]
    if args.first == "--version" && args.count == 1 { return .version(version) }
    if args.first == "help" {
      args.removeFirst()
      guard let name = args.first else { return .help(rootHelp) }
      guard let spec = commands.first(where: { $0.name == name }) else {
        throw failure("unknown command '\(name)'", nil)
      }
      return .help(help(for: spec))
    }
    if let first = args.first, first == "-h" || first == "--help" { return .help(rootHelp) }
    var spec = commands.first { $0.name == defaultCommand }!
    if let first = args.first, !first.hasPrefix("-") {
      if let named = commands.first(where: { $0.name == first }) {
        spec = named
        args.removeFirst()
      } else if spec.argument == nil {
        throw failure(
          "unknown command '\(first)' (commands: "
            + commands.map(\.name).joined(separator: ", ") + ")", nil)
      }
    }
    var parsed = ParsedCommand(spec: spec)
    var onlyWords = false
    while let arg = args.popFirst() {
      if onlyWords || !arg.hasPrefix("--") || arg == "-" {
        if arg == "-h" && !onlyWords { return .help(help(for: spec)) }
        guard spec.argument != nil else { throw failure("unexpected argument '\(arg)'", spec) }
        parsed.words.append(arg)
        continue
      }
      if arg == "--" {
        onlyWords = true
        continue
      }
      if arg == "--help" { return .help(help(for: spec)) }
      let body = arg.dropFirst(2)
      let name = String(body.prefix { $0 != "=" })
      let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
      guard let option = spec.options.first(where: { $0.name == name }) else {
        throw failure("unknown option '--\(name)'", spec)
      }
      guard let valueName = option.value else {
        if inline != nil { throw failure("--\(name) takes no value", spec) }
        parsed.flags.insert(name)
        continue
      }
      guard let value = inline ?? args.popFirst() else {
        throw failure("missing value for '--\(name) <\(valueName)>'", spec)
      }
      if let choices = option.choices, !choices.contains(value) {
        throw failure(
          "the value '\(value)' is invalid for --\(name); expected one of: "
            + choices.joined(separator: ", "), spec)
      }
      parsed.values[name] = value
      parsed.repeated[name, default: []].append(value)
    }
    if let argument = spec.argument {
      if parsed.words.isEmpty && !argument.variadic {
        throw failure("missing <\(argument.name)>", spec)
      }
      if parsed.words.count > 1 && !argument.variadic {
        throw failure("unexpected argument '\(parsed.words[1])'", spec)
      }
    }
    return .run(parsed)
  }

  private func failure(_ message: String, _ spec: CommandSpec?) -> UsageFailure {
    let usageLine =
      spec.map { "usage: " + usage(for: $0) } ?? "usage: \(program) <command> [options]"
    let hint = spec.map { "see '\(program) help \($0.name)'" } ?? "see '\(program) --help'"
    return UsageFailure(message: "\(program): error: \(message)\n\(usageLine)\n\(hint)")
  }

  // MARK: - Help

  func usage(for spec: CommandSpec) -> String {
    var parts = ["\(program) \(spec.name)"]
    for o in spec.options where !o.hidden {
      parts.append(o.value.map { "[--\(o.name) <\($0)>]" } ?? "[--\(o.name)]")
    }
    if let a = spec.argument { parts.append(a.variadic ? "<\(a.name)> ..." : "<\(a.name)>") }
    return parts.joined(separator: " ")
  }

  var rootHelp: String {
    var out = "OVERVIEW: \(abstract)\n\n" + wrap(discussion, indent: 0) + "\n"
    out += "USAGE: \(program) [<command>] [<options>]\n\n"
    out += "OPTIONS:\n"
    out += entry("--version", "Show the version.")
    out += entry("-h, --help", "Show help information.")
    out += "\nCOMMANDS:\n"
    for c in commands {
      out += entry(c.name + (c.name == defaultCommand ? " (default)" : ""), c.abstract)
    }
    out += "\n  See '\(program) help <command>' for detailed help.\n"
    return out
  }

  func help(for spec: CommandSpec) -> String {
    var out = "OVERVIEW: \(spec.abstract)\n\n"
    if let d = spec.discussion { out += wrap(d, indent: 0) + "\n" }
    out += "USAGE: " + wrap(usage(for: spec), indent: 7).dropFirst(7) + "\n"
    if let a = spec.argument {
      out += "ARGUMENTS:\n" + entry("<\(a.name)>", a.help) + "\n"
    }
    out += "OPTIONS:\n"
    for o in spec.options where !o.hidden {
      out += entry("--\(o.name)" + (o.value.map { " <\($0)>" } ?? ""), o.help)
    }
    out += entry("-h, --help", "Show help information.")
    return out
  }

  /// `  label   text`, the text wrapped at 80 columns in a column of its own.
  private func entry(_ label: String, _ text: String) -> String {
    let gutter = 26
    let first = "  " + label
    let body = wrap(text, indent: gutter).dropFirst(gutter)
    if first.count + 2 <= gutter {
      return first + String(repeating: " ", count: gutter - first.count) + body
    }
    return first + "\n" + String(repeating: " ", count: gutter) + body
  }

  /// Words filled into lines of at most 80 columns, each line after the first (and the first)
  /// indented by `indent`; paragraphs (blank lines) kept.
  private func wrap(_ text: String, indent: Int) -> String {
    let pad = String(repeating: " ", count: indent)
    var out = ""
    // Paragraphs: runs of lines between blank lines.
    var paragraphs: [[Substring]] = [[]]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.isEmpty {
        paragraphs.append([])
      } else {
        paragraphs[paragraphs.count - 1].append(line)
      }
    }
    for paragraph in paragraphs {
      var line = pad
      for word in paragraph.flatMap({ $0.split(separator: " ") }) {
        if line.count > indent && line.count + 1 + word.count > 80 {
          out += line + "\n"
          line = pad
        }
        line += (line.count > indent ? " " : "") + word
      }
      out += line + "\n\n"
    }
    return String(out.dropLast())
  }
}

/// A subcommand: its spec, how it reads what was parsed, and what it does.
protocol Command {
  static var spec: CommandSpec { get }
  init(_ parsed: ParsedCommand) throws(UsageFailure)
  func run() throws
}

/// The `--format` option of the table commands.
let formatOption = OptionSpec.option(
  "format", "format", "Output: table, csv, json, markdown.",
  choices: OutputFormat.allCases.map(\.rawValue))

/// `--ascii`: plain ASCII output (automatic in a non-UTF-8 locale).
let asciiOption = OptionSpec.flag(
  "ascii",
  "Plain ASCII: tables and messages folded (GBP, >=, -), JSON escaped; CSV stays UTF-8 (automatic in a non-UTF-8 locale)."
)

/// The `--by` option.
let measureOption = OptionSpec.option(
  "by", "measure", "Rank by: " + Measure.allCases.map(\.rawValue).joined(separator: ", ") + ".",
  choices: Measure.allCases.map(\.rawValue))
