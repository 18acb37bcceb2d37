//! Typed ids and the read-in-place views the index hands out.
//!
//! The archive stores every id as rkyv's `u32` (little-endian, whatever the machine).
//! Readers never see those: an id comes out of the index as an [`EntityId`], a
//! [`NameId`] or a [`TokenId`], a list of ids stored in the archive (postings) as
//! [`Ids`], which reads them in place and converts each as it is read, and a name as a
//! [`NameRef`] with native accessors. The conversion is a plain load on little-endian
//! machines, so the views cost nothing over reading the archive directly.

use std::fmt;
use std::marker::PhantomData;

use interdict_model::NameRole;

use crate::ArchivedIndexedName;

/// An id as the archive stores it (rkyv's `u32`).
pub(crate) type ArchivedU32 = rkyv::Archived<u32>;

mod sealed {
    /// Conversion between a typed id and the `u32` the archive stores. Private: ids
    /// come from the index, so an id names an entity, name or token that exists.
    pub trait RawId: Copy {
        fn from_raw(raw: u32) -> Self;
        fn raw(self) -> u32;
    }
}

pub(crate) use sealed::RawId;

/// A typed id of the index ([`EntityId`], [`NameId`], [`TokenId`]); what [`Ids`] lists.
/// Implemented only by this crate's ids.
pub trait Id: RawId + Copy + Eq + Ord + std::hash::Hash + fmt::Debug {}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub(crate) u32);

        impl $name {
            /// The id's position in its table, for arrays kept alongside the index
            /// (one slot per name, per token...).
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id as a number, for output and logs.
            #[inline]
            pub fn get(self) -> u32 {
                self.0
            }
        }

        impl RawId for $name {
            #[inline(always)]
            fn from_raw(raw: u32) -> Self {
                $name(raw)
            }

            #[inline(always)]
            fn raw(self) -> u32 {
                self.0
            }
        }

        impl Id for $name {}

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type! {
    /// A listed entity: its position among the index's entities
    /// ([`crate::Index::entity`]).
    EntityId
}

id_type! {
    /// One name of a listed entity (primary name, alias, original-script name): its
    /// position among the index's names ([`crate::Index::name`]).
    NameId
}

id_type! {
    /// A distinct listed word: its position in the index's sorted word list
    /// ([`crate::Index::token`]).
    TokenId
}

/// A list of ids stored in the index (postings), read in place: no copy and no
/// allocation, each id converted from the archive's integer as it is read. Lists the
/// index keeps sorted (a token's names) can be searched with [`Ids::binary_search`].
#[derive(Clone, Copy)]
pub struct Ids<'a, T> {
    items: &'a [ArchivedU32],
    id: PhantomData<T>,
}

impl<'a, T: Id> Ids<'a, T> {
    #[inline]
    pub(crate) fn new(items: &'a [ArchivedU32]) -> Self {
        Ids { items, id: PhantomData }
    }

    /// The empty list.
    #[inline]
    pub fn empty() -> Self {
        Ids::new(&[])
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The id at position `i`, if the list is that long.
    #[inline]
    pub fn get(&self, i: usize) -> Option<T> {
        self.items.get(i).map(|raw| T::from_raw(raw.to_native()))
    }

    /// The first id, if any.
    #[inline]
    pub fn first(&self) -> Option<T> {
        self.get(0)
    }

    /// Searches a sorted list for `id`, as [`slice::binary_search`] does: `Ok` with its
    /// position if it is there, `Err` with where it would go if not.
    #[inline]
    pub fn binary_search(&self, id: &T) -> Result<usize, usize> {
        let raw = id.raw();
        self.items.binary_search_by_key(&raw, |n| n.to_native())
    }

    /// The ids in stored order.
    #[inline]
    pub fn iter(&self) -> IdIter<'a, T> {
        IdIter { items: self.items.iter(), id: PhantomData }
    }
}

impl<T: Id> fmt::Debug for Ids<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a, T: Id> IntoIterator for Ids<'a, T> {
    type Item = T;
    type IntoIter = IdIter<'a, T>;

    #[inline]
    fn into_iter(self) -> IdIter<'a, T> {
        self.iter()
    }
}

impl<'a, T: Id> IntoIterator for &Ids<'a, T> {
    type Item = T;
    type IntoIter = IdIter<'a, T>;

    #[inline]
    fn into_iter(self) -> IdIter<'a, T> {
        self.iter()
    }
}

/// The ids of an [`Ids`] list, in stored order.
#[derive(Clone)]
pub struct IdIter<'a, T> {
    items: std::slice::Iter<'a, ArchivedU32>,
    id: PhantomData<T>,
}

impl<T: Id> Iterator for IdIter<'_, T> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        self.items.next().map(|raw| T::from_raw(raw.to_native()))
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }

    #[inline]
    fn nth(&mut self, n: usize) -> Option<T> {
        self.items.nth(n).map(|raw| T::from_raw(raw.to_native()))
    }
}

impl<T: Id> DoubleEndedIterator for IdIter<'_, T> {
    #[inline]
    fn next_back(&mut self) -> Option<T> {
        self.items.next_back().map(|raw| T::from_raw(raw.to_native()))
    }
}

impl<T: Id> ExactSizeIterator for IdIter<'_, T> {}

impl<T: Id> std::iter::FusedIterator for IdIter<'_, T> {}

impl<T: Id> fmt::Debug for IdIter<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// One name of one entity as the index holds it, read in place.
#[derive(Clone, Copy)]
pub struct NameRef<'a> {
    name: &'a ArchivedIndexedName,
}

impl<'a> NameRef<'a> {
    #[inline]
    pub(crate) fn new(name: &'a ArchivedIndexedName) -> Self {
        NameRef { name }
    }

    /// The entity this name belongs to.
    #[inline]
    pub fn entity(&self) -> EntityId {
        EntityId(self.name.entity.to_native())
    }

    /// Whether this is the primary name, an alias or an original-script name.
    #[inline]
    pub fn role(&self) -> NameRole {
        NameRole::from(&self.name.role)
    }

    /// The name as listed.
    #[inline]
    pub fn text(&self) -> &'a str {
        self.name.text.as_str()
    }

    /// The name's canonical tokens (`interdict_text::analyze`) joined by spaces.
    #[inline]
    pub fn normalized(&self) -> &'a str {
        self.name.normalized.as_str()
    }

    /// The words of the normalised name, in order.
    #[inline]
    pub fn tokens(&self) -> Ids<'a, TokenId> {
        Ids::new(self.name.tokens.as_slice())
    }
}

impl fmt::Debug for NameRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NameRef")
            .field("entity", &self.entity())
            .field("role", &self.role())
            .field("text", &self.text())
            .field("normalized", &self.normalized())
            .field("tokens", &self.tokens())
            .finish()
    }
}
