//! The neighbour lists stored for every listed word are exactly what searching the
//! index finds, so a listed word and an unlisted one are paired by the same rules.

use interdict_index::{Index, NeighbourKind};

fn ofac_index() -> Index {
    interdict_testkit::lists::index_of(&interdict_testkit::lists::bundled_sdn())
}

#[test]
fn stored_neighbours_are_the_searched_ones_for_every_listed_word() {
    let index = ofac_index();
    let mut kinds = [0usize; 3];
    for id in index.token_ids() {
        let word = index.token(id);
        let stored = index.neighbours(word);
        assert_eq!(stored, index.search_neighbours(word), "{word}");
        assert!(stored.iter().any(|n| n.token == id && n.kind == NeighbourKind::Exact), "{word} pairs with itself");
        for n in &stored {
            kinds[match n.kind {
                NeighbourKind::Exact => 0,
                NeighbourKind::SoundsAlike => 1,
                NeighbourKind::Typo => 2,
            }] += 1;
        }
    }
    // The lists hold more than the words themselves.
    assert!(kinds[1] > 1000 && kinds[2] > 1000, "exact/sounds-alike/typo: {kinds:?}");
}

#[test]
fn words_the_lists_do_not_hold_are_searched() {
    let index = ofac_index();
    let cases: &[(&str, &str, NeighbourKind)] = &[
        ("muhamad", "muhammad", NeighbourKind::SoundsAlike),
        ("hernandes", "hernandez", NeighbourKind::SoundsAlike),
        ("sungatof", "sungatov", NeighbourKind::Typo),
    ];
    for (word, listed, kind) in cases {
        assert_eq!(index.token_id(word), None, "{word} must be unlisted for this case");
        let found = index.neighbours(word);
        let listed_id = index.token_id(listed);
        assert!(
            found.iter().any(|n| Some(n.token) == listed_id && n.kind == *kind),
            "{word} → {listed}: {:?}",
            found.iter().map(|n| (index.token(n.token), n.kind)).collect::<Vec<_>>()
        );
    }
}
