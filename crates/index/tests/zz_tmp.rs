use interdict_index::Index;
use std::panic::{catch_unwind, AssertUnwindSafe};
#[path = "no_panic.rs"]
#[allow(dead_code, unused_imports)]
mod np;

#[test]
fn scan() {
    let orig = np::sample_for_tmp();
    let idx0 = Index::from_bytes(orig.to_vec()).unwrap();
    let d0 = idx0.data();
    let tok_at = orig.windows(d0.token_fst.len()).position(|w| w == d0.token_fst.as_slice()).unwrap();
    println!("len {} token fst at {tok_at} len {}", orig.len(), d0.token_fst.len());
    std::panic::set_hook(Box::new(|_| {}));
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    let (mut total, mut opened, mut panicking, mut caught, mut missed, mut extra) = (0, 0, 0, 0, 0, 0);
    let mut first_tok = None;
    for at in 64..orig.len() {
        for mask in [1u8, 0x10, 0x11, 0x80, 0xff] {
            total += 1;
            let mut b = orig.to_vec();
            b[at] ^= mask;
            let sum = xxhash_rust::xxh3::xxh3_64(&b[64..]);
            b[48..56].copy_from_slice(&sum.to_le_bytes());
            let r = catch_unwind(|| Index::from_bytes(b.clone()));
            let Ok(Ok(idx)) = r else { if r.is_err() { counts.insert("OPEN PANIC", 1); } continue };
            opened += 1;
            let tokens: Vec<String> = (0..idx.token_count() as u32).map(|i| idx.token(i).to_string()).collect();
            let names: Vec<String> = (0..idx.name_count() as u32).map(|i| idx.name(i).normalized.to_string()).collect();
            let tests: [(&str, &dyn Fn()); 8] = [
                ("tables", &|| np::read_tables_for_tmp(&idx)),
                ("token_id", &|| for t in &tokens { let _ = idx.token_id(t); }),
                ("tokens_with_phonetic_key", &|| for t in &tokens { let _ = idx.tokens_with_phonetic_key(&interdict_text::phonetic_key(t)); }),
                ("tokens_with_deletion", &|| for t in &tokens { let _ = idx.tokens_with_deletion(t); }),
                ("tokens_with_prefix", &|| for t in &tokens { let _ = idx.tokens_with_prefix(&t[..1], 10); }),
                ("names_exactly", &|| for n in &names { let _ = idx.names_exactly(n); }),
                ("entities_with_identifier", &|| { for e in np::entities_for_tmp() { for i in &e.identifiers { let _ = idx.entities_with_identifier(&i.kind, &i.value); } } }),
                ("token_map stream", &|| { use fst::Streamer; let m = idx.token_map(); let mut s = m.stream(); while s.next().is_some() {} }),
            ];
            let mut any = false;
            for (name, f) in tests {
                if catch_unwind(AssertUnwindSafe(f)).is_err() {
                    *counts.entry(name).or_default() += 1;
                    any = true;
                    if name == "token_id" && first_tok.is_none() && mask == 0x11 { first_tok = Some(at - tok_at); }
                }
            }
            let d = idx.data();
            let verified = [&d.token_fst, &d.phonetic_fst, &d.delete_fst, &d.name_fst, &d.identifier_fst].iter().all(|f| fst::raw::Fst::new(f.as_slice()).is_ok_and(|f| f.verify().is_ok()));
            if any { panicking += 1; if verified { missed += 1 } else { caught += 1 } } else if !verified { extra += 1 }
        }
    }
    let _ = std::panic::take_hook();
    println!("total {total} opened {opened} panicking {panicking} verify-caught {caught} verify-missed {missed} verify-refuses-nonpanicking {extra}");
    println!("{counts:?} first token_id panic with mask 0x11 at token fst offset {first_tok:?}");
}
