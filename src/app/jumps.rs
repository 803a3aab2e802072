//! The jump list, as vim keeps it: each jump leaves the place it left at
//! the newest end; `Ctrl-o` steps back through them (the place the reader
//! is at kept, so that `Ctrl-n` comes forward again to it).

use super::places::Place;

/// The most places kept: older ones are forgotten.
const MAX_JUMPS: usize = 100;

/// The places jumps left, oldest first, and which one the reader stepped
/// back to.
#[derive(Debug, Default)]
pub(super) struct Jumps {
    places: Vec<Place>,
    /// The index of the place stepped back to; `places.len()` when the
    /// reader has not stepped back since the last jump.
    at: usize,
}

impl Jumps {
    /// A jump left `from`: it becomes the newest place (once: an older
    /// entry for it goes), and stepping back starts again from the end.
    pub(super) fn record(&mut self, from: Place) {
        self.places.retain(|place| *place != from);
        self.places.push(from);
        if self.places.len() > MAX_JUMPS {
            self.places.remove(0);
        }
        self.at = self.places.len();
    }

    /// The places, oldest first.
    pub(super) fn places(&self) -> &[Place] {
        &self.places
    }

    /// Replaces the places (found again in a new text), stepping back
    /// from the end.
    pub(super) fn replace(&mut self, places: Vec<Place>) {
        self.places = places;
        self.at = self.places.len();
    }

    /// The place `times` steps older than the one the reader is at
    /// (`current`), if there is one.
    pub(super) fn older(&mut self, current: Place, times: usize) -> Option<Place> {
        if self.at >= self.places.len() {
            // The place the reader is at is kept (once), for coming
            // forward.
            self.places.retain(|place| *place != current);
            self.places.push(current);
            self.at = self.places.len() - 1;
        }
        let at = self.at.checked_sub(times.max(1))?;
        self.at = at;
        Some(self.places[at])
    }

    /// The place `times` steps newer than the one stepped back to, if
    /// there is one.
    pub(super) fn newer(&mut self, times: usize) -> Option<Place> {
        let at = self.at.checked_add(times.max(1))?;
        let place = *self.places.get(at)?;
        self.at = at;
        Some(place)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::viewport::Anchor;

    fn place(n: usize) -> Place {
        (Anchor::paragraph_start(n), n)
    }

    #[test]
    fn back_and_forth_through_three_jumps() {
        let mut jumps = Jumps::default();
        // 0 → 10 → 20 → 30 (each a jump), now at 30.
        for from in [0, 10, 20] {
            jumps.record(place(from));
        }
        assert_eq!(jumps.older(place(30), 1), Some(place(20)));
        assert_eq!(jumps.older(place(20), 1), Some(place(10)));
        assert_eq!(jumps.older(place(10), 1), Some(place(0)));
        assert_eq!(jumps.older(place(0), 1), None, "nothing older");
        assert_eq!(jumps.newer(2), Some(place(20)));
        assert_eq!(jumps.newer(1), Some(place(30)), "back where it started");
        assert_eq!(jumps.newer(1), None, "nothing newer");
    }

    #[test]
    fn a_jump_after_stepping_back_becomes_the_newest_once() {
        let mut jumps = Jumps::default();
        for from in [0, 10, 20] {
            jumps.record(place(from));
        }
        assert_eq!(jumps.older(place(30), 2), Some(place(10)));
        // From 10, a jump elsewhere: 10 is now the newest, not repeated.
        jumps.record(place(10));
        assert_eq!(jumps.older(place(50), 1), Some(place(10)));
        assert_eq!(jumps.older(place(10), 1), Some(place(30)));
        assert_eq!(jumps.older(place(30), 1), Some(place(20)));
        assert_eq!(jumps.older(place(20), 1), Some(place(0)));
        assert_eq!(jumps.older(place(0), 1), None);
    }

    #[test]
    fn only_the_newest_places_are_kept() {
        let mut jumps = Jumps::default();
        for from in 0..MAX_JUMPS + 20 {
            jumps.record(place(from));
        }
        let oldest = jumps.older(place(9999), MAX_JUMPS).unwrap();
        assert_eq!(oldest, place(20));
        assert_eq!(jumps.older(oldest, 1), None);
    }
}
