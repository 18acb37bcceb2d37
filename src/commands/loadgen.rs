//! `interdict loadgen`: send realistic payments to a topic at a controlled rate, read the
//! decisions back, and report throughput, produce→decision latency and whether every
//! expected hit was held. Without brokers it writes the payments to files instead.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use interdict_index::Index;
use interdict_loadgen::{listed_names_from, Decision, GeneratedPayment, Generator, GeneratorConfig, Mix, Recorder};
use interdict_model::EntityKind;
use interdict_stream::consumer::ReaderContext;
use interdict_stream::parse_duration;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::{Header, Message, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::{ClientConfig, Offset, TopicPartitionList};

/// The header that carries a payment's expected outcome (`hold` or `pass`).
pub const HEADER_EXPECTED: &str = "interdict-expected";

#[derive(Args)]
pub struct LoadgenArgs {
    /// Bootstrap brokers, HOST:PORT[,...]. Without them, payments go to files (--out).
    #[arg(long)]
    pub brokers: Option<String>,
    /// The topic payments are sent to.
    #[arg(long, default_value = "payments.in")]
    pub topic: String,
    /// The topic the decisions are read from.
    #[arg(long, default_value = "interdict.decisions")]
    pub decisions_topic: String,
    /// The index whose listed names make the hits.
    #[arg(long, env = "INTERDICT_INDEX", default_value = "lists.idx")]
    pub index: PathBuf,
    /// Payments per second, or `max`.
    #[arg(long, default_value = "1000")]
    pub rate: String,
    /// Ramp the rate up from zero over this long (`30s`), then hold it.
    #[arg(long)]
    pub ramp: Option<String>,
    /// Send for this long (`60s`, `5m`).
    #[arg(long)]
    pub duration: Option<String>,
    /// Send this many payments (with --duration, whichever comes first).
    #[arg(long)]
    pub count: Option<u64>,
    /// The share of payments that carry a listed name and must be held.
    #[arg(long, default_value_t = 0.02)]
    pub hit_ratio: f64,
    /// Format weights.
    #[arg(long, default_value = "pacs008=50,pacs009=20,mt103=30")]
    pub mix: Mix,
    /// The same seed makes the same payments.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write the report as JSON here.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Write a latency and throughput plot (SVG) here.
    #[arg(long)]
    pub plot: Option<PathBuf>,
    /// Write the payments to this directory (one file each, and expected.tsv) instead
    /// of sending them.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// After the last send, wait this long at most for the remaining decisions.
    #[arg(long, default_value = "30s")]
    pub drain_timeout: String,
    /// A librdkafka property for both clients, KEY=VALUE (repeat).
    #[arg(long = "kafka", value_name = "KEY=VALUE")]
    pub kafka: Vec<String>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// The target number of payments sent `t` into the run.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Rate {
    Max,
    Fixed { per_second: f64, ramp: Duration },
}

impl Rate {
    fn due(&self, t: Duration) -> Option<u64> {
        let Rate::Fixed { per_second: r, ramp } = *self else { return None };
        let t = t.as_secs_f64();
        let ramp = ramp.as_secs_f64();
        let n = if t < ramp { r * t * t / (2.0 * ramp) } else { r * ramp / 2.0 + r * (t - ramp) };
        Some(n.floor() as u64)
    }
}

fn rate(args: &LoadgenArgs) -> Result<Rate> {
    if args.rate.eq_ignore_ascii_case("max") {
        return Ok(Rate::Max);
    }
    let per_second: f64 = args.rate.parse().with_context(|| format!("--rate {:?}: a number or max", args.rate))?;
    if per_second <= 0.0 || !per_second.is_finite() {
        bail!("--rate must be above zero");
    }
    let ramp = match &args.ramp {
        Some(r) => parse_duration(r).map_err(|e| anyhow::anyhow!("--ramp: {e}"))?,
        None => Duration::ZERO,
    };
    Ok(Rate::Fixed { per_second, ramp })
}

fn generator(args: &LoadgenArgs, run_id: String) -> Result<Generator> {
    if !(0.0..=1.0).contains(&args.hit_ratio) {
        bail!("--hit-ratio must be between 0 and 1");
    }
    let listed = if args.hit_ratio > 0.0 {
        let index = Index::open(&args.index)
            .with_context(|| format!("opening {} for the listed names of hits (--index)", args.index.display()))?;
        let names = listed_names_from((0..index.entity_count() as u32).filter_map(|i| {
            let e = index.entity(i);
            let organisation = match EntityKind::from(&e.kind) {
                EntityKind::Person => false,
                EntityKind::Organization => true,
                _ => return None,
            };
            Some((e.id.to_string(), e.name.to_string(), organisation))
        }));
        if names.is_empty() {
            bail!("{} lists no person or organisation to make hits with", args.index.display());
        }
        names
    } else {
        Vec::new()
    };
    Ok(Generator::new(
        GeneratorConfig { seed: args.seed, hit_ratio: args.hit_ratio, mix: args.mix.clone(), run_id },
        listed,
    ))
}

pub fn run(args: LoadgenArgs) -> Result<ExitCode> {
    let rate = rate(&args)?;
    let duration =
        args.duration.as_deref().map(parse_duration).transpose().map_err(|e| anyhow::anyhow!("--duration: {e}"))?;
    let drain = parse_duration(&args.drain_timeout).map_err(|e| anyhow::anyhow!("--drain-timeout: {e}"))?;
    let run_id = format!(
        "lg{}-{}",
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()),
        args.seed
    );
    let mut generator = generator(&args, run_id.clone())?;
    if let Some(dir) = &args.out {
        let count = args.count.unwrap_or(1000);
        return write_files(&mut generator, dir, count);
    }
    let Some(brokers) = args.brokers.clone() else {
        bail!("give --brokers to send payments, or --out DIR to write them to files");
    };
    if duration.is_none() && args.count.is_none() {
        bail!("give --duration or --count");
    }
    let runtime = tokio::runtime::Runtime::new()?;
    let report = runtime.block_on(send_and_check(&args, &brokers, &run_id, generator, rate, duration, drain))?;
    println!("{}", report.summary());
    if let Some(path) = &args.report {
        std::fs::write(path, serde_json::to_vec_pretty(&report)?)
            .with_context(|| format!("writing {}", path.display()))?;
        println!("report: {}", path.display());
    }
    if let Some(path) = &args.plot {
        interdict_loadgen::write_svg(&report, path)?;
        println!("plot: {}", path.display());
    }
    Ok(if report.passed { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn client(args: &LoadgenArgs, brokers: &str) -> Result<ClientConfig> {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", brokers);
    for kv in &args.kafka {
        let (k, v) = kv.split_once('=').with_context(|| format!("--kafka {kv:?}: expected KEY=VALUE"))?;
        c.set(k, v);
    }
    Ok(c)
}

/// A consumer of the decisions topic from its current end, so only this run's decisions
/// (and late ones of earlier runs, which are counted apart) are read.
fn decisions_reader(args: &LoadgenArgs, brokers: &str, run_id: &str) -> Result<StreamConsumer<ReaderContext>> {
    let consumer = interdict_stream::consumer::reader(
        client(args, brokers)?
            .set("group.id", format!("interdict-loadgen-{run_id}"))
            .set("enable.auto.commit", "false")
            .set("fetch.wait.max.ms", "10"),
    )?;
    let metadata = consumer
        .fetch_metadata(Some(&args.decisions_topic), Duration::from_secs(10))
        .with_context(|| format!("reading the metadata of {}", args.decisions_topic))?;
    let topic = metadata
        .topics()
        .iter()
        .find(|t| t.name() == args.decisions_topic)
        .filter(|t| !t.partitions().is_empty())
        .with_context(|| format!("topic {} does not exist", args.decisions_topic))?;
    let mut assignment = TopicPartitionList::new();
    for p in topic.partitions() {
        let (_, high) = consumer.fetch_watermarks(&args.decisions_topic, p.id(), Duration::from_secs(10))?;
        assignment.add_partition_offset(&args.decisions_topic, p.id(), Offset::Offset(high))?;
    }
    consumer.assign(&assignment)?;
    Ok(consumer)
}

async fn send_and_check(
    args: &LoadgenArgs,
    brokers: &str,
    run_id: &str,
    mut generator: Generator,
    rate: Rate,
    duration: Option<Duration>,
    drain: Duration,
) -> Result<interdict_loadgen::Report> {
    let reader = decisions_reader(args, brokers, run_id)?;
    let producer: FutureProducer = client(args, brokers)?.set("linger.ms", "1").create()?;
    let recorder = Arc::new(Mutex::new(Recorder::new()?));
    let start = Instant::now();

    let (stop_reading, mut reading_stopped) = tokio::sync::oneshot::channel::<()>();
    let reading = {
        let recorder = recorder.clone();
        tokio::spawn(async move {
            loop {
                let received = tokio::select! {
                    _ = &mut reading_stopped => return reader,
                    m = reader.recv() => m,
                };
                let Ok(message) = received else {
                    // A broker error: librdkafka retries; do not spin meanwhile.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                let at = start.elapsed();
                let Some(mut decision) = parse_decision(message.payload().unwrap_or(&[])) else { continue };
                decision.record = Some((message.partition(), message.offset()));
                recorder.lock().expect("recorder lock").decided(&decision, at);
            }
        })
    };
    let (failures_tx, mut failures_rx) = tokio::sync::mpsc::unbounded_channel();
    let progress = if args.quiet { ProgressBar::hidden() } else { ProgressBar::new(args.count.unwrap_or(0)) };
    progress.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} sent {msg}")
            .expect("static template")
            .tick_chars("/|\\- "),
    );

    let mut sent = 0u64;
    loop {
        let elapsed = start.elapsed();
        if duration.is_some_and(|d| elapsed >= d) || args.count.is_some_and(|c| sent >= c) {
            break;
        }
        if let Some(due) = rate.due(elapsed) {
            if sent >= due {
                tokio::time::sleep(Duration::from_micros(500)).await;
                continue;
            }
        }
        let payment = generator.next_payment();
        let mut record = FutureRecord::to(&args.topic).key(&payment.key).payload(&payment.bytes).headers(
            OwnedHeaders::new()
                .insert(Header { key: HEADER_EXPECTED, value: Some(payment.expected.as_str()) })
                .insert(Header { key: "interdict-format", value: Some(payment.format.as_str()) }),
        );
        recorder.lock().expect("recorder lock").sent(&payment.key, start.elapsed(), payment.expected);
        let delivery = loop {
            match producer.send_result(record) {
                Ok(d) => break d,
                Err((_, back)) => {
                    // The producer queue is full: wait, never drop.
                    record = back;
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            }
        };
        let failures = failures_tx.clone();
        tokio::spawn(async move {
            if !matches!(delivery.await, Ok(Ok(_))) {
                let _ = failures.send(());
            }
        });
        sent += 1;
        if sent % 1000 == 0 {
            progress.set_position(sent);
            let pending = recorder.lock().expect("recorder lock").pending();
            progress.set_message(format!("{pending} awaiting a decision"));
        }
    }
    progress.set_position(sent);
    producer.flush(Duration::from_secs(30))?;
    let deadline = Instant::now() + drain;
    while Instant::now() < deadline {
        let pending = recorder.lock().expect("recorder lock").pending();
        progress.set_message(format!("{pending} awaiting a decision"));
        if pending == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    progress.finish_and_clear();
    let _ = stop_reading.send(());
    let reader = tokio::time::timeout(Duration::from_secs(10), reading)
        .await
        .context("the decisions reader did not stop within 10 s")??;
    interdict_stream::consumer::close(reader, Duration::from_secs(30)).await?;
    drop(failures_tx);
    let mut failed_sends = 0;
    while failures_rx.recv().await.is_some() {
        failed_sends += 1;
    }
    if failed_sends > 0 {
        eprintln!("{failed_sends} payments could not be sent (their decisions are missing)");
    }
    let report = recorder.lock().expect("recorder lock").report();
    Ok(report)
}

/// The key and verdict of a decision record (see `interdict run`).
fn parse_decision(payload: &[u8]) -> Option<Decision> {
    let d: serde_json::Value = serde_json::from_slice(payload).ok()?;
    Some(Decision {
        key: d.get("key")?.as_str()?.to_string(),
        verdict: d.get("verdict")?.as_str()?.to_string(),
        record: None,
    })
}

fn write_files(generator: &mut Generator, dir: &Path, count: u64) -> Result<ExitCode> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut expected = String::from("key\tfile\tformat\texpected\tlisted_entity\n");
    for _ in 0..count {
        let GeneratedPayment { key, format, bytes, expected: outcome, listed_entity, .. } = generator.next_payment();
        let file = format!("{key}.{}", if format.as_str() == "mt103" { "txt" } else { "xml" });
        std::fs::write(dir.join(&file), &bytes).with_context(|| format!("writing {file}"))?;
        expected.push_str(&format!(
            "{key}\t{file}\t{}\t{}\t{}\n",
            format.as_str(),
            outcome.as_str(),
            listed_entity.as_deref().unwrap_or("-")
        ));
    }
    std::fs::write(dir.join("expected.tsv"), expected)?;
    println!("wrote {count} payments and expected.tsv to {}", dir.display());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_schedules_fixed_and_ramped_sends() {
        let fixed = Rate::Fixed { per_second: 1000.0, ramp: Duration::ZERO };
        let ramped = Rate::Fixed { per_second: 1000.0, ramp: Duration::from_secs(10) };
        // (rate, at ms, due)
        let cases = [
            (fixed, 0, 0),
            (fixed, 1500, 1500),
            (ramped, 0, 0),
            (ramped, 5000, 1250),   // half way up the ramp: a quarter of the area
            (ramped, 10_000, 5000), // the ramp's triangle
            (ramped, 12_000, 7000), // then full rate
        ];
        for (rate, ms, due) in cases {
            assert_eq!(rate.due(Duration::from_millis(ms)), Some(due), "{rate:?} at {ms} ms");
        }
        assert_eq!(Rate::Max.due(Duration::from_secs(1)), None);
    }

    #[test]
    fn decisions_are_read_from_records() {
        let ok = br#"{"input": {"topic": "in", "partition": 0, "offset": 4}, "key": "lg-1", "verdict": "hold"}"#;
        assert_eq!(parse_decision(ok), Some(Decision { key: "lg-1".into(), verdict: "hold".into(), record: None }));
        for bad in [&b"not json"[..], br#"{"verdict": "pass"}"#, br#"{"key": 7, "verdict": "pass"}"#] {
            assert_eq!(parse_decision(bad), None);
        }
    }
}
