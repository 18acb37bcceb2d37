//! Parses one message file in a loop, for profilers:
//! `perf record target/release/examples/profile_parse FILE [ROUNDS]`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(file) = args.get(1) else {
        eprintln!("usage: profile_parse FILE [ROUNDS]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(file).expect("file read");
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(100_000);
    let limits = interdict_messages::Limits::default();
    let started = std::time::Instant::now();
    let mut ok = 0;
    for _ in 0..rounds {
        ok += interdict_messages::parse(std::hint::black_box(&bytes), &limits).iter().filter(|r| r.is_ok()).count();
    }
    println!("{ok} payments, {:.2} us per input", started.elapsed().as_secs_f64() * 1e6 / rounds as f64);
}
