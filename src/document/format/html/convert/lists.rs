//! Lists: what an open list numbers its next item, and the marker each
//! item gets (a bullet by depth, or its number).

use dom_query::NodeRef;

use super::elements::local;
use super::walker::Walker;
use crate::document::format::bullet;

/// One open list: what its next item is numbered.
#[derive(Debug, Clone, Copy)]
pub(super) struct List {
    /// Numbered (`ol`), or bulleted.
    pub(super) ordered: bool,
    /// The next item's number.
    pub(super) next: i64,
    /// +1, or −1 for a `reversed` list.
    step: i64,
}

impl Walker {
    /// The marker of the list item `node` in the innermost open list.
    pub(super) fn next_marker(&mut self, node: &NodeRef<'_>) -> String {
        let depth = usize::from(self.context.list);
        let Some(list) = self.lists.last_mut() else {
            return bullet(1).to_owned();
        };
        if !list.ordered {
            return bullet(depth).to_owned();
        }
        if let Some(value) = node
            .attr("value")
            .and_then(|v| v.trim().parse::<i64>().ok())
        {
            list.next = value;
        }
        let number = list.next;
        list.next = list.next.saturating_add(list.step);
        format!("{number}.")
    }
}

/// A list opened by `node`: numbered from its `start`, counting down when
/// `reversed` (from its number of items when it has no `start`).
pub(super) fn new_list(node: &NodeRef<'_>, ordered: bool) -> List {
    let reversed = ordered && node.has_attr("reversed");
    let start = node
        .attr("start")
        .and_then(|s| s.trim().parse::<i64>().ok());
    let next = start.unwrap_or_else(|| {
        if reversed {
            let items = node
                .children_it(false)
                .filter(|child| child.node_name().is_some_and(|n| local(&n) == "li"))
                .count();
            i64::try_from(items).unwrap_or(i64::MAX)
        } else {
            1
        }
    });
    List {
        ordered,
        next,
        step: if reversed { -1 } else { 1 },
    }
}
