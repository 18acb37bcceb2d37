//! Runs name queries in a loop, for profilers: `perf record target/release/examples/profile_queries INDEX QUERIES [ROUNDS]`.
//! QUERIES is a file with one name per line (a TSV takes its second column).

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: profile_queries INDEX QUERIES [ROUNDS]");
        std::process::exit(2);
    }
    let index = interdict_index::Index::open(args[1].as_ref()).expect("index opens");
    let text = std::fs::read_to_string(&args[2]).expect("queries read");
    let queries: Vec<&str> = text.lines().map(|l| l.split('\t').nth(1).unwrap_or(l)).collect();
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(10);
    let matcher = interdict_matcher::Matcher::new(&index, Default::default());
    let mut alerts = 0;
    let mut slowest: Vec<(u128, &str)> = queries.iter().map(|q| (u128::MAX, *q)).collect();
    for _ in 0..rounds {
        for (i, q) in queries.iter().enumerate() {
            let started = std::time::Instant::now();
            alerts += matcher.search(q).len();
            slowest[i].0 = slowest[i].0.min(started.elapsed().as_nanos());
        }
    }
    println!("{alerts} alerts");
    if std::env::var_os("SLOWEST").is_some() {
        slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
        for (ns, q) in slowest.iter().take(25) {
            println!("{:>8.1} us  {q}", *ns as f64 / 1000.0);
        }
    }
}
