import STPModel
import STPReport
import STPTerminal

/// Performs `e`: the request, as the report layer's exporter takes it.
func performExport(
  _ request: ExportRequest, dataset d: Dataset, metrics m: Metrics, directory: String
) -> String {
  ViewExporter.export(
    request.view, dataset: d, metrics: m, directory: directory, filter: request.filter)
}
