/// The page's inline style sheet: system fonts only (no web fonts), light backgrounds, tabular
/// figures; a phone layout at and under ``narrowBreakpoint`` CSS px (headline and summary as
/// grids that keep every carrier on screen, the narrow drawing of each chart, wide tables
/// scrolling inside their own box); and print rules (A4, no navigation, the wide charts, rows and
/// cards never split across pages).
extension HTMLReportPage {
    /// The style sheet for a page showing `carriers` (each gets its colour variable and rules).
    static func css(_ registry: CarrierRegistry) -> String {
        let styles = registry.profiles.map { (id: $0.id, style: $0.chartStyle) }
        let variables = styles.map { "--c\($0.style.cssName): \($0.style.colour); " }.joined()
        var lines: [String] = []
        for line in cssTemplate.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.contains("{id}") else {
                lines.append(String(line).replacingOccurrences(of: "{colours}", with: variables))
                continue
            }
            for (id, style) in styles {
                lines.append(line.replacingOccurrences(of: "{id}", with: id).replacingOccurrences(of: "{name}", with: style.cssName))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The sheet with one line per carrier where `{id}` (its id) and `{name}` (its
    /// ``CarrierChartStyle/cssName``) appear, and `{colours}` standing for every carrier's colour variable.
    private static let cssTemplate = """
        :root {
          --ink: #1b1f24; --muted: #59636e; --line: #d0d7de; --rule: #e6e9ed; --soft: #f5f7f9;
          --accent: #0b5cad; --warn: #a64b00; --warn-bg: #fff4e5;
          {colours}--call: #3d444d;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body {
          margin: 0; color: var(--ink); background: #fff;
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans",
            Arial, sans-serif;
        }
        main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 40px; }
        h1 { font-size: 27px; line-height: 1.2; margin: 2px 0 8px; }
        h2 { font-size: 20px; margin: 40px 0 6px; padding-bottom: 5px; border-bottom: 2px solid var(--ink); }
        h3 { font-size: 15px; margin: 22px 0 6px; }
        p { margin: 6px 0; }
        .lead { max-width: 80ch; color: var(--ink); margin: 6px 0 12px; }
        .note { color: var(--muted); font-size: 12.5px; max-width: 100ch; }
        .muted { color: var(--muted); }
        .code, code { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace;
          font-size: .92em; }
        abbr[title] { text-decoration: underline dotted #8c959f; text-underline-offset: 2px; cursor: help; }

        /* Masthead and navigation */
        header.masthead { border-bottom: 3px solid var(--ink); padding-bottom: 12px; }
        .kicker { margin: 0; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
        .meta { color: var(--muted); }
        .meta strong { color: var(--ink); }
        .runline { font-size: 15px; }
        .runline strong { font-variant-numeric: tabular-nums; }
        .chip { display: inline-block; padding: 0 8px; border-radius: 10px; border: 1.5px solid var(--line);
          color: var(--ink); font-weight: 600; font-size: 12.5px; line-height: 1.5; }
        .chip-{id} { border-color: var(--c{name}); }
        .notice { margin-top: 10px; padding: 10px 14px; border: 1px solid #e3b341; border-left: 5px solid #bf8700;
          background: #fff8e1; }
        nav.toc { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 10px 0; border-bottom: 1px solid var(--line);
          font-size: 13px; }
        nav.toc a { color: var(--accent); text-decoration: none; }
        nav.toc a:hover { text-decoration: underline; }
        .empty { padding: 10px 14px; border: 1px dashed var(--line); background: var(--soft); color: var(--muted); }

        /* Headline cards: one column card per carrier, the KPI and its definition on the left */
        table.scorecard { width: 100%; border-collapse: separate; border-spacing: 12px 0; margin: 4px -12px 0;
          font-variant-numeric: tabular-nums; }
        table.scorecard th.kpi-head { text-align: left; vertical-align: bottom; font-size: 12px; font-weight: 600;
          color: var(--muted); text-transform: uppercase; letter-spacing: .05em; padding: 0 0 8px; width: 38%; }
        table.scorecard th.kpi { text-align: left; vertical-align: top; font-weight: 400; padding: 10px 4px 10px 0;
          border-top: 1px solid var(--rule); }
        .kpi-name { display: block; font-weight: 650; font-size: 14.5px; }
        .def { display: block; font-size: 12px; color: var(--muted); margin-top: 2px; }
        .def b { color: var(--ink); font-weight: 600; }
        table.scorecard .card { background: var(--soft); border-left: 1px solid var(--line); border-right: 1px solid var(--line);
          text-align: right; vertical-align: top; padding: 10px 14px; min-width: 9.5em; }
        table.scorecard td.card { border-top: 1px solid var(--rule); }
        table.scorecard thead .card { border-top: 5px solid var(--call); border-radius: 8px 8px 0 0; padding-top: 10px;
          vertical-align: bottom; }
        table.scorecard thead .card-{id} { border-top-color: var(--c{name}); }
        table.scorecard tbody tr:last-child .card { border-bottom: 1px solid var(--line); border-radius: 0 0 8px 8px; }
        .card-name { display: block; font-size: 17px; font-weight: 700; }
        .card-carrier { display: none; }
        .big { display: block; font-size: 25px; font-weight: 700; line-height: 1.15; letter-spacing: -.01em; }
        .sub { display: block; font-size: 12px; color: var(--muted); font-weight: 400; }
        td.card.warn { background: var(--warn-bg); }
        td.card.warn .big { color: var(--warn); }

        /* Charts: each drawn twice (wide, narrow); the SVG scales to the page through its viewBox */
        figure.chart { margin: 18px 0 28px; }
        figure.chart figcaption { font-weight: 650; font-size: 15.5px; margin-bottom: 6px; }
        svg.chart-svg { display: block; width: 100%; height: auto; overflow: visible; }
        .chart-wide svg.chart-svg { max-width: 880px; }
        .chart-narrow { display: none; }
        .chart-narrow svg.chart-svg { max-width: 480px; }
        svg.chart-svg text { font-size: 12.5px; fill: var(--ink); }
        svg.chart-svg text.tick { font-size: 11.5px; fill: var(--muted); }
        svg.chart-svg text.axis-title { font-size: 12px; fill: var(--muted); }
        svg.chart-svg text.panel-title { font-size: 14px; font-weight: 700; }
        svg.chart-svg tspan.axis-note { font-size: 12.5px; font-weight: 600; fill: var(--warn); }
        svg.chart-svg text.status-label { font-weight: 650; }
        svg.chart-svg text.value { font-size: 12px; font-variant-numeric: tabular-nums; }
        svg.chart-svg .muted, svg.chart-svg tspan.muted { fill: var(--muted); font-weight: 400; font-size: 12px; }
        svg.chart-svg text.seg-label { font-size: 12px; font-weight: 650; }
        svg.chart-svg line.grid { stroke: #e3e6ea; stroke-width: 1; }
        svg.chart-svg line.axis { stroke: #8c959f; stroke-width: 1; }
        svg.chart-svg rect.seg { stroke: #fff; stroke-width: 1; }
        svg.chart-svg rect.swatch { stroke: rgba(0,0,0,.25); stroke-width: .5; }
        svg.chart-svg rect.outline { stroke: var(--line); stroke-dasharray: 4 3; }
        svg.chart-svg .pt { stroke: #fff; stroke-width: .8; }
        svg.chart-svg g.mark:hover rect, svg.chart-svg .pt:hover { opacity: .8; }

        /* Data tables: a wide table scrolls sideways inside its own box, never the page */
        .scroll { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        table.data { width: auto; min-width: 40%; font-size: 13px; margin: 6px 0 8px; }
        table.data caption { caption-side: top; text-align: left; font-weight: 650; padding: 6px 0 4px; }
        table.data th, table.data td { padding: 4px 9px; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule);
          white-space: nowrap; }
        table.data thead th { background: var(--soft); border-bottom: 2px solid var(--line); font-weight: 650; font-size: 12.5px;
          vertical-align: bottom; white-space: normal; min-width: 4.5em; }
        table.data tbody th { font-weight: 600; }
        table.data .n { text-align: right; }
        table.data .wrap { white-space: normal; min-width: 16em; }
        table.data tbody tr:hover { background: #f0f6ff; }
        table.summary { width: 100%; }
        table.summary th.carrier-col { min-width: 7.5em; }
        .colname { display: block; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 11px;
          color: var(--muted); font-weight: 400; }
        td.def-cell, td.meaning { color: var(--muted); font-size: 12.5px; min-width: 22em; }
        td.why { color: var(--warn); }
        .status { font-weight: 600; white-space: nowrap; }
        .cell-sub { display: block; font-size: 11.5px; color: var(--muted); font-weight: 400; }
        table.review { width: 100%; font-size: 12.5px; }
        table.review th, table.review td { padding: 4px 7px; }
        table.review td.at-stake { font-weight: 650; }
        table.review td.when { white-space: normal; min-width: 6.5em; }
        table.review td.wrap { min-width: 11em; overflow-wrap: anywhere; }
        .status-MATCHED, .status-DELIVERED { color: #006b4f; }
        .status-SHORT, .status-NOT_REMITTED, .status-DUPLICATE, .status-ATTEMPT_FAILED, .status-RETURNING { color: var(--warn); }
        .status-OVER, .status-UNEXPECTED, .status-UNKNOWN { color: #8f2a72; }

        /* COD key figures */
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin: 10px 0 4px; }
        .figure { border: 1px solid var(--line); border-radius: 8px; padding: 9px 12px; background: var(--soft); }
        .figure.warn { background: var(--warn-bg); border-color: #f0c27b; }
        .figure-label { display: block; font-size: 12px; font-weight: 650; color: var(--muted); }
        .figure-value { display: block; font-size: 19px; font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .figure.warn .figure-value { color: var(--warn); }
        .currency { font-size: 12px; font-weight: 600; color: var(--muted); }

        ol.inputs { margin: 6px 0; padding-left: 2.2em; }
        ol.inputs li { padding: 1px 0; word-break: break-all; }
        footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }

        /* Phones and narrow windows (HTMLReportPage.narrowBreakpoint): one column, headline values side by
           side under each KPI, the narrow drawing of each chart */
        @media screen and (max-width: \(narrowBreakpoint)px) {
          main { padding: 14px 12px 28px; }
          h1 { font-size: 22px; }
          h2 { margin-top: 30px; }
          .big { font-size: 19px; }
          .sub { font-size: 11.5px; }
          table.scorecard { display: grid; grid-template-columns: repeat(var(--cards, 3), minmax(0, 1fr)); gap: 0 6px;
            margin: 4px 0 0; width: 100%; }
          table.scorecard thead, table.scorecard tbody, table.scorecard tr { display: contents; }
          table.scorecard th.kpi-head { display: none; }
          table.scorecard th.kpi { grid-column: 1 / -1; padding: 12px 0 5px; border-top: 0; }
          table.scorecard .card, table.scorecard td.card, table.scorecard thead .card,
          table.scorecard tbody tr:last-child .card { min-width: 0; padding: 6px 8px; border: 1px solid var(--line);
            border-top: 4px solid var(--card-colour, var(--call)); border-radius: 6px; overflow-wrap: anywhere; }
          table.scorecard .card-{id} { --card-colour: var(--c{name}); }
          .card-name { font-size: 13px; }
          table.scorecard thead .card .sub { font-size: 10.5px; }
          table.summary { display: grid; grid-template-columns: minmax(0, 1.1fr) repeat(var(--cards, 3), minmax(0, 1fr));
            width: 100%; min-width: 0; }
          table.summary thead, table.summary tbody, table.summary tr { display: contents; }
          table.summary th, table.summary td { white-space: normal; overflow-wrap: anywhere; min-width: 0; border-bottom: 0;
            padding: 6px 5px 2px; }
          table.summary thead th { border-bottom: 2px solid var(--line); padding-bottom: 4px; }
          table.summary thead th.carrier-col { font-size: 11px; min-width: 0; padding: 6px 3px 4px; overflow-wrap: normal; }
          table.summary thead th.wrap { display: none; }
          table.summary td.def-cell { grid-column: 1 / -1; min-width: 0; padding: 0 5px 6px; font-size: 11.5px;
            border-bottom: 1px solid var(--rule); }
          .card-carrier { display: block; font-size: 10.5px; font-weight: 650; color: var(--muted); }
          .chart-wide { display: none; }
          .chart-narrow { display: block; }
          table.data { font-size: 12px; }
          td.def-cell, td.meaning { min-width: 15em; }
          .figures { grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); }
        }

        @page { size: A4; margin: 12mm 11mm 14mm; }
        @media print {
          html, body { background: #fff; }
          body { font-size: 9.5pt; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          main { max-width: none; padding: 0; }
          nav.toc { display: none; }
          h2 { font-size: 14pt; margin-top: 18pt; break-after: avoid; page-break-after: avoid; }
          h3, caption, figcaption, .lead { break-after: avoid; page-break-after: avoid; }
          section { break-before: auto; }
          #cod { break-before: page; page-break-before: always; }
          table.summary, table.kv, table.cod-totals { break-inside: avoid; page-break-inside: avoid; }
          #summary, #feedback { break-inside: avoid; page-break-inside: avoid; }
          .figures { grid-template-columns: repeat(3, 1fr); }
          .scroll { overflow: visible; }
          .chart-wide { display: block; }
          .chart-narrow { display: none; }
          .chart-wide svg.chart-svg { max-width: 100%; }
          table.data { font-size: 7.5pt; min-width: 0; }
          table.data th, table.data td { padding: 2px 4px; }
          table.data thead th { font-size: 7.5pt; min-width: 0; }
          table.data .wrap, td.def-cell, td.meaning { min-width: 12em; }
          td.def-cell, td.meaning { font-size: 7pt; }
          thead { display: table-header-group; }
          tr, td, th, .card, .figure, figure.chart, .empty, .notice { break-inside: avoid; page-break-inside: avoid; }
          table.scorecard { break-inside: avoid; page-break-inside: avoid; }
          table.scorecard .card { min-width: 0; padding: 6px 8px; }
          .big { font-size: 16pt; }
          .def { font-size: 8pt; }
          table.data tbody tr:hover { background: none; }
          ol.inputs li { word-break: break-all; }
          a { color: inherit; text-decoration: none; }
          abbr[title] { text-decoration: none; }
          footer { margin-top: 16pt; }
        }
        """
}
