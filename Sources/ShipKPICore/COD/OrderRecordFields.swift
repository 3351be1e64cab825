/// The fields of a 247Express order record that the carrier's rules look at (seed 001).
/// "Present" means not null, not missing, not blank (SPEC §11).
package struct OrderRecordFields: Sendable, Equatable {
    package var hasServiceType = false
    package var hasReceiverAddress = false
    package var hasProvince = false
    package var hasDistrict = false
    package var hasPhone = false
    package var hasClientHub = false
    package var hasWarehouse = false
    /// Trimmed `MailerType`, nil when missing.
    package var mailerType: String?
    package var realWeight: AmountField = .missing
    package var informFee: AmountField = .missing
    package var cod: AmountField = .missing
    package var cop: AmountField = .missing
    package var quantity: AmountField = .missing
    /// Nil when `Packages` is missing or not an array (then no packages).
    package var packages: [PackageFields]? = nil
    package var hasDVBH = false

    package init() {}
}
