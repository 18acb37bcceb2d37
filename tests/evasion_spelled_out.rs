//! Listed names spelled out letter by letter.

mod evasion;
use evasion::*;

#[test]
fn spelled_out_names_are_read_as_words() {
    let cases = [
        // The case that passed.
        ("every letter dotted", "C.H.O.I. C.H.O.L. M.I.N."),
        ("dotted without the last dots", "C.H.O.I C.H.O.L M.I.N"),
        ("dashes", "C-H-O-E C-H-O-L M-I-N"),
        ("one word dotted", "CHOE C.H.O.L MIN"),
    ];
    for (what, name) in cases {
        assert_not_passed(what, &pacs008_named(name), Some(CHOE));
    }
    // Initials stay initials: a stranger with initials passes.
    assert_passes("initials", &pacs008_named("E. J. HARGREAVES"));
}
