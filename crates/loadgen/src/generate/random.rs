//! Draws from the generator's one seeded random number generator: an item of a list, a
//! digit, a letter, a UUID. Every draw, and the order of the draws, is part of what a
//! seed means.

use std::fmt::Write as _;

use rand::rngs::StdRng;
use rand::Rng;

pub(crate) fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

pub(crate) fn pick_str(rng: &mut StdRng, items: &[&'static str]) -> &'static str {
    items[rng.random_range(0..items.len())]
}

pub(crate) fn digit(rng: &mut StdRng) -> char {
    char::from(b'0' + rng.random_range(0..10u8))
}

pub(crate) fn letter(rng: &mut StdRng) -> char {
    char::from(b'A' + rng.random_range(0..26u8))
}

pub(crate) fn alnum(rng: &mut StdRng) -> char {
    let i = rng.random_range(0..36u8);
    if i < 10 {
        char::from(b'0' + i)
    } else {
        char::from(b'A' + i - 10)
    }
}

/// A version 4 UUID, lower case, from the generator's random numbers.
pub(crate) fn uuid(rng: &mut StdRng, out: &mut String) {
    let mut v: u128 = rng.random();
    v = (v & !(0xF << 76)) | (0x4 << 76);
    v = (v & !(0x3 << 62)) | (0x2 << 62);
    let _ = write!(
        out,
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        (v >> 96) as u32,
        (v >> 80) as u16,
        (v >> 64) as u16,
        (v >> 48) as u16,
        v as u64 & 0xFFFF_FFFF_FFFF
    );
}
