//! Small helpers every parser uses to fill an entity's fields: list text with its white
//! space tidied, and list fields that hold each value once.

/// Trims `text` and turns each run of white space inside it (line breaks and tabs
/// included) into one space: lists wrap and indent long values freely.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`collapse_whitespace`], or `None` when nothing is left.
pub(crate) fn collapsed(text: &str) -> Option<String> {
    non_empty(collapse_whitespace(text))
}

/// `None` for the empty string: an absent value rather than an empty one.
pub(crate) fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// Adds `item` unless an equal one is there already; the list keeps file order.
pub(crate) fn push_unique<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_runs_become_one_space() {
        assert_eq!(collapse_whitespace("  AL-QAIDA \n\t IN  IRAQ "), "AL-QAIDA IN IRAQ");
        assert_eq!(collapse_whitespace(" \n "), "");
        assert_eq!(collapsed(" Tehran\n"), Some("Tehran".to_string()));
        assert_eq!(collapsed("\t"), None);
    }

    #[test]
    fn push_unique_keeps_the_first_of_equal_items() {
        let mut programs = vec!["SDGT".to_string()];
        push_unique(&mut programs, "IRGC".to_string());
        push_unique(&mut programs, "SDGT".to_string());
        assert_eq!(programs, ["SDGT", "IRGC"]);
    }
}
