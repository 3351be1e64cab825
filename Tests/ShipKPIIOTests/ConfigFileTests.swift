import Foundation
import ShipKPICore
import ShipKPIDigest
import ShipKPIIO
import ShipKPITestSupport
import Testing

/// The config file: INI comments, validation with file and line, [remittance] separators,
/// [gates] and [run].
@Suite struct ConfigFileTests {
    /// The README's example, read from README.md itself (the first ```ini block), so the example
    /// a user pastes is the one that is tested.
    static var readmeExample: String {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
            guard let start = readme.range(of: "```ini\n"), let end = readme.range(of: "```", range: start.upperBound ..< readme.endIndex) else {
                throw ShipKPIError.usage("README.md has no ```ini block")
            }
            return String(readme[start.upperBound ..< end.lowerBound])
        }
    }

    /// The usage message of a config text that must fail.
    func error(_ text: String, name: String = "my.ini") -> String? {
        do {
            _ = try ConfigFile.parse(text, name: name)
            return nil
        } catch let error as ShipKPIError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    @Test func theReadmeExampleParses() throws {
        let config = try ConfigFile.parse(try Self.readmeExample, name: "my.ini", baseDirectory: "/etc/shipkpi")
        #expect(config.zones == [.express247: "Asia/Ho_Chi_Minh", .houndExpress: "America/Mexico_City"])
        #expect(config.currencies == [.express247: "VND", .houndExpress: "MXN"])
        var columns = RemittanceColumns()
        columns.decimal = .dot
        columns.thousands = AmountSeparator.none
        #expect(config.remittanceColumns == columns)
        #expect(config.statusMapFiles == ["/etc/shipkpi/my-carrier-codes.csv"])
        #expect(
            config.gates
                == GateSettings(
                    minEvents: 1, maxUnknownRate: 0.05, maxStaleness: 36 * 3_600_000, maxRejectRate: 0.01,
                    publishOnFailure: false))
        #expect(config.stateDirectory == "/etc/shipkpi/state")
    }

    @Test func commentsTheWayINIReadersTakeThem() throws {
        let config = try ConfigFile.parse(
            """
            # a whole-line comment
            ; another
               # indented
            [remittance] ; after a header
            amount = Số tiền   ; inline, after whitespace
            order_code = Mã#đơn
            reference = Ref;No # the ; and # inside a value stay (no whitespace before them)
            fee = "Phí #1"  # a quoted value keeps # and ;
            remitted_at = "  Ngày  "
            """, name: "c.ini")
        #expect(config.remittanceColumns.amount == "Số tiền")
        #expect(config.remittanceColumns.orderCode == "Mã#đơn")
        #expect(config.remittanceColumns.reference == "Ref;No")
        #expect(config.remittanceColumns.fee == "Phí #1")
        #expect(config.remittanceColumns.remittedAt == "  Ngày  ")
    }

    @Test func crlfAndABOMAreTolerated() throws {
        let config = try ConfigFile.parse("\u{FEFF}[247express]\r\nzone = UTC\r\n", name: "c.ini")
        #expect(config.zones == [.express247: "UTC"])
    }

    @Test(arguments: [
        ("[247express]\n\nzone = Asia/Hanoi2\n", "my.ini line 3: unknown time zone \"Asia/Hanoi2\""),
        ("[247express]\nzone = Asia/Hanoi2 # typo\n", "my.ini line 2: unknown time zone \"Asia/Hanoi2\""),
        ("[houndexpress]\ncurrency = mxn\n", "my.ini line 2: currency must be an ISO 4217 code"),
        ("[houndexpress]\ncurrency = PESO\n", "my.ini line 2: currency must be an ISO 4217 code"),
        ("[247express]\nzone =\n", "my.ini line 2: zone has no value"),
        ("[247express]\nzone = # nothing\n", "my.ini line 2: zone has no value"),
        ("[247express]\ncolour = red\n", "my.ini line 2: unknown key \"colour\" in [247express]"),
        ("[carriers]\n", "my.ini line 1: unknown section [carriers]"),
        ("[remittance\n", "my.ini line 1: a section header must end with ]"),
        ("[remittance] amount = X\n", "my.ini line 1: unexpected text after the section header"),
        ("zone = UTC\n", "my.ini line 1: key \"zone\" is outside any section"),
        ("[247express]\nzone UTC\n", "my.ini line 2: expected key = value"),
        ("[remittance]\nfee = \"Fee\n", "my.ini line 2: a quoted value has no closing \""),
        ("[remittance]\ndecimal = ;\n", "my.ini line 2: decimal has no value"),
        ("[remittance]\ndecimal = semicolon\n", "my.ini line 2: decimal must be one of"),
        ("[remittance]\ndecimal = .\nthousands = dot\n", "my.ini line 3: the decimal and thousands separators must differ"),
        ("[gates]\nmin_events = -1\n", "my.ini line 2: min_events must be a whole number, 0 or more"),
        ("[gates]\nmin_events = 1.5\n", "my.ini line 2: min_events must be a whole number"),
        ("[gates]\nmin_events = 99999999999999999999\n", "my.ini line 2: min_events must be a whole number"),
        ("[gates]\nmax_unknown_rate = 1.5\n", "my.ini line 2: max_unknown_rate must be a fraction between 0 and 1"),
        ("[gates]\nmax_reject_rate = -0.1\n", "my.ini line 2: max_reject_rate must be a fraction between 0 and 1"),
        ("[gates]\nmax_reject_rate = 5%\n", "my.ini line 2: max_reject_rate must be a fraction between 0 and 1"),
        ("[gates]\nmax_staleness = 36 hours\n", "my.ini line 2: max_staleness must be a duration"),
        ("[gates]\npublish_on_failure = maybe\n", "my.ini line 2: publish_on_failure must be true or false"),
        ("[gates]\nstate_dir = x\n", "my.ini line 2: unknown key \"state_dir\" in [gates]"),
        ("[run]\nstate_dir =\n", "my.ini line 2: state_dir has no value"),
        ("[run]\nhash = md5\n", "my.ini line 2: hash: expected xxh3-128 or sha256, got \"md5\""),
    ])
    func everyErrorNamesTheFileAndTheLine(_ text: String, _ expected: String) {
        let message = error(text)
        #expect(message?.hasPrefix(expected) == true, "got \(message ?? "no error")")
    }

    @Test func remittanceSeparators() throws {
        let words = try ConfigFile.parse("[remittance]\ndecimal = comma\nthousands = dot\n", name: "c.ini")
        #expect(words.remittanceColumns.layout == AmountLayout(decimal: .comma, thousands: .dot))
        let characters = try ConfigFile.parse("[remittance]\ndecimal = ,\nthousands = .  # Vietnamese\n", name: "c.ini")
        #expect(characters.remittanceColumns.layout == AmountLayout(decimal: .comma, thousands: .dot))
        let space = try ConfigFile.parse("[remittance]\nthousands = \" \"\ndecimal = ,\n", name: "c.ini")
        #expect(space.remittanceColumns.layout == AmountLayout(decimal: .comma, thousands: .space))
        let apostrophe = try ConfigFile.parse("[remittance]\nthousands = '\n", name: "c.ini")
        #expect(apostrophe.remittanceColumns.layout == AmountLayout(decimal: .dot, thousands: .apostrophe))
        let none = try ConfigFile.parse("[remittance]\ndecimal = none\n", name: "c.ini")
        #expect(none.remittanceColumns.layout == AmountLayout(decimal: .none, thousands: .none))
    }

    @Test func gates() throws {
        let config = try ConfigFile.parse(
            """
            [gates]
            min_events = 0          # an empty run passes
            max_unknown_rate = 0.05
            max_reject_rate = 1
            max_staleness = 1d12h
            publish_on_failure = TRUE
            """, name: "c.ini")
        #expect(
            config.gates
                == GateSettings(
                    minEvents: 0, maxUnknownRate: 0.05, maxStaleness: 36 * 3_600_000,
                    maxRejectRate: 1, publishOnFailure: true))
        let other = try ConfigFile.parse("[gates]\nmin_events = 250\nmax_staleness = 36h\npublish_on_failure = false\n", name: "c.ini")
        #expect(other.gates == GateSettings(minEvents: 250, maxStaleness: 36 * 3_600_000, publishOnFailure: false))
    }

    @Test func stateDirectoryIsRelativeToTheConfigFile() throws {
        #expect(
            try ConfigFile.parse("[run]\nstate_dir = state\n", name: "c.ini", baseDirectory: "/etc/shipkpi").stateDirectory
                == "/etc/shipkpi/state")
        #expect(
            try ConfigFile.parse("[run]\nstate_dir = /var/lib/shipkpi\n", name: "c.ini", baseDirectory: "/etc/shipkpi")
                .stateDirectory == "/var/lib/shipkpi")
        #expect(try ConfigFile.parse("[run]\nstate_dir = state\n", name: "c.ini").stateDirectory == "state")
    }

    @Test func theContentHashIsChosenInTheRunSection() throws {
        #expect(try ConfigFile.parse("[run]\nhash = sha256\n", name: "c.ini").hash == .sha256)
        #expect(try ConfigFile.parse("[run]\nhash = XXH3-128\n", name: "c.ini").hash == .xxh3)
        #expect(try ConfigFile.parse("[run]\nstate_dir = s\n", name: "c.ini").hash == nil)
    }

    @Test func aMissingStatusMapNamesTheLineAndIsAMissingInput() {
        do {
            _ = try ConfigFile.parse(
                "[status_map]\n\nfile = nope.csv\n", name: "my.ini", baseDirectory: "/etc/shipkpi",
                fileExists: { _ in false })
            Issue.record("no error")
        } catch let error as ShipKPIError {
            guard case .inputMissing = error else { Issue.record("not a missing input: \(error)"); return }
            #expect(error.description == "my.ini line 3: status map not found: /etc/shipkpi/nope.csv")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func fixedOffsetsAndIANANamesAreZones() throws {
        let config = try ConfigFile.parse("[247express]\nzone = +07:00\n[houndexpress]\nzone = UTC\n", name: "c.ini")
        #expect(config.zones == [.express247: "+07:00", .houndExpress: "UTC"])
        #expect(TimeZoneName.resolve("-06:00")?.secondsFromGMT() == -21_600)
        #expect(TimeZoneName.resolve("+15:00") == nil)
        #expect(TimeZoneName.resolve("Asia/Hanoi2") == nil)
    }
}
