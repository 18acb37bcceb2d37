//! Screens message files in a loop against an index file, with the name cache off, for
//! profilers and instruction counts:
//! `valgrind --tool=callgrind target/release/examples/profile_screen INDEX ROUNDS FILE...`.

use std::sync::Arc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: profile_screen INDEX ROUNDS FILE...");
        std::process::exit(2);
    }
    let index = interdict_index::Index::open(std::path::Path::new(&args[1])).expect("the index opens");
    let rounds: usize = args[2].parse().expect("ROUNDS is a number");
    let config = interdict_screen::ScreenConfig { name_cache_entries: 0, ..Default::default() };
    let screener = interdict_screen::Screener::new(Arc::new(index), config).expect("a screener");
    let messages: Vec<Vec<u8>> = args[3..].iter().map(|f| std::fs::read(f).expect("file read")).collect();
    let started = std::time::Instant::now();
    let mut held = 0;
    for _ in 0..rounds {
        for m in &messages {
            held += screener
                .screen_bytes(std::hint::black_box(m))
                .iter()
                .filter(|v| v.verdict == interdict_model::Outcome::Hold)
                .count();
        }
    }
    let n = rounds * messages.len();
    println!("{n} messages, {held} held, {:.2} us per message", started.elapsed().as_secs_f64() * 1e6 / n as f64);
}
