/// How a carrier is drawn in the HTML report's charts. Carriers differ by colour *and* by line
/// dash, marker and bar fill, so the charts still read in black-and-white print and with the
/// common colour-vision deficiencies (colours from the Okabe–Ito palette).
package struct CarrierChartStyle: Sendable, Equatable {
    package enum Marker: Sendable, Equatable { case circle, square, diamond }
    package enum Bar: Sendable, Equatable {
        /// Filled with the colour.
        case solid
        /// Light fill (35 % opacity) with a solid outline.
        case outlined
    }

    /// `#RRGGBB`.
    package var colour: String
    /// Short name of its colour variable in the page's style sheet (`--c247`): letters and digits.
    package var cssName: String
    /// SVG `stroke-dasharray` of its lines; nil for a solid line.
    package var dash: String?
    package var marker: Marker
    package var bar: Bar

    package init(colour: String, cssName: String, dash: String? = nil, marker: Marker, bar: Bar) {
        self.colour = colour
        self.cssName = cssName
        self.dash = dash
        self.marker = marker
        self.bar = bar
    }
}
