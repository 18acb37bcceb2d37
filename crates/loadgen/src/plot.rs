//! The run as a picture: throughput over time, and the latency distribution as a
//! percentile curve (the tail spread out, as HDR histograms are usually shown).

use std::path::Path;

use plotters::prelude::*;

use crate::{Error, Report};

/// Percentiles are spread by their "nines": 90 → 1, 99 → 2, 99.9 → 3.
fn nines(percentile: f64) -> f64 {
    let rest = (1.0 - percentile / 100.0).max(1e-6);
    -rest.log10()
}

fn percentile_label(nines: f64) -> String {
    let p = 100.0 * (1.0 - 10f64.powf(-nines));
    if p < 99.0 {
        format!("{p:.0}")
    } else {
        let s = format!("{p:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Writes an SVG with two charts side by side.
pub fn write_svg(report: &Report, path: &Path) -> Result<(), Error> {
    let plot_error = |e: &dyn std::fmt::Display| Error::Plot(format!("{}: {e}", path.display()));
    let root = SVGBackend::new(path, (1200, 480)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| plot_error(&e))?;
    let (left, right) = root.split_horizontally(600);

    // Throughput: payments sent and decisions read, per second of the run.
    let seconds = report.per_second.len().max(1) as u64;
    let top = report.per_second.iter().map(|s| s.sent.max(s.decided)).max().unwrap_or(0).max(1);
    let mut chart = ChartBuilder::on(&left)
        .caption("Throughput (per second)", ("sans-serif", 20))
        .margin(15)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(0u64..seconds, 0u64..top + top / 10 + 1)
        .map_err(|e| plot_error(&e))?;
    chart.configure_mesh().x_desc("second of the run").y_desc("messages").draw().map_err(|e| plot_error(&e))?;
    chart
        .draw_series(LineSeries::new(report.per_second.iter().map(|s| (s.second, s.sent)), &BLUE))
        .map_err(|e| plot_error(&e))?
        .label("sent")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLUE));
    chart
        .draw_series(LineSeries::new(report.per_second.iter().map(|s| (s.second, s.decided)), &RED))
        .map_err(|e| plot_error(&e))?
        .label("decided")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], RED));
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()
        .map_err(|e| plot_error(&e))?;

    // Latency: the percentile curve, in milliseconds.
    let points: Vec<(f64, f64)> =
        report.latency_curve.iter().map(|p| (nines(p.percentile), p.us as f64 / 1000.0)).collect();
    let max_ms = points.iter().map(|p| p.1).fold(0.0f64, f64::max).max(0.001);
    let max_nines = points.iter().map(|p| p.0).fold(0.0f64, f64::max).max(1.0);
    let mut chart = ChartBuilder::on(&right)
        .caption("Produce → decision latency", ("sans-serif", 20))
        .margin(15)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..max_nines, 0.0..max_ms * 1.1)
        .map_err(|e| plot_error(&e))?;
    chart
        .configure_mesh()
        .x_desc("percentile")
        .y_desc("milliseconds")
        .x_labels(7)
        .x_label_formatter(&|n| percentile_label(*n))
        .draw()
        .map_err(|e| plot_error(&e))?;
    chart.draw_series(LineSeries::new(points, &RED)).map_err(|e| plot_error(&e))?;
    root.present().map_err(|e| plot_error(&e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Decision, Expected, Recorder};
    use std::time::Duration;

    #[test]
    fn percentiles_map_to_nines_and_back() {
        // (percentile, nines, label)
        let cases = [(0.0, 0.0, "0"), (90.0, 1.0, "90"), (99.0, 2.0, "99"), (99.9, 3.0, "99.9"), (99.99, 4.0, "99.99")];
        for (p, n, label) in cases {
            assert!((nines(p) - n).abs() < 1e-9, "{p}");
            assert_eq!(percentile_label(n), label);
        }
    }

    #[test]
    fn writes_both_charts() {
        let mut r = Recorder::new().unwrap();
        for i in 0..300u64 {
            let key = format!("k{i}");
            r.sent(&key, Duration::from_millis(i * 10), Expected::Pass);
            r.decided(
                &Decision { key, verdict: "pass".into(), record: None },
                Duration::from_millis(i * 10 + 2 + i % 7),
            );
        }
        let dir = std::env::temp_dir().join(format!("interdict-plot-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("run.svg");
        write_svg(&r.report(), &path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..60.min(svg.len())]);
        for text in ["Throughput (per second)", "Produce → decision latency", "decided", "percentile", "99.9"] {
            assert!(svg.contains(text), "the plot shows {text:?}");
        }
        assert!(svg.matches("<polyline").count() >= 3, "three lines: sent, decided, latency");
    }
}
