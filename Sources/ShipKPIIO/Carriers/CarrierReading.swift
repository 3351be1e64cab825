import ShipKPICore
import ShipKPIJSON

/// How a carrier's JSON is read: the fields it declares at the top level of a document, the
/// shapes that make a document its record, and its decoder, which turns a document that matched
/// one of its shapes into events, order records or rejects.
package struct CarrierReading: Sendable {
    package var fields: [FieldSpec]
    package var shapes: [RecordShape]
    /// Makes the carrier's decoder for one worker thread.
    package var makeDecoder: @Sendable (CarrierDecoderSetup) throws -> any CarrierDecoder

    package init(
        fields: [FieldSpec], shapes: [RecordShape],
        makeDecoder: @escaping @Sendable (CarrierDecoderSetup) throws -> any CarrierDecoder
    ) {
        self.fields = fields
        self.shapes = shapes
        self.makeDecoder = makeDecoder
    }
}
