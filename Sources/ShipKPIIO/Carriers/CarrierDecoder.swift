import ShipKPICore
import ShipKPIJSON

/// A carrier's decoder, one per worker thread (it may keep caches).
package protocol CarrierDecoder: AnyObject {
    /// Decodes `record`, a document (or an envelope's payload) that matched the carrier's shape
    /// number `shape`, into `batch`: its events and order records, or its rejects.
    func decode(shape: Int, record: JSONFrame, context: inout RecordContext, into batch: inout EventBatch)
}
