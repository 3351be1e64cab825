/// One element of an order's `Packages`.
package struct PackageFields: Sendable, Equatable {
    package var isObject = true
    package var length: AmountField = .missing
    package var width: AmountField = .missing
    package var height: AmountField = .missing
    package var weight: AmountField = .missing

    package init(
        isObject: Bool = true, length: AmountField = .missing, width: AmountField = .missing,
        height: AmountField = .missing, weight: AmountField = .missing
    ) {
        self.isObject = isObject
        self.length = length
        self.width = width
        self.height = height
        self.weight = weight
    }
}
