import STPModel
import STPReport
import STPTerminal

/// Performs `e`: the request, as the report layer's exporter takes it.
func performExport(_ request: ExportRequest, dataset d: Dataset, metrics m: Metrics, directory: String) -> String {
  let view: ExportView
  switch request.pane {
  case .league: view = .league(request.measure, rows: request.rows)
  case .partners: view = .partners(rows: request.rows)
  case .funding: view = .funding(rows: request.rows)
  case .detail:
    guard let code = request.code else { return "nothing to export" }
    view = .detail(code: code)
  }
  return ViewExporter.export(view, dataset: d, metrics: m, directory: directory)
}
