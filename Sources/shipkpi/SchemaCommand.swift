import ArgumentParser
import Foundation
import ShipKPIIO

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print report.xsd, the XML Schema of report.xml.")

    func run() throws {
        FileHandle.standardOutput.write(Data(XMLReport.schema(CarrierRegistry.standard.carriers).utf8))
    }
}
